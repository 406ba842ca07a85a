package ulvm.e2e.mount;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import ulvm.format.VgTextReader;
import ulvm.model.Area;
import ulvm.model.Lv;
import ulvm.model.Pv;
import ulvm.model.StripedSegment;
import ulvm.model.Vg;

/**
 * Snapshot steps for the mount tests: create, extend and remove through the ulvm commands (forwarded to the daemon),
 * and an independent reader of a COW store on the PV images.
 */
final class SnapshotSteps {
    private SnapshotSteps() {}

    static Vg backup(MountRig rig, String vg) throws Exception {
        Path f = rig.dir.resolve(vg + ".backup");
        Files.deleteIfExists(f);
        rig.ulvm("vgcfgbackup", "-f", f.toString(), vg).ok();
        return VgTextReader.read(Files.readString(f), f.toString());
    }

    /** A snapshot {@code snap} of {@code origin} with a COW of {@code cowSize} (lvcreate -L syntax). */
    static void create(MountRig rig, String vg, String origin, String snap, String cowSize, int chunkSectors, boolean readOnly)
            throws Exception {
        rig.ulvm("lvcreate", "-s", "-L", cowSize, "-c", (chunkSectors / 2) + "k", "-p", readOnly ? "r" : "rw", "-n", snap,
                vg + "/" + origin).ok();
    }

    /** lvextend of a COW LV by {@code extents}, through the daemon. */
    static void extendCow(MountRig rig, String vg, String snap, long extents) throws Exception {
        rig.ulvm("lvextend", "-l", "+" + extents, vg + "/" + snap).ok();
    }

    static void remove(MountRig rig, String vg, String snap) throws Exception {
        rig.ulvm("lvremove", "-f", vg + "/" + snap).ok();
    }

    /** What an independent reader finds in a COW store on the PV images: header and exception records. */
    record Store(int magic, int valid, int version, int chunkSectors, List<long[]> exceptions) {}

    /** Reads the store of COW LV {@code snap} straight from the first PV image (a linear COW LV). */
    static Store readStore(MountRig rig, String vg, String snap) throws Exception {
        Vg v = backup(rig, vg);
        Lv cow = v.lv(snap).orElseThrow();
        StripedSegment seg = (StripedSegment) cow.segments().get(0);
        Area.OnPv on = (Area.OnPv) seg.stripes().get(0);
        Pv pv = v.pv(on.pvId()).orElseThrow();
        long base = pv.peStart() * 512 + on.pe() * v.extentBytes();
        long len = cow.extents() * v.extentBytes();
        Path img = pv.device() != null ? Path.of(pv.device()) : rig.images.get(0);
        try (RandomAccessFile f = new RandomAccessFile(img.toFile(), "r")) {
            ByteBuffer h = chunk(f, base, 16);
            int magic = h.getInt(0), valid = h.getInt(4), version = h.getInt(8), chunk = h.getInt(12);
            List<long[]> ex = new ArrayList<>();
            if (magic != 0x70416e53) return new Store(magic, valid, version, chunk, ex);
            int cb = chunk * 512;
            long perArea = cb / 16;
            for (long a = 0; ; a++) {
                long at = 1 + a * (perArea + 1);
                if ((at + 1) * cb > len) break;
                ByteBuffer area = chunk(f, base + at * cb, cb);
                boolean full = true;
                for (int i = 0; i < perArea; i++) {
                    long oc = area.getLong(i * 16), cc = area.getLong(i * 16 + 8);
                    if (cc == 0) {
                        full = false;
                        break;
                    }
                    ex.add(new long[] {oc, cc});
                }
                if (!full) break;
            }
            return new Store(magic, valid, version, chunk, ex);
        }
    }

    private static ByteBuffer chunk(RandomAccessFile f, long off, int n) throws IOException {
        byte[] b = new byte[n];
        f.seek(off);
        f.readFully(b);
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    }

    static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    /** SHA-256 of every regular file under {@code root} (lost+found left out). */
    static SortedMap<String, String> checksums(Path root) throws Exception {
        SortedMap<String, String> sums = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path f : s.filter(Files::isRegularFile).toList()) {
                String rel = root.relativize(f).toString();
                if (!rel.startsWith("lost+found")) sums.put(rel, sha256(Files.readAllBytes(f)));
            }
        }
        return sums;
    }

    static void assertStoreValid(Store s, boolean valid) {
        assertEquals(0x70416e53, s.magic(), "magic SnAp");
        assertEquals(valid ? 1 : 0, s.valid());
        assertEquals(1, s.version());
        assertTrue(s.chunkSectors() >= 8);
    }
}
