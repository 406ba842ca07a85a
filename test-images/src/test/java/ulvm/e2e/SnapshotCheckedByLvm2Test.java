package ulvm.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Snapshots made and changed by ulvm on image files (real LVM2 cannot make them without device-mapper); after every
 * step real LVM2 judges the metadata: {@code vgck} is clean, and {@code lvs -a} and {@code lvdisplay} show the same
 * origins, COW LVs, chunk sizes, roles and attributes as ulvm offline (Data% blank on both: nothing is active).
 */
class SnapshotCheckedByLvm2Test {
    static final String FIELDS = "lv_name,origin,segtype,devices,chunk_size,snap_percent,data_percent,lv_role,origin_size,lv_size";

    @TempDir Path dir;
    Ulvm u;
    Path a, b;
    List<Path> all;

    @BeforeAll
    static void lvm2() { Needs.lvm2(); }

    @BeforeEach
    void setUp() throws Exception {
        u = Ulvm.inProcess(dir);
        a = u.image("a.img", 128 << 20);
        b = u.image("b.img", 128 << 20);
        all = List.of(a, b);
        ok("pvcreate", a.toString(), b.toString());
        ok("vgcreate", "snap_vg", a.toString(), b.toString());
    }

    Ulvm.Result ok(String... args) {
        Ulvm.Result r = u.on(all, args[0], java.util.Arrays.copyOfRange(args, 1, args.length));
        assertEquals(0, r.rc(), "ulvm " + String.join(" ", args) + "\n" + r);
        return r;
    }

    /** Runs a ulvm step, then has real LVM2 check the result. */
    Ulvm.Result step(String... args) {
        Ulvm.Result r = ok(args);
        String what = "ulvm " + String.join(" ", args);
        Checks.realVgckClean(all, "snap_vg", what);
        Checks.sameLvs(u, all, FIELDS, what);
        sameAttrs(what);
        sameLvdisplay(what);
        return r;
    }

    void sameAttrs(String what) {
        String[] args = {"-a", "--noheadings", "--separator", "|", "-o", "lv_name,lv_attr"};
        RealLvm.Result real = RealLvm.run(all, "lvs", args);
        assertEquals(0, real.rc(), what + "\n" + real);
        Ulvm.Result mine = u.on(all, "lvs", args);
        assertEquals(RaidLayoutsCheckedByLvm2Test.stateless(real.out()), RaidLayoutsCheckedByLvm2Test.stateless(mine.out()),
                what + ": lv_attr differs (expected: real LVM2)");
    }

    /** lvdisplay of every LV; real LVM2 with activation off prints no "LV Status" line, and ulvm's device paths are files. */
    void sameLvdisplay(String what) {
        RealLvm.Result real = RealLvm.run(all, "lvdisplay", "snap_vg");
        assertEquals(0, real.rc(), what + "\n" + real);
        Ulvm.Result mine = u.on(all, "lvdisplay", "snap_vg");
        assertEquals(0, mine.rc(), what + "\n" + mine);
        assertEquals(display(real.out()), display(mine.out()), what + ": lvdisplay differs (expected: real LVM2)");
    }

    static String display(String out) {
        return out.lines().filter(l -> !l.startsWith("  LV Status")).collect(Collectors.joining("\n"));
    }

    @Test
    void snapshotsCreatedResizedRenamedRemoved() {
        step("lvcreate", "-L", "40M", "-n", "lin", "snap_vg");
        step("lvcreate", "-s", "-L", "8M", "-n", "snap", "snap_vg/lin");
        // read-only, 64 KiB chunks, sized from the origin, auto-named
        step("lvcreate", "-s", "-l", "20%ORIGIN", "-p", "r", "-c", "64k", "snap_vg/lin");
        // capped to what the origin can need; a striped COW
        step("lvcreate", "-s", "-L", "200M", "-n", "full", "snap_vg/lin");
        step("lvcreate", "-s", "-i", "2", "-L", "8M", "-n", "wide", "snap_vg/lin");
        step("lvextend", "-L", "+8M", "snap_vg/snap");
        step("lvextend", "-l", "+100%FREE", "snap_vg/snap");
        step("lvreduce", "-y", "-L", "12M", "snap_vg/snap");
        step("lvrename", "snap_vg/snap", "snap_vg/backup");
        step("lvrename", "snap_vg/lin", "snap_vg/data");
        step("lvextend", "-L", "+4M", "snap_vg/data");
        step("lvremove", "-y", "snap_vg/backup");
        step("lvremove", "-y", "snap_vg/wide");
        step("lvcreate", "-L", "8M", "-n", "other", "snap_vg");
        step("lvcreate", "-s", "-L", "4M", "-n", "osnap", "snap_vg/other");
        step("lvremove", "-y", "snap_vg/data");
        step("lvremove", "-y", "snap_vg");
    }
}
