package ulvm.bitmap;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * The byte layout of a {@link BitmapRecord} (big-endian):
 * <pre>
 *   0  magic "ULVMWIB1"        8  version (u32) = 1       12 total length (u32, header included, padded to 512)
 *  16  CRC32C (u32) of the padded record with this field zero
 *  20  seq (u64)  28 region sectors (u64)  36 region count (u64)
 *  44  member count (u32), each: length (u16) + UTF-8 LV id
 *      tracked id: length (u16, 0 = none) + UTF-8
 *      dirty: length (u32) + portable RoaringBitmap;  tracked regions: length (u32) + portable RoaringBitmap
 *      stale count (u32), each: length (u16) + UTF-8 LV id   (optional: a record that ends, or has zero padding,
 *      here has none; readers that predate it ignore it, and see a stale image as a non-member, which they sync in full)
 * </pre>
 */
public final class RecordCodec {
    static final byte[] MAGIC = "ULVMWIB1".getBytes(StandardCharsets.US_ASCII);
    static final int VERSION = 1;
    static final int HEADER = 44;
    private static final int CRC_AT = 16;

    private RecordCodec() {}

    public static byte[] encode(BitmapRecord r) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(4096);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(MAGIC);
            out.writeInt(VERSION);
            out.writeInt(0); // length, patched below
            out.writeInt(0); // crc, patched below
            out.writeLong(r.seq());
            out.writeLong(r.regionSectors());
            out.writeLong(r.regionCount());
            out.writeInt(r.members().size());
            for (String m : r.members()) writeString(out, m);
            writeString(out, r.trackedId() == null ? "" : r.trackedId());
            writeBitmap(out, r.dirty());
            writeBitmap(out, r.trackedRegions());
            out.writeInt(r.stale().size());
            for (String m : r.stale()) writeString(out, m);
        } catch (IOException e) {
            throw new IllegalStateException(e); // in memory: cannot happen
        }
        int len = (bytes.size() + 511) & ~511;
        ByteBuffer b = ByteBuffer.allocate(len);
        b.put(bytes.toByteArray());
        b.putInt(12, len);
        CRC32C crc = new CRC32C();
        crc.update(b.array(), 0, len);
        b.putInt(CRC_AT, (int) crc.getValue());
        return b.array();
    }

    /** The longest an LV id may be in a record here (LVM2's ids are 38 characters). */
    static final int MAX_ID = 64;

    /**
     * The most bytes a record of {@code regionCount} regions and an array of {@code images} images can take: members,
     * tracked and stale ids of up to {@link #MAX_ID} bytes, and two region sets at a portable RoaringBitmap's worst (8 KiB
     * and 9 bytes of headers for each 65536 regions, and its 8-byte header).
     */
    public static long maxLength(long regionCount, int images) {
        long containers = (regionCount + 65535) / 65536;
        long bitmap = 8 + containers * (8192 + 9);
        long ids = (2L + MAX_ID) * (2L * images + 1);
        return (HEADER + 4 + ids + 4 + 2 * (4 + bitmap) + 511) & ~511L;
    }

    /** The record's total length from its first {@link #HEADER} bytes, or -1 when they are not a record's. */
    static int length(ByteBuffer head) {
        if (head.remaining() < HEADER) return -1;
        for (int i = 0; i < MAGIC.length; i++) if (head.get(head.position() + i) != MAGIC[i]) return -1;
        if (head.getInt(head.position() + 8) != VERSION) return -1;
        int len = head.getInt(head.position() + 12);
        return len >= HEADER && len % 512 == 0 ? len : -1;
    }

    /** The record in {@code b} (exactly its length), or empty when the magic, version, checksum or layout is off. */
    public static Optional<BitmapRecord> decode(byte[] b) {
        ByteBuffer in = ByteBuffer.wrap(b);
        if (length(in) != b.length) return Optional.empty();
        int stored = in.getInt(CRC_AT);
        CRC32C crc = new CRC32C();
        crc.update(b, 0, CRC_AT);
        crc.update(new byte[4]);
        crc.update(b, CRC_AT + 4, b.length - CRC_AT - 4);
        if ((int) crc.getValue() != stored) return Optional.empty();
        try {
            in.position(20);
            long seq = in.getLong();
            long sectors = in.getLong();
            long count = in.getLong();
            int n = in.getInt();
            if (n < 0 || n > 1024 || count < 0 || count > Integer.MAX_VALUE || sectors <= 0) return Optional.empty();
            List<String> members = new ArrayList<>();
            for (int i = 0; i < n; i++) members.add(readString(in));
            String tracked = readString(in);
            RegionSet dirty = readBitmap(in, count);
            RegionSet trackedRegions = readBitmap(in, count);
            List<String> stale = new ArrayList<>();
            int k = in.remaining() >= 4 ? in.getInt() : 0;
            if (k < 0 || k > 1024) return Optional.empty();
            for (int i = 0; i < k; i++) stale.add(readString(in));
            return Optional.of(new BitmapRecord(seq, sectors, count, members, tracked.isEmpty() ? null : tracked, dirty, trackedRegions, stale));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // a checksummed record that does not parse: treat as absent
        }
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeShort(b.length);
        out.write(b);
    }

    private static String readString(ByteBuffer in) {
        int len = Short.toUnsignedInt(in.getShort());
        byte[] b = new byte[len];
        in.get(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    private static void writeBitmap(DataOutputStream out, RegionSet s) throws IOException {
        byte[] b = s.serialize();
        out.writeInt(b.length);
        out.write(b);
    }

    private static RegionSet readBitmap(ByteBuffer in, long count) throws IOException {
        int len = in.getInt();
        if (len < 0 || len > in.remaining()) throw new IOException("bitmap length " + len);
        ByteBuffer slice = in.slice(in.position(), len);
        in.position(in.position() + len);
        return RegionSet.deserialize(slice, count);
    }
}
