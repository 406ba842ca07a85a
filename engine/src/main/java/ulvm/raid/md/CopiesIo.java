package ulvm.raid.md;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * raid0 and raid10 I/O, one chunk at a time. raid0: each chunk on one image, nothing to lose. raid10 (near copies,
 * LVM2's groups of consecutive images at the same offsets): a write goes to every copy under the chunk row's lock, its
 * regions marked first; a read to the first copy that can; resync and repair write the first readable copy over the
 * others.
 */
final class CopiesIo {
    private final MdArray a;
    private final MdLayout l;
    private final int chunk;
    private final ThreadLocal<Scratch> scratch;

    CopiesIo(MdArray a) {
        this.a = a;
        this.l = a.layout;
        this.chunk = l.chunkBytes();
        this.scratch = Scratch.of(l);
    }

    int read(long off, ByteBuffer dst) throws IOException {
        int len = (int) Math.min(dst.remaining(), chunk - off % chunk);
        int pos = dst.position();
        int lim = dst.limit();
        IOException err = null;
        try {
            dst.limit(pos + len);
            for (MdLayout.Place p : l.places(off)) {
                if (!a.readable(p.image(), p.offset(), len)) continue;
                dst.position(pos);
                try {
                    a.devs[p.image()].readFully(p.offset(), dst);
                    return len;
                } catch (IOException e) {
                    err = e;
                    a.fail(p.image(), e);
                }
            }
        } finally {
            dst.limit(lim);
        }
        throw new IOException(a.label + ": no image holds LV byte " + off, err);
    }

    int write(long off, ByteBuffer src) throws IOException {
        int len = (int) Math.min(src.remaining(), chunk - off % chunk);
        MdLayout.Place[] places = l.places(off);
        long row = places[0].offset() / chunk;
        boolean mirrored = places.length > 1;
        if (mirrored) a.beforeWrite(places[0].offset(), places[0].offset() + len);
        int pos = src.position();
        int lim = src.limit();
        if (mirrored) a.locks.lock(row);
        try {
            src.limit(pos + len);
            for (MdLayout.Place p : places) {
                if (!a.writable(p.image())) continue;
                src.position(pos);
                try {
                    a.devs[p.image()].writeFully(p.offset(), src);
                } catch (IOException e) {
                    a.fail(p.image(), e);
                }
            }
            a.checkAlive();
        } finally {
            if (mirrored) a.locks.unlock(row);
            src.limit(lim);
        }
        src.position(pos + len);
        return len;
    }

    /** Region r of a raid10, row by row: copies compared (unless forced; md stripes that differ counted, see {@link Pages}) and the first written over the rest. */
    long scrub(long r, boolean write, boolean force) throws IOException {
        if (l.copies() == 1) return 0; // raid0: nothing to agree on
        long from = r * a.regionBytes;
        long to = Math.min(a.imageBytes, from + a.regionBytes);
        int k = l.copies();
        Scratch sc = scratch.get();
        long mismatched = 0;
        for (long at = from; at < to; ) {
            long row = at / chunk;
            int lo = (int) (at - row * chunk);
            int hi = (int) Math.min(chunk, to - row * chunk);
            int len = hi - lo;
            long off = row * chunk + lo;
            a.locks.lock(row);
            try {
                boolean[] differs = new boolean[Pages.count(lo, hi)];
                for (int g = 0; g < l.images(); g += k) {
                    int src = -1;
                    for (int i = g; i < g + k && src < 0; i++) if (a.readable(i, off, len) && a.readImage(i, off, sc.col[i], lo, len)) src = i;
                    if (src < 0) return -1;
                    for (int i = src + 1; i < g + k; i++) {
                        boolean readable = a.readable(i, off, len) && a.readImage(i, off, sc.col[i], lo, len);
                        boolean stale = force || !readable || Pages.mark(sc.col[i], sc.col[src], lo, hi, differs);
                        if (stale && write) a.writeImage(i, off, sc.col[src], lo, len);
                    }
                }
                for (boolean d : differs) if (d && !force) mismatched++;
            } finally {
                a.locks.unlock(row);
            }
            at = row * chunk + hi;
        }
        return mismatched;
    }

    /** Image {@code image}'s [lo, hi) of a chunk row copied from another image of its group. */
    void rebuild(int image, long row, int lo, int hi) throws IOException {
        int k = l.copies();
        if (k == 1) throw new IOException(a.label + ": raid0 cannot rebuild an image");
        Scratch sc = scratch.get();
        long off = row * chunk + lo;
        int g = image / k * k;
        for (int i = g; i < g + k; i++) {
            if (i != image && a.readable(i, off, hi - lo) && a.readImage(i, off, sc.col[i], lo, hi - lo)) {
                a.writeImage(image, off, sc.col[i], lo, hi - lo);
                return;
            }
        }
        throw new IOException(a.label + ": no other image of mirror group " + image / k + " holds row " + row);
    }
}
