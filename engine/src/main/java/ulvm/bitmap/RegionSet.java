package ulvm.bitmap;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLongArray;
import org.roaringbitmap.RoaringBitmap;

/**
 * A fixed-size set of region numbers that threads test and change concurrently without locks or allocation
 * (one bit per region in an {@link AtomicLongArray}). It is stored on disk as a serialized RoaringBitmap.
 */
public final class RegionSet {
    private final long size;
    private final AtomicLongArray words;

    public RegionSet(long size) {
        if (size < 0 || size > Integer.MAX_VALUE) throw new IllegalArgumentException("region count out of range: " + size);
        this.size = size;
        this.words = new AtomicLongArray((int) ((size + 63) >>> 6));
    }

    /** How many regions the set can hold (numbers 0 .. size-1). */
    public long size() { return size; }

    public boolean get(long r) {
        return (words.get((int) (r >>> 6)) & (1L << r)) != 0;
    }

    /** Adds {@code r}; true when it was not there before. */
    public boolean set(long r) {
        int w = (int) (r >>> 6);
        long bit = 1L << r;
        long old = words.get(w);
        while ((old & bit) == 0) {
            long seen = words.compareAndExchange(w, old, old | bit);
            if (seen == old) return true;
            old = seen;
        }
        return false;
    }

    /** Removes {@code r}; true when it was there. */
    public boolean clear(long r) {
        int w = (int) (r >>> 6);
        long bit = 1L << r;
        long old = words.get(w);
        while ((old & bit) != 0) {
            long seen = words.compareAndExchange(w, old, old & ~bit);
            if (seen == old) return true;
            old = seen;
        }
        return false;
    }

    /** Adds every region. */
    public void setAll() { setRange(0, size); }

    /** Adds regions {@code from} (inclusive) to {@code to} (exclusive). */
    public void setRange(long from, long to) {
        for (long r = from; r < to; r++) set(r);
    }

    public void clearAll() {
        for (int i = 0; i < words.length(); i++) words.set(i, 0);
    }

    /** Adds every member of {@code other} that is below this set's size. */
    public void addAll(RegionSet other) {
        for (long r = other.next(0); r >= 0 && r < size; r = other.next(r + 1)) set(r);
    }

    /** The first member at or after {@code from}, or -1. */
    public long next(long from) {
        if (from >= size) return -1;
        int w = (int) (from >>> 6);
        long word = words.get(w) & (-1L << from);
        while (true) {
            if (word != 0) {
                long r = ((long) w << 6) + Long.numberOfTrailingZeros(word);
                return r < size ? r : -1;
            }
            if (++w >= words.length()) return -1;
            word = words.get(w);
        }
    }

    public long cardinality() {
        long n = 0;
        for (int i = 0; i < words.length(); i++) n += Long.bitCount(words.get(i));
        return n;
    }

    public boolean isEmpty() {
        for (int i = 0; i < words.length(); i++) if (words.get(i) != 0) return false;
        return true;
    }

    /** A copy with {@code newSize} regions: members past the new end are dropped. */
    public RegionSet resized(long newSize) {
        RegionSet out = new RegionSet(newSize);
        out.addAll(this);
        return out;
    }

    /** The members as a portable RoaringBitmap. */
    byte[] serialize() {
        RoaringBitmap rb = new RoaringBitmap();
        for (long r = next(0); r >= 0; r = next(r + 1)) rb.add((int) r);
        rb.runOptimize();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(rb.serializedSizeInBytes());
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            rb.serialize(out);
        } catch (IOException e) {
            throw new IllegalStateException(e); // in memory: cannot happen
        }
        return bytes.toByteArray();
    }

    /** Reads a portable RoaringBitmap; members at or past {@code size} are dropped. */
    static RegionSet deserialize(ByteBuffer in, long size) throws IOException {
        RoaringBitmap rb = new RoaringBitmap();
        rb.deserialize(in);
        RegionSet out = new RegionSet(size);
        rb.forEach((int r) -> {
            if (Integer.toUnsignedLong(r) < size) out.set(Integer.toUnsignedLong(r));
        });
        return out;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("{");
        for (long r = next(0); r >= 0; r = next(r + 1)) b.append(b.length() > 1 ? "," : "").append(r);
        return b.append('}').toString();
    }
}
