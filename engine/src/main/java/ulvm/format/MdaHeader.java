package ulvm.format;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** The 512-byte header of a metadata area (docs/format.md §3). */
public record MdaHeader(long start, long size, RawLocn committed, RawLocn precommitted) {
    public static final int SIZE = 512;
    static final byte[] MAGIC = " LVM2 x[5A%r0N*>".getBytes(StandardCharsets.US_ASCII);

    /**
     * A header whose magic and place are right but whose checksum or version is not: {@code vgck --updatemetadata}
     * rewrites it (LVM2's vg_write_commit_bad_mdas); ordinary writes leave it alone.
     */
    public static final class Repairable extends FormatException {
        public Repairable(String message) { super(message); }
    }

    public static MdaHeader fresh(long start, long size) {
        return new MdaHeader(start, size, RawLocn.EMPTY, RawLocn.EMPTY);
    }

    /**
     * Checks a header as LVM2's _raw_read_mda_header does: every bad field is reported, one line each, in its order
     * (checksum, magic, version, start).
     */
    public static MdaHeader decode(byte[] b, long expectedStart, String name) throws FormatException {
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        String where = " in mda header on " + name + " at " + expectedStart;
        StringBuilder bad = new StringBuilder();
        int crc = bb.getInt(0);
        if (crc != LvmCrc.crc(b, 4, SIZE - 4)) bad.append(String.format("wrong checksum %x", crc)).append(where).append('\n');
        boolean magic = java.util.Arrays.equals(b, 4, 4 + MAGIC.length, MAGIC, 0, MAGIC.length);
        if (!magic) bad.append("wrong magic number").append(where).append('\n');
        int version = bb.getInt(20);
        if (version != 1) bad.append("wrong version ").append(Integer.toUnsignedString(version)).append(where).append('\n');
        long start = bb.getLong(24);
        long size = bb.getLong(32);
        if (start != expectedStart) bad.append("wrong start sector ").append(start >> 9).append(where).append('\n');
        if (bad.length() > 0) {
            String msg = bad.substring(0, bad.length() - 1);
            if (!magic || start != expectedStart) throw new FormatException(msg);
            throw new Repairable(msg);
        }
        if (size < 2 * SIZE) throw new FormatException(name + ": metadata area at offset " + expectedStart + " is too small (" + size + " bytes).");
        return new MdaHeader(start, size, locn(bb, 40), locn(bb, 64));
    }

    private static RawLocn locn(ByteBuffer bb, int p) {
        return new RawLocn(bb.getLong(p), bb.getLong(p + 8), bb.getInt(p + 16), bb.getInt(p + 20));
    }

    public byte[] encode() {
        byte[] b = new byte[SIZE];
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        bb.put(4, MAGIC);
        bb.putInt(20, 1);
        bb.putLong(24, start);
        bb.putLong(32, size);
        put(bb, 40, committed);
        put(bb, 64, precommitted);
        bb.putInt(0, LvmCrc.crc(b, 4, SIZE - 4));
        return b;
    }

    private static void put(ByteBuffer bb, int p, RawLocn l) {
        bb.putLong(p, l.offset());
        bb.putLong(p + 8, l.size());
        bb.putInt(p + 16, l.checksum());
        bb.putInt(p + 20, l.flags());
    }

    public MdaHeader withCommitted(RawLocn c) { return new MdaHeader(start, size, c, RawLocn.EMPTY); }

    public MdaHeader withPrecommitted(RawLocn p) { return new MdaHeader(start, size, committed, p); }
}
