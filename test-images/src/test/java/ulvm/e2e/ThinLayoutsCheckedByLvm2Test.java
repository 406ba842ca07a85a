package ulvm.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Thin pools, thin LVs and thin snapshots made by ulvm on image files (LVM2's test/shell/lvcreate-thin.sh,
 * lvcreate-thin-snapshot.sh, lvremove-thindata-caches.sh cover the same commands); after every step real LVM2 (which
 * cannot make thin LVs here: no device-mapper) reads them: vgck is clean and lvs -a shows the same sub-LVs, devices,
 * pools, origins, device ids, transaction ids and attributes. A layout restored by real LVM2's vgcfgrestore opens in
 * ulvm alike, and the refusals real LVM2 gives before it needs device-mapper read the same.
 */
class ThinLayoutsCheckedByLvm2Test {
    static final String FIELDS = "lv_name,segtype,pool_lv,origin,data_lv,metadata_lv,lv_size,thin_count,thin_id,transaction_id,discards,"
            + "zero,lv_when_full,chunk_size,devices,seg_start_pe,seg_size_pe,lv_skip_activation,lv_layout,lv_role,lv_modules,lv_metadata_size,"
            + "lv_parent,lv_ancestors,lv_descendants,seg_le_ranges,seg_pe_ranges,data_percent,metadata_percent";

    @TempDir Path dir;
    Ulvm u;
    Path a;
    List<Path> all;

    @BeforeAll
    static void lvm2() { Needs.lvm2(); }

    @BeforeEach
    void setUp() throws Exception {
        u = Ulvm.inProcess(dir);
        a = u.image("a.img", 200 << 20);
        all = List.of(a);
        ok("pvcreate", a.toString());
        ok("vgcreate", "vg", a.toString());
    }

    Ulvm.Result ok(String... args) {
        Ulvm.Result r = u.on(all, args[0], java.util.Arrays.copyOfRange(args, 1, args.length));
        assertEquals(0, r.rc(), "ulvm " + String.join(" ", args) + "\n" + r);
        return r;
    }

    Ulvm.Result step(String... args) {
        Ulvm.Result r = ok(args);
        checked("ulvm " + String.join(" ", args));
        return r;
    }

    /** Real vgck is clean; real lvs -a shows what ulvm shows, lv_attr's state characters aside (one lvs run for both). */
    void checked(String what) {
        Checks.realVgckClean(all, "vg", what);
        String[] args = {"-a", "--noheadings", "--separator", "|", "-o", "lv_name,lv_attr," + FIELDS};
        RealLvm.Result real = RealLvm.run(all, "lvs", args);
        assertEquals(0, real.rc(), what + "\n" + real);
        assertEquals("", real.warnings(), what + ": real lvs warns\n" + real);
        assertEquals(RaidLayoutsCheckedByLvm2Test.stateless(real.out()), RaidLayoutsCheckedByLvm2Test.stateless(u.on(all, "lvs", args).out()),
                what + ": lvs differs (expected: real LVM2, actual: ulvm)");
    }

    @Test
    void poolThinSnapshotRemove() {
        Ulvm.Result pool = step("lvcreate", "--type", "thin-pool", "-L", "40M", "-n", "pool", "vg");
        assertEquals("  Thin pool volume with chunk size 64.00 KiB can address at most <15.88 TiB of data.\n  Logical volume \"pool\" created.\n", pool.out());
        Ulvm.Result thin = step("lvcreate", "-V", "100M", "-T", "vg/pool", "-n", "thin1");
        assertEquals("  WARNING: Sum of all thin volume sizes (100.00 MiB) exceeds the size of thin pool vg/pool (40.00 MiB).\n", thin.err());
        step("lvcreate", "-s", "vg/thin1", "-n", "snap");
        step("lvcreate", "-V", "1G", "-L", "20M", "-T", "vg/p2", "-n", "big", "-Zn", "--discards", "nopassdown", "--errorwhenfull", "y", "-c", "128k");
        step("lvresize", "-L", "200M", "vg/thin1");
        step("lvchange", "--discards", "ignore", "-Zn", "--errorwhenfull", "y", "vg/pool");
        step("lvextend", "-L+8M", "vg/pool");
        step("lvextend", "--poolmetadatasize", "+4M", "vg/p2");
        step("lvcreate", "-s", "vg/thin1", "-n", "snap2");
        step("lvconvert", "--merge", "vg/snap");
        step("lvremove", "-y", "vg/snap2");
        step("lvremove", "-f", "vg/pool");
        step("lvcreate", "-L", "40M", "-n", "data", "vg");
        step("lvcreate", "-L", "4M", "-n", "meta", "vg");
        step("lvconvert", "-y", "--thinpool", "vg/data", "--poolmetadata", "vg/meta");
        step("lvremove", "-f", "vg/p2", "vg/data");
    }

