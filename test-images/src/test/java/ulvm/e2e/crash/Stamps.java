package ulvm.e2e.crash;

import java.nio.ByteBuffer;

/**
 * What the workloads write: every 512-byte sector of a 4 KiB block says which block and which version of it it
 * holds, so a sector read after the crash names the write it came from (version 0: never written, all zeros).
 * Sectors are the unit a torn write can split.
 */
final class Stamps {
    static final int BLOCK = 4096;
    static final int SECTOR = 512;
    private static final long MAGIC = 0x554c564d43524153L; // "ULVMCRAS"
    /** A sector that is neither zeros nor a stamp of the block it was read from. */
    static final long GARBAGE = -1;

    private Stamps() {}

    static byte[] block(long block, long version) {
        ByteBuffer b = ByteBuffer.allocate(BLOCK);
        for (int s = 0; s < BLOCK; s += SECTOR) {
            b.putLong(s, MAGIC);
            b.putLong(s + 8, block);
            b.putLong(s + 16, version);
            for (int i = 24; i < SECTOR; i += 8) b.putLong(s + i, version * 0x9E3779B97F4A7C15L + i);
        }
        return b.array();
    }

    /** The version sector {@code s} of {@code data} (a block read back) holds. */
    static long version(byte[] data, long block, int s) {
        ByteBuffer b = ByteBuffer.wrap(data);
        int o = s * SECTOR;
        boolean zero = true;
        for (int i = 0; i < SECTOR && zero; i += 8) zero = b.getLong(o + i) == 0;
        if (zero) return 0;
        if (b.getLong(o) != MAGIC || b.getLong(o + 8) != block) return GARBAGE;
        long v = b.getLong(o + 16);
        for (int i = 24; i < SECTOR; i += 8) if (b.getLong(o + i) != v * 0x9E3779B97F4A7C15L + i) return GARBAGE;
        return v;
    }
}
