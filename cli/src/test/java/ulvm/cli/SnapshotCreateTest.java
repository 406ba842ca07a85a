package ulvm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ulvm.model.Area;
import ulvm.model.Lv;
import ulvm.model.SnapshotSegment;
import ulvm.model.Vg;
import ulvm.store.Scan;

/** lvcreate -s: the metadata LVM2 writes for a snapshot, its sizes and chunk sizes, the zeroed store, every refusal. */
class SnapshotCreateTest {
    @TempDir Path dir;
    Harness h;
    Path a, b;

    @BeforeEach
    void setUp() throws Exception {
        h = new Harness(dir);
        a = h.image("a.img", 64 << 20);
        b = h.image("b.img", 64 << 20);
        Harness.ok(h.run("pvcreate", a.toString(), b.toString()));
        Harness.ok(h.run("vgcreate", "-s", "1m", "vg", a.toString(), b.toString()));
        Harness.ok(h.run("lvcreate", "-L", "20m", "-n", "lin", "vg"));
    }

    Vg vg() {
        try (Scan s = h.scan(a, b)) {
            return s.vg("vg").orElseThrow().vg();
        }
    }

    static SnapshotSegment seg(Lv internal) { return (SnapshotSegment) internal.segments().get(0); }

    @Test
    void createWritesAHiddenCowAndAnInternalSnapshotLv() throws Exception {
        Harness.Result r = h.run("lvcreate", "-s", "-L", "4m", "-n", "snap", "vg/lin");
        Harness.ok(r);
        assertEquals("  Logical volume \"snap\" created.\n", r.out());
        Vg vg = vg();
        Lv cow = vg.lv("snap").orElseThrow();
        assertEquals(List.of("READ", "WRITE"), cow.status(), "the COW carries no VISIBLE: LVM2 hides it behind its origin");
        assertEquals(4, cow.extents());
        assertNotNull(cow.creationTime());
        Lv in = vg.lv("snapshot0").orElseThrow();
        assertEquals(List.of("READ", "WRITE", "VISIBLE"), in.status());
        assertEquals(new SnapshotSegment(0, 20, 8, "lin", "snap", false), seg(in));
        assertEquals(List.of("READ", "WRITE", "VISIBLE"), vg.lv("lin").orElseThrow().status(), "the origin has no special keys");
        // a second snapshot: read-only, auto-named, numbered after the highest snapshotN, 16 KiB chunks
        r = h.run("lvcreate", "--snapshot", "-l", "50%ORIGIN", "-p", "r", "-c", "16", "vg/lin");
        Harness.ok(r);
        assertEquals("  Logical volume \"lvol0\" created.\n", r.out());
        vg = vg();
        assertEquals(List.of("READ"), vg.lv("lvol0").orElseThrow().status());
        // 50%ORIGIN: the metadata estimate of a full COW (21 extents for 20) less the origin, plus half the origin
        assertEquals(11, vg.lv("lvol0").orElseThrow().extents());
        assertEquals(new SnapshotSegment(0, 20, 32, "lin", "lvol0", false), seg(vg.lv("snapshot1").orElseThrow()));
        Harness.Result lvs = h.run("lvs", "-a", "-o", "name,attr,origin,chunk_size,lv_role");
        Harness.ok(lvs);
        assertEquals("  LV    Attr       Origin Chunk  Role                                      \n"
                + "  lin   owi---s---            0  public,origin,thickorigin,multithickorigin\n"
                + "  lvol0 sri---s--- lin    16.00k public,snapshot,thicksnapshot             \n"
                + "  snap  swi---s--- lin     4.00k public,snapshot,thicksnapshot             \n", lvs.out());
    }

    @Test
    void theCowSizeIsCappedAtWhatTheOriginCanNeed() throws Exception {
        Harness.Result r = h.run("lvcreate", "-s", "-L", "40m", "-n", "big", "vg/lin");
        Harness.ok(r);
        assertTrue(r.out().startsWith("  Reducing COW size 40.00 MiB down to maximum usable size 21.00 MiB.\n"), r.toString());
        assertEquals(21, vg().lv("big").orElseThrow().extents());
        // sizes round up to whole extents
        r = h.run("lvcreate", "-s", "-L", "2500k", "-n", "odd", "vg/lin");
        Harness.ok(r);
        assertTrue(r.out().contains("Rounding up size to full physical extent 3.00 MiB"), r.toString());
        assertEquals(3, vg().lv("odd").orElseThrow().extents());
    }

