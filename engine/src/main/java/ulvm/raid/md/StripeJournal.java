package ulvm.raid.md;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.zip.CRC32C;
import ulvm.bitmap.RecordSlots;
import ulvm.io.BlockDevice;

/**
 * The stripe journal that closes a degraded raid4/5/6 array's write hole (md keeps a journal device or a partial
 * parity log for it; without one the kernel refuses a dirty degraded array). While an image is failed or rebuilding,
 * a write (partial or full stripe) to a row with a parity image left first puts the new contents of every image it
 * writes (data chunks, P and Q) into a journal slot on that image's own rmeta, each durable before any in-place
 * write; then writes in place, forces those images, and retires the entries (their headers zeroed, durably) before
 * the stripe's lock is released.
 * After a crash ({@link #recover}), a slot's newest entry that is valid on every trusted image it names is replayed
 * (it may have been written in place partly: the replay completes it); otherwise the in-place writes had not begun,
 * and the entry goes. So the stripe's surviving images agree with its parity, and the missing image's chunk, rebuilt
 * from them, keeps its data.
 *
 * <p>Where: the tail of each rmeta, past what the write-intent records can take ({@link RecordSlots#recordsEnd} for the
 * array's region count): slot k ends {@code k * stride} bytes before the device's end, {@code stride} being a
 * 512-byte header and a chunk, in 4 KiB. An entry (big-endian): magic "ULVMSJ01", seq (u64), stripe row (u64), image
 * (u32), images written (u64 mask), offset in the chunk (u32), length (u32), CRC32C (u32) of the header (this field
 * zero) and the data, chunk bytes (u32); the data follows the header. A clean stop leaves no entry.
 */
public final class StripeJournal {
    static final int HEADER = 512;
    /** Slots at most: writes to this many stripes can be journaled at once. */
    static final int MAX_SLOTS = 16;
    private static final byte[] MAGIC = "ULVMSJ01".getBytes(StandardCharsets.US_ASCII);
    private static final int CRC_AT = 44;

    /** What one image gets of a stripe write: {@code buf[off, off + len)}, for chunk offset {@code off}. */
    record Piece(int image, int off, int len, byte[] buf) {}

    private record Entry(long seq, long stripe, int image, long mask, int off, byte[] data) {}

    private final BlockDevice[] metas;
    private final int chunk;
    private final int stride;
    private final int slots;
    private final BlockingQueue<Integer> free;
    private final AtomicLong seq = new AtomicLong();

    private StripeJournal(BlockDevice[] metas, int chunk, int stride, int slots) {
        this.metas = metas.clone();
        this.chunk = chunk;
        this.stride = stride;
        this.slots = slots;
        this.free = new ArrayBlockingQueue<>(slots);
        for (int k = 0; k < slots; k++) free.add(k);
    }

    /**
     * The journal on {@code metas} (by image; null for a missing image), for an array of {@code chunk}-byte chunks and
     * {@code regionCount} regions; empty when an image present lacks its rmeta or the rmetas leave room for no slot.
     */
    public static Optional<StripeJournal> of(BlockDevice[] metas, List<BlockDevice> images, int chunk, long regionCount)
            throws IOException {
        if (metas.length > Long.SIZE) return Optional.empty(); // (LVM2 allows 64 images: the mask's bits)
        int stride = (HEADER + chunk + 4095) & ~4095;
        long room = Long.MAX_VALUE;
        for (int i = 0; i < metas.length; i++) {
            if (metas[i] == null) {
                if (images.get(i) != null) return Optional.empty();
                continue;
            }
            long size = metas[i].size() & ~4095L;
            room = Math.min(room, size - RecordSlots.recordsEnd(size, regionCount, metas.length));
        }
        int slots = (int) Math.min(MAX_SLOTS, Math.max(0, room) / stride);
        return slots < 1 ? Optional.empty() : Optional.of(new StripeJournal(metas, chunk, stride, slots));
    }

    public int slots() { return slots; }

    /** Whether image {@code image} has a journal (an image missing at the start and back since has none). */
    boolean covers(int image) { return metas[image] != null; }

    private long at(BlockDevice m, int slot) throws IOException {
        return (m.size() & ~4095L) - (long) (slot + 1) * stride;
    }

    // ---- a journaled stripe write ----

    /**
     * Puts {@code pieces} of stripe row {@code stripe} into a free slot, durable on every piece's rmeta; returns the
     * slot, or -1 when an rmeta failed (its image is told to {@code failed}, and no in-place write may follow).
     */
    int write(long stripe, List<Piece> pieces, BiConsumer<Integer, IOException> failed) throws IOException {
        int slot = take();
        long s = seq.incrementAndGet();
        long mask = 0;
        for (Piece p : pieces) mask |= 1L << p.image();
        for (Piece p : pieces) {
            try {
                metas[p.image()].writeDurably(at(metas[p.image()], slot), ByteBuffer.wrap(encode(s, stripe, mask, p)));
            } catch (IOException e) {
                free.add(slot);
                failed.accept(p.image(), e);
                return -1;
            }
        }
        return slot;
    }

