package ulvm.raid.md;

import java.util.Locale;

/**
 * The data layouts of LVM2's striped raid segment types, as the kernel's dm-raid maps them onto md (drivers/md/dm-raid.c,
 * table {@code raid_types}): "raid4" is md raid5 with ALGORITHM_PARITY_0 (the dedicated parity image first; LVM2's
 * {@code _shift_parity_dev} moves it to the end for raid5_n), raid5 and raid6 take md's rotating algorithms, raid6_*_6
 * keep Q on the last image, raid10 is md raid10 with near copies (LVM2's mirror groups are consecutive images).
 */
public enum MdAlgorithm {
    RAID0("raid0", 0),
    RAID10("raid10", 0),
    RAID4("raid4", 1),
    RAID5_LA("raid5_la", 1),
    RAID5_RA("raid5_ra", 1),
    RAID5_LS("raid5_ls", 1),
    RAID5_RS("raid5_rs", 1),
    RAID5_N("raid5_n", 1),
    RAID6_ZR("raid6_zr", 2),
    RAID6_NR("raid6_nr", 2),
    RAID6_NC("raid6_nc", 2),
    RAID6_LA_6("raid6_la_6", 2),
    RAID6_RA_6("raid6_ra_6", 2),
    RAID6_LS_6("raid6_ls_6", 2),
    RAID6_RS_6("raid6_rs_6", 2),
    RAID6_N_6("raid6_n_6", 2);

    private final String segtype;
    private final int parity;

    MdAlgorithm(String segtype, int parity) {
        this.segtype = segtype;
        this.parity = parity;
    }

    /** LVM2's segment type name. */
    public String segtype() { return segtype; }

    /** Images that hold parity in each stripe: 0, 1 (P) or 2 (P and Q). */
    public int parityImages() { return parity; }

    public boolean mirrored() { return this == RAID10; }

    /**
     * The algorithm of LVM2 segment type {@code name} ("raid5" means raid5_ls, "raid6" raid6_zr, "raid0_meta" and
     * "raid10_near" their plain forms), or null for a type with no striped md layout.
     */
    public static MdAlgorithm of(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        switch (n) {
            case "raid5": return RAID5_LS;
            case "raid6": return RAID6_ZR;
            case "raid0_meta": return RAID0;
            case "raid10_near": return RAID10;
            default:
                for (MdAlgorithm a : values()) if (a.segtype.equals(n)) return a;
                return null;
        }
    }
}
