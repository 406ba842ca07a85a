package ulvm.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ulvm.mapping.LvTable;
import ulvm.mapping.TableBuilder;
import ulvm.model.Vg;
import ulvm.store.Scan;
import ulvm.store.VgCopies;

/**
 * Images made by real LVM2 (linear, 2- and 3-way striped, multi-segment LVs) open in ulvm with the same segments,
 * and a byte ulvm writes at LV offset X lands where LVM2's own report says byte X of that LV lives.
 */
class RealImagesInUlvmTest {
    static final List<String> LVS = List.of("lin", "s2", "s3", "multi");

    @TempDir Path dir;
    Ulvm u;
    List<Path> images;

    @BeforeAll
    static void lvm2() { Needs.lvm2(); }

    @BeforeEach
    void realLvm2MakesTheVg() throws Exception {
        u = Ulvm.inProcess(dir);
        Path a = u.image("a.img", 128 << 20), b = u.image("b.img", 128 << 20), c = u.image("c.img", 128 << 20);
        images = List.of(a, b, c);
        real("pvcreate", a.toString(), b.toString(), c.toString());
        real("vgcreate", "vg", a.toString(), b.toString(), c.toString());
        real("lvcreate", "-an", "-Zn", "-Wn", "-L", "16M", "-n", "lin", "vg", a.toString());
        real("lvcreate", "-an", "-Zn", "-Wn", "-i2", "-I64k", "-L", "16M", "-n", "s2", "vg");
        real("lvcreate", "-an", "-Zn", "-Wn", "-i3", "-I128k", "-L", "24M", "-n", "s3", "vg");
        real("lvcreate", "-an", "-Zn", "-Wn", "-L", "8M", "-n", "multi", "vg", b.toString());
        real("lvextend", "-L", "+12M", "vg/multi", c.toString());
        real("lvextend", "-l", "+2", "vg/s2", b.toString(), c.toString()); // a second striped segment elsewhere
        real("lvextend", "-L", "+4M", "vg/multi", a.toString());
    }

    void real(String cmd, String... args) {
        RealLvm.Result r = RealLvm.run(images, cmd, args);
        assertEquals(0, r.rc(), "real " + cmd + " " + String.join(" ", args) + "\n" + r);
    }

    @Test
    void ulvmReportsTheSameSegments() {
        Checks.sameLvs(u, images, Checks.LVS_STRIPE_SIZE, "real LVM2 images");
        Checks.samePvs(u, images, "real LVM2 images");
        Checks.sameVgs(u, images, "real LVM2 images");
        RealLayout layout = RealLayout.of(images, "vg");
        assertEquals(3, layout.segs.stream().filter(s -> s.lv().equals("multi")).count(), "multi has 3 segments");
        assertEquals(2, layout.segs.stream().filter(s -> s.lv().equals("s2")).count(), "s2 has 2 segments");
    }

    /** A write: LV, offset, bytes. */
    record W(String lv, long at, byte[] data) {}

    @Test
    void ulvmWritesLandWhereLvm2MapsThem() throws Exception {
        RealLayout layout = RealLayout.of(images, "vg");
        Random rnd = new Random(42);
        List<W> writes = new ArrayList<>();
        for (String lv : LVS) {
            long size = layout.size(lv);
            TreeMap<Long, Integer> want = new TreeMap<>(); // offset -> length, overlapping ones dropped below
            want.put(0L, 16);
            for (var s : layout.segs) {
                if (!s.lv().equals(lv)) continue;
                long from = s.startPe() * layout.extentBytes;
                if (s.stripeSize() > 0) {
                    want.put(from + s.stripeSize() - 5, 16);                     // across the first stripe boundary
                    want.put(from + s.stripeSize() * s.pvs().size() - 3, 8);     // back to stripe 0, next row
                }
                if (from > 0) want.put(from - 7, 16);                           // across a segment boundary
                want.put(from + 3 * layout.extentBytes / 2 + 12345, 300_000);   // a long write over many chunks
            }
            want.put(size - 1, 1);                                               // the last byte
            long end = -1;
            for (var e : want.entrySet()) {
                long at = e.getKey();
                int len = (int) Math.min(e.getValue(), size - at);
                if (at < 0 || at <= end || len <= 0) continue;
                byte[] d = new byte[len];
                rnd.nextBytes(d);
                writes.add(new W(lv, at, d));
                end = at + len - 1;
            }
        }

        try (Scan scan = Scan.of(images, true)) {
            VgCopies vc = scan.vg("vg").orElseThrow();
            Vg vg = vc.vg();
            Map<String, LvTable> tables = new HashMap<>();
            for (String lv : LVS) tables.put(lv, TableBuilder.build(vg, vg.lv(lv).orElseThrow(), id -> vc.device(id).device()));
            for (String lv : LVS) assertEquals(layout.size(lv), tables.get(lv).size(), lv + " size");
            for (W w : writes) tables.get(w.lv).write(w.at, ByteBuffer.wrap(w.data));
            for (LvTable t : tables.values()) t.flush();
            for (W w : writes) {
                ByteBuffer back = ByteBuffer.allocate(w.data.length);
                assertEquals(w.data.length, tables.get(w.lv).read(w.at, back));
                assertArrayEquals(w.data, back.array(), "ulvm reads back " + w.lv + " @" + w.at);
            }
        }

        Map<Path, MappedByteBuffer> files = new HashMap<>();
        for (Path p : images) {
            try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
                files.put(p, ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size()));
            }
        }
        for (W w : writes) {
            for (int i = 0; i < w.data.length; i++) {
                RealLayout.Place p = layout.at(w.lv, w.at + i);
                byte got = files.get(p.image()).get(Math.toIntExact(p.offset()));
                if (got != w.data[i])
                    assertEquals(w.data[i], got, w.lv + " byte " + (w.at + i) + " (write @" + w.at + "+" + i + ") should be at " + p);
            }
        }
        Checks.realVgckClean(images, "vg", "after ulvm wrote LV data");
    }
}