    /** Retires slot {@code slot}'s entries of {@code pieces} (their in-place writes are durable) and frees it. */
    void retire(int slot, List<Piece> pieces, BiConsumer<Integer, IOException> failed) {
        try {
            for (Piece p : pieces) {
                try {
                    metas[p.image()].writeDurably(at(metas[p.image()], slot), ByteBuffer.allocate(HEADER));
                } catch (IOException e) {
                    failed.accept(p.image(), e); // no member any more: its rmeta's journal is not read
                }
            }
        } finally {
            free.add(slot);
        }
    }

    private int take() throws IOException {
        try {
            return free.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for a stripe journal slot");
        }
    }

    private byte[] encode(long s, long stripe, long mask, Piece p) {
        ByteBuffer b = ByteBuffer.allocate(HEADER + p.len());
        b.put(MAGIC).putLong(s).putLong(stripe).putInt(p.image()).putLong(mask).putInt(p.off()).putInt(p.len()).putInt(0).putInt(chunk);
        b.put(HEADER, p.buf(), p.off(), p.len());
        b.putInt(CRC_AT, crc(b.array()));
        return b.array();
    }

    private static int crc(byte[] entry) {
        CRC32C c = new CRC32C();
        c.update(entry, 0, CRC_AT);
        c.update(new byte[4]);
        c.update(entry, CRC_AT + 4, entry.length - CRC_AT - 4);
        return (int) c.getValue();
    }

    // ---- after a crash ----

    /**
     * Replays what a crash left (see the class comment) onto {@code images} (by index; null for missing), reading the
     * entries of the {@code trusted} images only (those whose data the array keeps: members, and the image whose
     * rebuild resumes from its checkpoint); then forces the images and retires every entry of every rmeta. Returns
     * how many stripe rows it replayed.
     */
    public int recover(List<BlockDevice> images, boolean[] trusted) throws IOException {
        int replayed = 0;
        long newest = 0;
        for (int k = 0; k < slots; k++) {
            Entry[] found = new Entry[metas.length];
            Entry top = null;
            for (int i = 0; i < metas.length; i++) {
                if (metas[i] == null || images.get(i) == null) continue;
                found[i] = read(metas[i], k, i);
                if (found[i] != null) newest = Math.max(newest, found[i].seq());
                if (found[i] != null && trusted[i] && (top == null || found[i].seq() > top.seq())) top = found[i];
            }
            if (top == null || !complete(top, found, images, trusted)) continue;
            for (int i = 0; i < metas.length; i++) {
                if ((top.mask() >>> i & 1) == 0 || !trusted[i] || images.get(i) == null) continue;
                images.get(i).writeFully(top.stripe() * chunk + found[i].off(), ByteBuffer.wrap(found[i].data()));
            }
            replayed++;
        }
        for (BlockDevice d : images) if (d != null) d.flush();
        for (int k = 0; k < slots; k++)
            for (int i = 0; i < metas.length; i++)
                if (metas[i] != null && images.get(i) != null && read(metas[i], k, i) != null)
                    metas[i].writeDurably(at(metas[i], k), ByteBuffer.allocate(HEADER));
        seq.set(newest);
        return replayed;
    }

    /** Whether every trusted image present that {@code top} names holds its entry of the same write. */
    private static boolean complete(Entry top, Entry[] found, List<BlockDevice> images, boolean[] trusted) {
        for (int i = 0; i < found.length; i++) {
            if ((top.mask() >>> i & 1) == 0 || !trusted[i] || images.get(i) == null) continue;
            Entry e = found[i];
            if (e == null || e.seq() != top.seq() || e.stripe() != top.stripe() || e.mask() != top.mask()) return false;
        }
        return true;
    }

    /** Slot {@code slot}'s entry on {@code m} (image {@code image}'s rmeta), or null when none is valid. */
    private Entry read(BlockDevice m, int slot, int image) throws IOException {
        long pos = at(m, slot);
        ByteBuffer h = ByteBuffer.allocate(HEADER);
        m.readFully(pos, h);
        if (!Arrays.equals(h.array(), 0, MAGIC.length, MAGIC, 0, MAGIC.length)) return null;
        long s = h.getLong(8);
        long stripe = h.getLong(16);
        int img = h.getInt(24);
        long mask = h.getLong(28);
        int off = h.getInt(36);
        int len = h.getInt(40);
        if (img != image || h.getInt(48) != chunk || off < 0 || len <= 0 || off + len > chunk || (mask >>> image & 1) == 0) return null;
        byte[] entry = new byte[HEADER + len];
        System.arraycopy(h.array(), 0, entry, 0, HEADER);
        m.readFully(pos + HEADER, ByteBuffer.wrap(entry, HEADER, len));
        if (crc(entry) != h.getInt(CRC_AT)) return null;
        return new Entry(s, stripe, img, mask, off, Arrays.copyOfRange(entry, HEADER, entry.length));
    }

    /** Entries valid on any rmeta now (for tests: none after a clean stop). */
    public int entries() throws IOException {
        int n = 0;
        for (int k = 0; k < slots; k++)
            for (int i = 0; i < metas.length; i++) if (metas[i] != null && read(metas[i], k, i) != null) n++;
        return n;
    }
}
