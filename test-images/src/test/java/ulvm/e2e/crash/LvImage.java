package ulvm.e2e.crash;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import ulvm.model.Area;
import ulvm.model.Lv;
import ulvm.model.Pv;
import ulvm.model.Segment;
import ulvm.model.Vg;

/** Reads a linear LV (a raid image, a split image) straight from the image files, as its metadata maps it. */
final class LvImage {
    private LvImage() {}

    static byte[] read(Vg vg, String lvName) throws IOException {
        Lv lv = vg.lv(lvName).orElseThrow(() -> new IllegalStateException("no LV " + lvName));
        long eb = vg.extentBytes();
        byte[] out = new byte[Math.toIntExact(lv.extents() * eb)];
        for (Segment s : lv.segments()) {
            if (!s.type().equals("striped") || s.areas().size() != 1 || !(s.areas().get(0) instanceof Area.OnPv a))
                throw new IllegalStateException(lvName + ": not linear: " + s);
            Pv pv = vg.pv(a.pvId()).orElseThrow();
            try (FileChannel ch = FileChannel.open(Path.of(pv.device()), StandardOpenOption.READ)) {
                ByteBuffer dst = ByteBuffer.wrap(out, Math.toIntExact(s.start() * eb), Math.toIntExact(s.count() * eb));
                long pos = pv.peStart() * 512 + a.pe() * eb;
                while (dst.hasRemaining()) {
                    int n = ch.read(dst, pos);
                    if (n < 0) break; // sparse tail: zeros
                    pos += n;
                }
            }
        }
        return out;
    }

    /** The first 4 KiB block where {@code a} and {@code b} differ, or -1. */
    static int firstDifference(byte[] a, byte[] b) {
        int n = Math.min(a.length, b.length);
        for (int i = 0; i < n; i += Stamps.BLOCK)
            if (!java.util.Arrays.equals(a, i, Math.min(n, i + Stamps.BLOCK), b, i, Math.min(n, i + Stamps.BLOCK))) return i / Stamps.BLOCK;
        return a.length == b.length ? -1 : n / Stamps.BLOCK;
    }
}
