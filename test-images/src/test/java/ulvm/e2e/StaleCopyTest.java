package ulvm.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A crash that lost one PV's metadata update: both real LVM2 and ulvm see the stale copy, and
 * {@code ulvm vgck --updatemetadata} repairs it so that real vgck is clean again. ulvm runs through the launcher
 * here, so the real entry point ({@code ./ulvm}, ULVM_SYSTEM_DIR) is covered.
 */
class StaleCopyTest {
    @TempDir Path dir;
    Ulvm u;
    Path a, b;
    List<Path> both;

    @BeforeAll
    static void lvm2() { Needs.lvm2(); }

    @BeforeEach
    void aLostUpdate() throws Exception {
        u = Ulvm.launcher(dir);
        a = u.image("a.img", 64 << 20);
        b = u.image("b.img", 64 << 20);
        both = List.of(a, b);
        ok(u.on(both, "pvcreate", a.toString(), b.toString()));
        ok(u.on(both, "vgcreate", "vg", a.toString(), b.toString()));
        ByteBuffer head = ByteBuffer.allocate(1 << 20);
        try (FileChannel ch = FileChannel.open(a, StandardOpenOption.READ)) { ch.read(head, 0); }
        ok(u.on(both, "lvcreate", "-L", "8m", "-n", "lv", "vg"));
        try (FileChannel ch = FileChannel.open(a, StandardOpenOption.WRITE)) { ch.write(head.flip(), 0); }
    }

    static void ok(Ulvm.Result r) { assertEquals(0, r.rc(), r.toString()); }

    @Test
    void bothSeeItAndUlvmRepairsIt() {
        String ignoring = "WARNING: ignoring metadata seqno 1 on " + a + " for seqno 2";
        RealLvm.Result real = RealLvm.run(both, "vgck", "vg");
        assertTrue(real.warnings().contains(ignoring) && real.warnings().contains("Inconsistent metadata found for VG vg."), real.toString());

        Ulvm.Result mine = u.on(both, "vgck", "vg");
        assertTrue(mine.err().contains(ignoring) && mine.err().contains("Inconsistent metadata found for VG vg."), mine.toString());

        // meanwhile both use the newest copy, and warn
        String[] lvs = {"-a", "--noheadings", "--separator", "|", "-o", Checks.LVS};
        RealLvm.Result realLvs = RealLvm.run(both, "lvs", lvs);
        Ulvm.Result mineLvs = u.on(both, "lvs", lvs);
        assertTrue(realLvs.out().startsWith("  lv|0|2|"), realLvs.toString());
        assertEquals(realLvs.out(), mineLvs.out());
        assertTrue(realLvs.warnings().contains(ignoring) && mineLvs.err().contains(ignoring), realLvs + "\n" + mineLvs);

        ok(u.on(both, "vgck", "--updatemetadata", "vg"));
        ok(u.on(both, "vgck", "vg"));
        Checks.lvm2Agrees(u, both, "vg", "after ulvm vgck --updatemetadata");
    }

    /** ulvm vgck should print what LVM2 2.03.16's vgck prints for a stale copy, with its exit code. */
    @Test

    void vgckSaysWhatLvm2Says() {
        RealLvm.Result real = RealLvm.run(both, "vgck", "vg");
        Ulvm.Result mine = u.on(both, "vgck", "vg");
        assertEquals(real.rc(), mine.rc(), "exit code\nreal: " + real + "\nulvm: " + mine);
        assertEquals(real.warnings(), mine.err());
    }

    /** Every command that reads the VG warns as LVM2's do, e.g. lvs. */
    @Test


    void lvsWarnsAsLvm2Does() {
        RealLvm.Result real = RealLvm.run(both, "lvs", "--noheadings", "-o", "lv_name");
        Ulvm.Result mine = u.on(both, "lvs", "--noheadings", "-o", "lv_name");
        assertEquals(real.warnings(), mine.err());
    }
}
