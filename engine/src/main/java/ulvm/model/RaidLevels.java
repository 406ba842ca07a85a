package ulvm.model;

/**
 * What LVM2 knows of each raid segment type (lib/raid/raid.c _raid_types, lib/metadata/segtype.h): parity devices,
 * whether images pair with rmeta LVs, the number of data copies, and which names are aliases of which layout
 * ("raid5" is raid5_ls, "raid6" raid6_zr, "raid10" raid10_near).
 */
public final class RaidLevels {
    private RaidLevels() {}

    /** Whether LVM2 registers {@code type} as a raid segment type. */
    public static boolean known(String type) {
        return switch (type) {
            case "raid0", "raid0_meta", "raid1", "raid10", "raid10_near", "raid4", "raid5", "raid5_n", "raid5_la", "raid5_ls",
                    "raid5_ra", "raid5_rs", "raid6", "raid6_n_6", "raid6_nc", "raid6_nr", "raid6_zr", "raid6_la_6", "raid6_ls_6",
                    "raid6_ra_6", "raid6_rs_6" -> true;
            default -> false;
        };
    }

    /** raid0 or raid0_meta (seg_is_any_raid0). */
    public static boolean raid0(String type) { return type.equals("raid0") || type.equals("raid0_meta"); }

    public static boolean raid10(String type) { return type.equals("raid10") || type.equals("raid10_near"); }

    public static boolean raid5(String type) { return type.startsWith("raid5"); }

    public static boolean raid6(String type) { return type.startsWith("raid6"); }

    /** The segtype's parity_devs: 1 for raid4 and raid5, 2 for raid6. */
    public static int parity(String type) {
        if (raid6(type)) return 2;
        return raid5(type) || type.equals("raid4") ? 1 : 0;
    }

    /** Whether each image has an rmeta LV: every level but raid0. */
    public static boolean hasMeta(String type) { return !type.equals("raid0"); }

    /** Striped levels (segtype_is_striped_raid): the LV's extents spread over the data images. */
    public static boolean striped(String type) { return !type.equals("raid1") && known(type); }

    /** lv_raid_data_copies: 2 for raid10, the image count for raid1, parity + 1 for raid4/5/6, 1 for raid0. */
    public static int dataCopies(String type, int images) {
        if (raid10(type)) return 2;
        if (type.equals("raid1")) return images;
        return parity(type) + 1;
    }

    /** The images of the LV that hold data (area_count less parity; raid10: divided by its copies). */
    public static int dataStripes(String type, int images) {
        int n = images - parity(type);
        return raid10(type) ? n / 2 : n;
    }

    /** Extents of each image for {@code extents} of LV (raid_manip.c raid_rimage_extents). */
    public static long imageExtents(String type, long extents, int images) {
        if (!striped(type)) return extents;
        long r = raid10(type) ? extents * 2 : extents;
        int stripes = raid10(type) ? images : images - parity(type);
        return (r + stripes - 1) / stripes;
    }

    /**
     * The segment's area_len as LVM2 2.03.16 reads it (import_vsn1.c, raid.c _raid_text_import), what lvdisplay -m
     * and the LE ranges show: raid0 divides by its stripes, raid4/5/6 as {@link #imageExtents}; raid1 and raid10
     * keep the LV's extents (for raid10 more than its images hold).
     */
    public static long areaLen(String type, long extents, int images) {
        if (raid0(type)) return extents / Math.max(1, images);
        return parity(type) > 0 ? imageExtents(type, extents, images) : extents;
    }

    /** The least stripes (data images) LVM2's lvcreate takes: 3 for raid6, else 2. */
    public static int minStripes(String type) { return raid6(type) ? 3 : 2; }

    /** DEFAULT_RAID_MAX_IMAGES (64) less the parity devices: the most stripes lvcreate takes. */
    public static int maxStripes(String type) { return 64 - parity(type); }

    /**
     * Whether an array of {@code type} still holds all its data with the images {@code failed} marks (an image
     * counts as failed when its rimage or rmeta is): raid_manip.c _partial_raid_lv_is_redundant. raid1 needs one
     * image; raid4/5 tolerate one failed image and raid6 two; raid10 one per mirror set (adjacent images, LVM2's loop
     * taken as it is); raid0 none (LVM2 2.03.16 leaves raid0 to the kernel's refusal, its parity_devs being 0).
     */
    public static boolean redundant(String type, boolean[] failed) {
        int n = failed.length, count = 0;
        for (boolean f : failed) if (f) count++;
        if (count == 0) return true;
        if (raid0(type) || count == n) return false;
        if (raid10(type)) {
            int group = 0;
            for (int i = 0; i < n * 2; i++) {
                if (i % 2 == 0) group = 0;
                if (failed[i % n]) group++;
                if (group >= 2) return false;
            }
            return true;
        }
        return parity(type) == 0 || count <= parity(type);
    }
}
