package ulvm.bitmap;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import ulvm.io.BlockDevice;

/**
 * Where records live in an rmeta device: its first 4 KiB stay zero (a kernel sees a blank dm-raid superblock and
 * resyncs in full, which is safe); the rest is halved into two slots, record {@code seq} going to slot
 * {@code seq % 2}, so a torn write of one slot leaves the other's older record valid.
 */
public final class RecordSlots {
    public static final int RESERVED = 4096;

    private RecordSlots() {}

    /** Bytes of one slot for a device of {@code size} bytes (a multiple of 4 KiB). */
    static long slotSize(long size) {
        return ((size - RESERVED) / 2) & ~4095L;
    }

    static long slotAt(long size, int slot) {
        return RESERVED + slot * slotSize(size);
    }

    /**
     * Where the write-intent records of {@code regionCount} regions and {@code images} images end at the most on a
     * device of {@code size} bytes: past slot 1's longest record ({@link RecordCodec#maxLength}). The rest is free
     * for the md arrays' stripe journal.
     */
    public static long recordsEnd(long size, long regionCount, int images) {
        return slotAt(size, 1) + RecordCodec.maxLength(regionCount, images);
    }

    /** The newest valid record on one device, if any. */
    public static Optional<BitmapRecord> read(BlockDevice dev) throws IOException {
        long size = dev.size();
        if (slotSize(size) < 4096) return Optional.empty();
        BitmapRecord best = null;
        for (int slot = 0; slot < 2; slot++) {
            long at = slotAt(size, slot);
            ByteBuffer head = ByteBuffer.allocate(RecordCodec.HEADER);
            dev.readFully(at, head);
            head.flip();
            int len = RecordCodec.length(head);
            if (len < 0 || len > slotSize(size)) continue;
            byte[] b = dev.read(at, len);
            Optional<BitmapRecord> r = RecordCodec.decode(b);
            if (r.isPresent() && (best == null || r.get().seq() > best.seq())) best = r.get();
        }
        return Optional.ofNullable(best);
    }

    /** The newest valid record across {@code devs} (null entries and unreadable devices are skipped). */
    public static Optional<BitmapRecord> newest(List<BlockDevice> devs) {
        BitmapRecord best = null;
        for (BlockDevice d : devs) {
            if (d == null) continue;
            try {
                Optional<BitmapRecord> r = read(d);
                if (r.isPresent() && (best == null || r.get().seq() > best.seq())) best = r.get();
            } catch (IOException ignored) {
                // an unreadable rmeta counts as one without a record
            }
        }
        return Optional.ofNullable(best);
    }

    /** Writes an encoded record (see {@link RecordCodec#encode}) of sequence {@code seq} durably into its slot. */
    public static void write(BlockDevice dev, long seq, byte[] encoded) throws IOException {
        long size = dev.size();
        if (encoded.length > slotSize(size))
            throw new IOException(dev.name() + ": write-intent record of " + encoded.length + " bytes does not fit a slot of " + slotSize(size));
        dev.writeDurably(slotAt(size, (int) (seq & 1)), ByteBuffer.wrap(encoded));
    }
}
