package ulvm.nbd;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Walking an export's extents (allocation or a dirty bitmap) over a request's range. */
final class Extents {
    private Extents() { }

    /** The most descriptors one block-status chunk carries (the specification's bound). */
    static final int MAX = 1 << 20;

    /** {@link Export#allocation} or {@link Export#dirtyBitmap} of one bitmap. */
    interface Source {
        List<Export.Extent> from(long offset, long length) throws IOException;
    }

    /**
     * The extents from {@code offset}, merged where the flags repeat and clipped to {@code length}: at least one (all
     * data when the source gives none), at most {@link #MAX}; with {@code one}, just the first.
     */
    static List<Export.Extent> collect(Source source, long offset, long length, boolean one) throws IOException {
        List<Export.Extent> out = new ArrayList<>();
        long pos = offset, end = offset + length;
        while (pos < end && out.size() < MAX) {
            long before = pos;
            for (Export.Extent e : source.from(pos, end - pos)) {
                long n = Math.min(e.length(), end - pos);
                if (n <= 0 || out.size() >= MAX) break;
                append(out, n, e.flags());
                pos += n;
            }
            if (pos == before || one) break;
        }
        if (out.isEmpty()) out.add(new Export.Extent(length, 0));
        return one ? out.subList(0, 1) : out;
    }

    /** Adds {@code length} bytes of {@code flags}, extending the last extent when it has the same flags. */
    static void append(List<Export.Extent> out, long length, int flags) {
        int last = out.size() - 1;
        if (last >= 0 && out.get(last).flags() == flags) out.set(last, new Export.Extent(out.get(last).length() + length, flags));
        else out.add(new Export.Extent(length, flags));
    }
}
