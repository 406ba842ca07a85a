package ulvm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import ulvm.model.RaidSegment;
import ulvm.model.Vg;
import ulvm.store.Scan;

/** lvcreate --type raid1: sub-LV layout, metadata keys, zeroing, messages and refusals as LVM2. */
class RaidCreateTest {
    @TempDir Path dir;
    Harness h;
    Path a, b, c;

    @BeforeEach
    void setUp() throws Exception {
        h = new Harness(dir);
        a = h.image("a.img", 128 << 20);
        b = h.image("b.img", 128 << 20);
        c = h.image("c.img", 128 << 20);
        Harness.ok(h.run("pvcreate", a.toString(), b.toString(), c.toString()));
        Harness.ok(h.run("vgcreate", "vg", a.toString(), b.toString(), c.toString()));
    }

    Vg vg() {
        try (Scan s = h.scan(a, b, c)) {
            return s.vg("vg").orElseThrow().vg();
        }
    }

    String pvOf(Lv lv) {
        Area.OnPv on = (Area.OnPv) lv.segments().get(0).areas().get(0);
        return List.of("a", "b", "c").get(vg().pvIndex(on.pvId())) + ":" + on.pe();
    }

    @Test
    void threeLegsEachOnItsOwnPvWithRmetaFirst() throws Exception {
        Harness.Result r = h.run("lvcreate", "--type", "raid1", "-m", "2", "-L", "64M", "-n", "my_lv", "vg");
        Harness.ok(r);
        assertEquals("  Logical volume \"my_lv\" created.\n", r.out());
        Vg vg = vg();
        Lv top = vg.lv("my_lv").orElseThrow();
        assertEquals(List.of("READ", "WRITE", "VISIBLE"), top.status());
        RaidSegment seg = (RaidSegment) top.segments().get(0);
        assertEquals("raid1", seg.type());
        assertEquals(16, seg.count());
        assertEquals(4096, seg.regionSize());
        assertEquals(List.of("my_lv_rimage_0", "my_lv_rimage_1", "my_lv_rimage_2"), seg.imageLvs());
        assertEquals(List.of("my_lv_rmeta_0", "my_lv_rmeta_1", "my_lv_rmeta_2"), seg.metaLvs());
        for (int i = 0; i < 3; i++) {
            Lv img = vg.lv("my_lv_rimage_" + i).orElseThrow(), meta = vg.lv("my_lv_rmeta_" + i).orElseThrow();
            assertEquals(List.of("READ", "WRITE"), img.status());
            assertEquals(List.of("READ", "WRITE"), meta.status());
            assertEquals(16, img.extents());
            assertEquals(1, meta.extents());
            String pv = List.of("a", "b", "c").get(i);
            assertEquals(pv + ":0", pvOf(meta));
            assertEquals(pv + ":1", pvOf(img));
        }
    }

    @Test
    void mirrorsWithoutTypeMakeRaid1AndOptionsAreStored() throws Exception {
        Harness.Result r = h.run("lvcreate", "-m", "1", "-l", "3", "-n", "r", "--nosync", "-R", "512k", "--maxrecoveryrate", "1M",
                "--minrecoveryrate", "100", "vg", b.toString(), c.toString());
        Harness.ok(r);
        assertEquals("  WARNING: New raid1 won't be synchronised. Don't read what you didn't write!\n", r.err());
        Lv top = vg().lv("r").orElseThrow();
        assertEquals(List.of("READ", "WRITE", "VISIBLE", "NOTSYNCED"), top.status());
        RaidSegment seg = (RaidSegment) top.segments().get(0);
        assertEquals(1024, seg.regionSize());
        assertEquals("min_recovery_rate=100 max_recovery_rate=1024",
                seg.extras().get(0).key() + "=" + seg.extras().get(0).value() + " " + seg.extras().get(1).key() + "=" + seg.extras().get(1).value());
        assertEquals("b:0", pvOf(vg().lv("r_rmeta_0").orElseThrow()));
        assertEquals("c:1", pvOf(vg().lv("r_rimage_1").orElseThrow()));
    }

    @Test
    void regionSizeReducedToLvSize() throws Exception {
        Harness.Result r = h.run("lvcreate", "--type", "raid1", "-l", "1", "-R", "8m", "-n", "small", "vg");
        Harness.ok(r);
        assertEquals("  Using reduced mirror region size of 4.00 MiB\n  Logical volume \"small\" created.\n", r.out());
        assertEquals(8192, ((RaidSegment) vg().lv("small").orElseThrow().segments().get(0)).regionSize());
    }