    @Test
    void theStoreHeaderIsZeroedSoItReadsAsNew() throws Exception {
        // old bytes where the COW will go (the first free extent after lin on a.img)
        Vg vg = vg();
        long peStart = vg.pvs().get(0).peStart() * 512;
        long at = peStart + 20L * (1 << 20);
        try (FileChannel ch = FileChannel.open(a, StandardOpenOption.WRITE)) {
            ByteBuffer junk = ByteBuffer.allocate(8192);
            while (junk.hasRemaining()) junk.put((byte) 0x5a);
            ch.write(junk.flip(), at);
        }
        Harness.ok(h.run("lvcreate", "-s", "-L", "4m", "-n", "snap", "vg/lin"));
        Area.OnPv p = (Area.OnPv) vg().lv("snap").orElseThrow().segments().get(0).areas().get(0);
        assertEquals(20, p.pe());
        ByteBuffer got = ByteBuffer.allocate(8192);
        try (FileChannel ch = FileChannel.open(a, StandardOpenOption.READ)) {
            ch.read(got, at);
        }
        for (int i = 0; i < 4096; i++) assertEquals(0, got.get(i), "byte " + i + " of the store header");
        assertEquals(0x5a, got.get(4096), "LVM2 wipes 4 KiB, no more");
    }

    @Test
    void refusals() throws Exception {
        Harness.ok(h.run("lvcreate", "-s", "-L", "4m", "-n", "snap", "vg/lin"));
        h.refused(3, "Chunk size must be a power of 2 in the range 4K to 512K.", "lvcreate", "-s", "-L", "4m", "-c", "3k", "-n", "x", "vg/lin");
        h.refused(3, "Chunk size must be a power of 2 in the range 4K to 512K.", "lvcreate", "-s", "-L", "4m", "-c", "1024k", "-n", "x", "vg/lin");
        h.refused(3, "Chunk size must be a power of 2 in the range 4K to 512K.", "lvcreate", "-s", "-L", "4m", "-c", "2k", "-n", "x", "vg/lin");
        h.refused(3, "Invalid argument for --chunksize: -4k", "lvcreate", "-s", "-L", "4m", "-c", "-4k", "-n", "x", "vg/lin");
        h.refused(3, "Option --zero is unsupported with snapshots.", "lvcreate", "-s", "-Zy", "-L", "4m", "-n", "x", "vg/lin");
        h.refused(3, "Option --wipesignatures is unsupported with snapshots.", "lvcreate", "-s", "-Wn", "-L", "4m", "-n", "x", "vg/lin");
        h.refused(3, "Option --nosync is unsupported with snapshots.", "lvcreate", "-s", "--nosync", "-L", "4m", "-n", "x", "vg/lin");
        h.refused(3, "Command does not accept option: --snapshot.", "lvcreate", "-s", "-m", "1", "-L", "4m", "-n", "x", "vg/lin");
        h.refused(3, "The origin name should include the volume group.", "lvcreate", "-s", "-L", "4m", "-n", "x", "lin");
        h.refused(3, "Please specify a logical volume to act as the snapshot origin.", "lvcreate", "-s", "-L", "4m", "-n", "x");
        h.refused(3, "Names starting \"snapshot\" are reserved.", "lvcreate", "-s", "-L", "4m", "-n", "snapshot9", "vg/lin");
        h.refused(5, "Snapshot origin LV nope not found in Volume group vg.", "lvcreate", "-s", "-L", "4m", "-n", "x", "vg/nope");
        h.refused(5, "Please specify either size or extents with snapshots.", "lvcreate", "-s", "-n", "x", "vg/lin");
        h.refused(5, "Logical Volume \"snap\" already exists in volume group \"vg\"", "lvcreate", "-s", "-L", "4m", "-n", "snap", "vg/lin");
        h.refused(5, "Snapshots of snapshots are not supported.", "lvcreate", "-s", "-L", "4m", "-n", "x", "vg/snap");
        // 3 chunks of 512 KiB need 2 extents
        h.refused(5, "Snapshot volume cannot be smaller than 3 chunks (2 extents, 1.50 MiB).", "lvcreate", "-s", "-L", "1m", "-c", "512k", "-n", "x", "vg/lin");
        h.refused(5, "Insufficient suitable allocatable extents for logical volume x: 17 more required", "lvcreate", "-s", "-L", "21m", "-n", "x", "vg/lin", b.toString() + ":0-3");
        Harness.ok(h.run("lvcreate", "-l", "100%FREE", "-n", "fill", "vg"));
        h.refused(5, "Volume group \"vg\" has insufficient free space (0 extents): 4 required.", "lvcreate", "-s", "-L", "4m", "-n", "x", "vg/lin");
        Harness.ok(h.run("lvremove", "-y", "vg/fill"));
        // a raid image is hidden; a pvmove or locked LV is refused by its flag
        Harness.ok(h.run("lvcreate", "--type", "raid1", "-m", "1", "-L", "2m", "-n", "r", "vg"));
        h.refused(5, "Snapshots of hidden volumes are not supported.", "lvcreate", "-s", "-L", "4m", "-n", "x", "vg/r_rimage_0");
        h.refused(5, "Snapshots of hidden volumes are not supported.", "lvcreate", "-s", "-L", "4m", "-n", "x", "vg/snapshot0");
    }
}
