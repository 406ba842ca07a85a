package ulvm.thin.meta;

import java.util.zip.CRC32C;

/**
 * dm-persistent-data's block checksum: crc32c seeded with ~0 and not inverted at the end (the kernel's
 * {@code crc32c(~0, ...)}), xored with a salt per block kind, over the block after its 4-byte checksum field.
 */
final class Checksum {
    static final int SUPERBLOCK_XOR = 160774;
    static final int BTREE_XOR = 121107;
    static final int BITMAP_XOR = 240779;
    static final int INDEX_XOR = 160478;

    private Checksum() {}

    /** The checksum of {@code block[4..]}. */
    static int of(byte[] block, int xor) {
        CRC32C c = new CRC32C();
        c.update(block, 4, block.length - 4);
        return ~(int) c.getValue() ^ xor;
    }

    static void seal(byte[] block, int xor) { Le.putInt(block, 0, of(block, xor)); }

    static boolean valid(byte[] block, int xor) { return Le.getInt(block, 0) == of(block, xor); }
}
