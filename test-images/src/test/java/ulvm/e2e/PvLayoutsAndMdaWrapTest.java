package ulvm.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PVs with small metadata areas, a second mda at the end, a bootloader area and aligned data: ulvm lays them out
 * as LVM2 does, and keeps writing correct metadata while the text wraps around the small ring buffer.
 */
class PvLayoutsAndMdaWrapTest {
    static final String PV_LAYOUT = "pv_name,pe_start,dev_size,pv_mda_count,pv_mda_size,pv_ba_start,pv_ba_size,pv_uuid,pv_pe_count,pv_ext_vsn";
    static final String VG_MDAS = "vg_name,vg_uuid,vg_mda_count,vg_mda_used_count,seqno,vg_extent_count,vg_free_count";

    @TempDir Path dir;
    Ulvm u;
    Path a, b;
    List<Path> both;

    @BeforeAll
    static void lvm2() { Needs.lvm2(); }

    @BeforeEach
    void setUp() throws Exception {
        u = Ulvm.inProcess(dir);
        a = u.image("a.img", 64 << 20);
        b = u.image("b.img", 64 << 20);
        both = List.of(a, b);
    }

    void ulvm(String... args) {
        Ulvm.Result r = u.on(both, args[0], java.util.Arrays.copyOfRange(args, 1, args.length));
        assertEquals(0, r.rc(), "ulvm " + String.join(" ", args) + "\n" + r);
    }

    void real(String... args) {
        RealLvm.Result r = RealLvm.run(both, args[0], java.util.Arrays.copyOfRange(args, 1, args.length));
        assertEquals(0, r.rc(), "real " + String.join(" ", args) + "\n" + r);
    }

    void sameLayouts(String step) {
        Checks.same(u, both, step, "pvs", "--noheadings", "--separator", "|", "--units", "b", "-o", PV_LAYOUT);
        Checks.same(u, both, step, "vgs", "--noheadings", "--separator", "|", "-o", VG_MDAS);
    }

    /** Creates and removes LVs until the metadata text has wrapped round the 32 KiB rings several times. */
    void churn() {
        java.util.ArrayDeque<String> made = new java.util.ArrayDeque<>();
        long last = 0;
        int wraps = 0;
        for (int i = 0; i < 36; i++) {
            if (i >= 12 && i % 2 == 0) {
                ulvm("lvremove", "-y", "vg/" + made.removeFirst());
            } else {
                made.addLast("lv_with_a_rather_long_name_" + i);
                ulvm("lvcreate", "-l", "1", "-n", made.getLast(), "vg");
            }
            Checks.realVgckClean(both, "vg", "churn step " + i);
            long at = committedOffset(a);
            if (at < last) wraps++;
            last = at;
            if (i % 9 == 8) {
                Checks.lvm2Agrees(u, both, "vg", "churn step " + i);
                sameLayouts("churn step " + i);
            }
        }
        assertTrue(wraps >= 2, "the metadata text went round the ring only " + wraps + " times");
    }

    /** raw_locn[0].offset of the first mda (about 60 KiB on a.img), as real pvck reads it. */
    static long committedOffset(Path image) {
        RealLvm.Result r = RealLvm.pvckHeaders(image);
        var m = java.util.regex.Pattern.compile("mda_header_1\\.raw_locn\\[0\\]\\.offset (\\d+)").matcher(r.out());
        assertTrue(m.find(), r.toString());
        return Long.parseLong(m.group(1));
    }

    @Test
    void ulvmVgOnRealPvsWithUnusualLayouts() {
        real("pvcreate", "--pvmetadatacopies", "2", "--metadatasize", "32k", "--dataalignment", "64k",
                "--bootloaderareasize", "256k", a.toString());
        real("pvcreate", "--metadatasize", "32k", b.toString());
        ulvm("vgcreate", "-s", "1m", "vg", a.toString(), b.toString());
        Checks.lvm2Agrees(u, both, "vg", "ulvm vgcreate on real PVs");
        sameLayouts("ulvm vgcreate on real PVs");
        churn();
    }

    @Test
    void ulvmPvcreateLaysOutLikeLvm2() {
        ulvm("pvcreate", "--metadatasize", "32k", "--dataalignment", "64k", a.toString());
        real("pvcreate", "--metadatasize", "32k", "--dataalignment", "64k", b.toString());
        String fields = "pe_start,dev_size,pv_mda_count,pv_mda_size,pv_ext_vsn";
        RealLvm.Result r = RealLvm.run(both, "pvs", "--noheadings", "--separator", "|", "--units", "b", "-o", fields);
        assertEquals(0, r.rc(), r.toString());
        List<String> rows = r.out().lines().toList();
        assertEquals(2, rows.size(), r.toString());
        assertEquals(rows.get(1), rows.get(0), "ulvm's PV (first) vs real LVM2's (second): " + fields);
        Checks.realHeadersClean(both, "pvcreate --metadatasize 32k --dataalignment 64k");
        ulvm("vgcreate", "-s", "1m", "vg", a.toString(), b.toString());
        Checks.lvm2Agrees(u, both, "vg", "ulvm vgcreate");
        sameLayouts("ulvm vgcreate");
        churn();
    }
}
