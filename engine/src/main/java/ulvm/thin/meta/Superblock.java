package ulvm.thin.meta;

import ulvm.format.FormatException;

/**
 * dm-thin's superblock (block 0, {@code struct thin_disk_superblock}), little-endian: csum, flags, blocknr, uuid[16],
 * magic, version, time, trans_id, held_root, data_space_map_root[128], metadata_space_map_root[128],
 * data_mapping_root, device_details_root, data_block_size, metadata_block_size, metadata_nr_blocks, compat_flags,
 * compat_ro_flags, incompat_flags. The checksum covers the whole block after its field.
 */
final class Superblock {
    static final long MAGIC = 27022010;
    static final int VERSION = 2;
    static final int NEEDS_CHECK = 1;
    static final int FLAGS = 4, MAGIC_AT = 32, VERSION_AT = 40, TIME = 44, TRANS_ID = 48, HELD_ROOT = 56;
    static final int DATA_SM = 64, METADATA_SM = 192, MAPPING_ROOT = 320, DETAILS_ROOT = 328;
    static final int DATA_BLOCK_SIZE = 336, METADATA_BLOCK_SIZE = 340, METADATA_NR_BLOCKS = 344;
    static final int COMPAT_RO = 356, INCOMPAT = 360;
    /** Metadata blocks are 8 sectors. */
    static final int METADATA_BLOCK_SECTORS = MetaBlocks.SIZE / 512;

    private Superblock() {}

    static boolean allZero(byte[] b) {
        for (byte x : b) if (x != 0) return false;
        return true;
    }

    /** Checks a superblock as the kernel's sb_check and __check_incompat_features do. */
    static void check(String dev, byte[] sb, long dataBlockSectors) throws FormatException {
        String p = dev + ": thin pool metadata: ";
        if (Le.getLong(sb, MAGIC_AT) != MAGIC) throw new FormatException(p + "bad superblock magic " + Le.getLong(sb, MAGIC_AT));
        if (!Checksum.valid(sb, Checksum.SUPERBLOCK_XOR)) throw new FormatException(p + "bad superblock checksum");
        if (Le.getLong(sb, 8) != 0) throw new FormatException(p + "the superblock claims block " + Le.getLong(sb, 8));
        int v = Le.getInt(sb, VERSION_AT);
        if (v < 1 || v > VERSION) throw new FormatException(p + "unsupported metadata version " + v);
        if (Le.getInt(sb, INCOMPAT) != 0) throw new FormatException(p + "unsupported incompatible features " + Le.getInt(sb, INCOMPAT));
        if (Le.getInt(sb, COMPAT_RO) != 0) throw new FormatException(p + "unsupported read-only features " + Le.getInt(sb, COMPAT_RO));
        if (Le.getInt(sb, METADATA_BLOCK_SIZE) != METADATA_BLOCK_SECTORS)
            throw new FormatException(p + "metadata block size " + Le.getInt(sb, METADATA_BLOCK_SIZE) + " sectors, not " + METADATA_BLOCK_SECTORS);
        long dbs = Le.getUInt(sb, DATA_BLOCK_SIZE);
        if (dbs != dataBlockSectors)
            throw new FormatException(p + "data block size " + dbs + " sectors does not match the pool's chunk size of " + dataBlockSectors + " sectors");
    }
}
