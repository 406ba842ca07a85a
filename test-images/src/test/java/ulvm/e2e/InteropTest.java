package ulvm.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ulvm and real LVM2 take turns on the same VG, and each accepts what the other wrote, backups included. */
class InteropTest {
    @TempDir Path dir;
    Ulvm u;
    Path a, b;
    List<Path> both;

    @BeforeAll
    static void lvm2() { Needs.lvm2(); }

    @BeforeEach
    void setUp() throws Exception {
        u = Ulvm.inProcess(dir);
        a = u.image("a.img", 128 << 20);
        b = u.image("b.img", 128 << 20);
        both = List.of(a, b);
    }

    void ulvm(String... args) {
        Ulvm.Result r = u.on(both, args[0], java.util.Arrays.copyOfRange(args, 1, args.length));
        assertEquals(0, r.rc(), "ulvm " + String.join(" ", args) + "\n" + r);
    }

    RealLvm.Result real(String... args) {
        RealLvm.Result r = RealLvm.run(both, args[0], java.util.Arrays.copyOfRange(args, 1, args.length));
        assertEquals(0, r.rc(), "real " + String.join(" ", args) + "\n" + r);
        assertEquals("", r.warnings(), "real " + String.join(" ", args) + " warns\n" + r);
        return r;
    }

    String ulvmLvs() {
        Ulvm.Result r = u.on(both, "lvs", "-a", "--noheadings", "--separator", "|", "-o", Checks.LVS);
        assertEquals(0, r.rc(), r.toString());
        return r.out();
    }

    @Test
    void ulvmContinuesAfterRealLvm2Changes() {
        ulvm("pvcreate", a.toString(), b.toString());
        ulvm("vgcreate", "vg", a.toString(), b.toString());
        ulvm("lvcreate", "-L", "12m", "-n", "one", "vg");
        ulvm("lvcreate", "-i", "2", "-I", "64k", "-L", "16m", "-n", "str", "vg");
        real("lvcreate", "-an", "-Zn", "-Wn", "-L", "8M", "-n", "two", "vg");
        real("lvextend", "-L", "+8M", "vg/one", b.toString());
        real("lvcreate", "-an", "-Zn", "-Wn", "-L", "4M", "-n", "three", "vg", a.toString());
        real("lvremove", "-y", "vg/str");
        real("lvrename", "vg", "two", "second");
        Checks.sameReports(u, both, "after real lvcreate/lvextend/lvremove/lvrename on a ulvm VG");
        ulvm("lvcreate", "-L", "20m", "-n", "four", "vg");
        ulvm("lvextend", "-l", "+3", "vg/second");
        ulvm("lvremove", "-y", "vg/three");
        Checks.lvm2Agrees(u, both, "vg", "ulvm writes after real LVM2");
        assertTrue(ulvmLvs().contains("  four|"), ulvmLvs());
    }

    @Test
    void realVgcfgrestoreTakesUlvmBackup() throws Exception {
        ulvm("pvcreate", a.toString(), b.toString());
        ulvm("vgcreate", "vg", a.toString(), b.toString());
        ulvm("lvcreate", "-L", "12m", "-n", "one", "vg");
        ulvm("lvcreate", "-i", "2", "-I", "128k", "-l", "4", "-n", "str", "vg");
        String before = ulvmLvs();
        Path f = dir.resolve("ulvm.vg");
        ulvm("vgcfgbackup", "-f", f.toString(), "vg");
        ulvm("lvremove", "-y", "vg/one", "vg/str");
        RealLvm.Result r = real("vgcfgrestore", "-f", f.toString(), "vg");
        assertTrue(r.out().contains("Restored volume group vg"), r.toString());
        Checks.lvm2Agrees(u, both, "vg", "real vgcfgrestore of a ulvm backup");
        assertEquals(before, ulvmLvs());
    }

    @Test
    void ulvmVgcfgrestoreTakesRealBackup() throws Exception {
        real("pvcreate", a.toString(), b.toString());
        real("vgcreate", "-s", "2M", "vg", a.toString(), b.toString());
        real("lvcreate", "-an", "-Zn", "-Wn", "-L", "10M", "-n", "one", "vg");
        real("lvcreate", "-an", "-Zn", "-Wn", "-i2", "-I64k", "-L", "8M", "-n", "str", "vg");
        real("lvextend", "-L", "+6M", "vg/one", b.toString());
        String before = ulvmLvs();
        Path f = dir.resolve("real.vg");
        real("vgcfgbackup", "-f", f.toString(), "vg");
        assertTrue(Files.readString(f).contains("one {"), Files.readString(f));
        real("lvremove", "-y", "vg/one");
        ulvm("vgcfgrestore", "-f", f.toString(), "vg");
        Checks.lvm2Agrees(u, both, "vg", "ulvm vgcfgrestore of a real backup");
        assertEquals(before, ulvmLvs());
    }
}