    /** A layout real LVM2 wrote (vgcfgrestore --force of thin metadata, with a queued delete message) reads the same in ulvm. */
    @Test
    void realLayoutOpens() throws Exception {
        RealLvm.Result backup = RealLvm.run(all, "vgcfgbackup", "-f", dir.resolve("base.vg").toString(), "vg");
        assertEquals(0, backup.rc(), backup.toString());
        String base = Files.readString(dir.resolve("base.vg"));
        String text = base.substring(0, base.lastIndexOf("\n}")) + new String(getClass().getResourceAsStream("/thin-layout.vg").readAllBytes())
                + base.substring(base.lastIndexOf("\n}"));
        Files.writeString(dir.resolve("thin.vg"), text);
        // without --force both refuse a VG with thin LVs, in the same words
        RealLvm.Result refused = RealLvm.run(all, "vgcfgrestore", "-f", dir.resolve("thin.vg").toString(), "vg");
        Ulvm.Result mine = u.on(all, "vgcfgrestore", "-f", dir.resolve("thin.vg").toString(), "vg");
        assertEquals(5, refused.rc(), refused.toString());
        assertEquals(refused.rc(), mine.rc(), mine.toString());
        assertEquals(refused.warnings(), mine.err());
        RealLvm.Result restore = RealLvm.run(all, "vgcfgrestore", "--force", "-f", dir.resolve("thin.vg").toString(), "vg");
        assertEquals(0, restore.rc(), restore.toString());
        checked("vgcfgrestore");
        // ulvm's removal of the snapshot queues a second message in the same transaction, as LVM2 does
        step("lvremove", "-y", "vg/snap");
        Ulvm.Result tx = ok("lvs", "--noheadings", "-o", "transaction_id", "vg/pool");
        assertEquals("3", tx.out().trim());
    }

    /** Refusals real LVM2 gives before it needs device-mapper: the same words and exit codes. */
    @Test
    void refusalsAsLvm2() {
        ok("lvcreate", "--type", "thin-pool", "-L", "40M", "-n", "pool", "vg");
        ok("lvcreate", "-V", "100M", "-T", "vg/pool", "-n", "thin1");
        String[][] cases = {
            {"lvcreate", "-V", "1G", "-T", "vg/pool", "-n", "t2", "-Zn"},
            {"lvcreate", "-V", "1G", "-T", "vg/nopool", "-n", "t3"},
            {"lvcreate", "--type", "thin-pool", "-L", "40M", "-n", "pool", "vg"},
            {"lvcreate", "--type", "thin-pool", "-L", "40M", "-c", "32k", "-n", "p2", "vg"},
            {"lvcreate", "--type", "thin-pool", "-L", "40M", "-c", "100k", "-n", "p2", "vg"},
            {"lvcreate", "--type", "thin-pool", "-L", "40M", "--discards", "foo", "-n", "p2", "vg"},
            {"lvcreate", "--type", "thin-pool", "-L", "4M", "-c", "8M", "-n", "p2", "vg"},
            {"lvcreate", "--type", "thin-pool", "-L", "40M", "--errorwhenfull", "x", "-n", "p2", "vg"},
            {"lvcreate", "-V", "1G", "-T", "vg/pool", "-n", "t2", "--discards", "ignore"},
            {"lvcreate", "-V", "1G", "vg"},
            {"lvcreate", "--type", "thin-pool", "-L", "40M", "-pr", "-n", "p3", "vg"},
            {"lvcreate", "-V", "1G", "-T", "vg/thin1", "-n", "t5"},
            {"lvcreate", "-V", "1G", "-T", "vg/pool", "-n", "t6", "-s"},
            {"lvcreate", "-T", "vg/p2", "--thinpool", "p3", "-L", "40M"},
            {"lvcreate", "--type", "thin-pool", "vg/p2", "-n", "p3", "-L", "40M"},
            {"lvcreate", "--type", "thin", "-L", "40M", "vg/p2"},
            {"lvcreate", "-T", "vg/p2", "-L", "40M", "-n", "p3"},
            {"lvremove", "-y", "vg/pool_tdata"},
            {"lvreduce", "-y", "-L-4M", "vg/pool"},
            {"lvchange", "--discards", "passdown", "vg/pool"},
            {"lvchange", "-Zy", "vg/pool"},
            {"lvchange", "--errorwhenfull", "n", "vg/pool"},
            {"lvchange", "--discards", "ignore", "vg/thin1"},
        };
        // one attach for all: every case is refused before LVM2 would write
        List<RealLvm.Result> reals = RealLvm.runAll(all, java.util.Arrays.asList(cases));
        for (int i = 0; i < cases.length; i++) {
            RealLvm.Result real = reals.get(i);
            Ulvm.Result mine = u.on(all, cases[i][0], java.util.Arrays.copyOfRange(cases[i], 1, cases[i].length));
            String what = String.join(" ", cases[i]);
            assertEquals(real.rc(), mine.rc(), what + "\nreal: " + real + "\nulvm: " + mine);
            assertEquals(real.warnings(), mine.err(), what);
        }
        checked("refusals");
    }
}