    @Test
    void newRmetaIsZeroedInFullAndImagesAtTheStart() throws Exception {
        byte[] junk = new byte[8 << 20];
        java.util.Arrays.fill(junk, (byte) 0x5a);
        try (FileChannel ch = FileChannel.open(a, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(junk), 1 << 20); // the first two extents of a (pe_start is 1 MiB)
        }
        Harness.ok(h.run("lvcreate", "--type", "raid1", "-m", "1", "-l", "4", "-n", "z", "vg"));
        try (FileChannel ch = FileChannel.open(a, StandardOpenOption.READ)) {
            ByteBuffer meta = ByteBuffer.allocate(4 << 20);
            ch.read(meta, 1 << 20);
            for (byte x : meta.array()) assertEquals(0, x);
            ByteBuffer img = ByteBuffer.allocate(8192);
            ch.read(img, 5 << 20);
            for (int i = 0; i < 4096; i++) assertEquals(0, img.array()[i]);
            assertEquals(0x5a, img.array()[4096], "only the first 4 KiB of the image are zeroed");
        }
    }

    @Test
    void refusals() throws Exception {
        Harness.ok(h.run("lvcreate", "-l", "31", "-n", "fill", "vg", a.toString()));
        h.refused(5, "Insufficient suitable allocatable extents for logical volume r: 51 more required",
                "lvcreate", "--type", "raid1", "-m", "2", "-L", "64M", "-n", "r", "vg");
        h.refused(5, "Insufficient free space: 34 extents needed, but only 31 available",
                "lvcreate", "--type", "raid1", "-m", "1", "-L", "64M", "-n", "r", "vg", b.toString());
        h.refused(5, "Volume group \"vg\" has insufficient free space (62 extents): 100 required.",
                "lvcreate", "--type", "raid1", "-m", "1", "-l", "100", "-n", "r", "vg");
        h.refused(3, "--mirrors must be at least 1 with segment type raid1.", "lvcreate", "--type", "raid1", "-m", "0", "-l", "1", "-n", "r", "vg");
        h.refused(3, "Only up to 64 mirrors in raid1 supported currently.", "lvcreate", "-m", "64", "-l", "1", "-n", "r", "vg");
        h.refused(3, "Region size must be a power of 2.", "lvcreate", "-m", "1", "-R", "3m", "-l", "1", "-n", "r", "vg");
        h.refused(3, "Region size must be a multiple of machine memory page size (4096 bytes).", "lvcreate", "-m", "1", "-R", "1k", "-l", "1", "-n", "r", "vg");
        h.refused(3, "Region size may not be zero.", "lvcreate", "-m", "1", "-R", "0", "-l", "1", "-n", "r", "vg");
        h.refused(3, "Minimum recovery rate cannot be higher than maximum.", "lvcreate", "-m", "1", "--minrecoveryrate", "10", "-l", "1", "-n", "r", "vg");
        h.refused(3, "Stripes argument cannot be used with segment type, raid1", "lvcreate", "--type", "raid1", "-i", "2", "-l", "2", "-n", "r", "vg");
        h.refused(3, "Names including \"_rmeta\" are reserved.", "lvcreate", "-m", "1", "-l", "1", "-n", "x_rmeta_0", "vg");
        Harness.ok(h.run("lvcreate", "-m", "1", "-l", "1", "-n", "r", "vg"));
        h.refused(5, "Logical Volume \"r\" already exists in volume group \"vg\"", "lvcreate", "-m", "1", "-l", "1", "-n", "r", "vg");
    }

    @Test
    void removeTakesSubLvsAndRenameRenamesThem() throws Exception {
        Harness.ok(h.run("lvcreate", "-m", "1", "-l", "2", "-n", "r", "vg"));
        Harness.Result r = h.run("lvrename", "vg", "r", "q");
        Harness.ok(r);
        Vg vg = vg();
        assertTrue(vg.lv("q_rimage_1").isPresent() && vg.lv("q_rmeta_0").isPresent() && vg.lv("r_rimage_0").isEmpty(), vg.lvs().toString());
        assertEquals(List.of("q_rimage_0", "q_rimage_1"), ((RaidSegment) vg.lv("q").orElseThrow().segments().get(0)).imageLvs());
        Harness.ok(h.run("lvremove", "-y", "vg/q"));
        assertEquals(0, vg().lvs().size());
    }
}
