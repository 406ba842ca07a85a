package ulvm.snapshot;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * dm-snapshot's persistent exception store, as laid out on the COW LV (docs/format.md §7). Chunks are
 * {@code chunkSectors} sectors. Chunk 0 is the header {u32 magic "SnAp", u32 valid, u32 version 1, u32 chunk size in
 * sectors}, little-endian. Exception area k sits at chunk {@code 1 + k·(E+1)}, E = chunk bytes / 16, and holds E
 * records {u64 origin chunk, u64 COW chunk}; the E chunks after it hold data. The list ends at the first record whose
 * COW chunk is 0. A header with magic 0 is a new, empty store.
 */
public final class CowFormat {
    public static final int MAGIC = 0x70416e53;
    public static final int VERSION = 1;
    public static final int HEADER_CHUNKS = 1;
    public static final int RECORD_BYTES = 16;

    private CowFormat() {}

    /** Reads bytes of the COW LV (offline: its segment table; live: the COW's volume). */
    public interface Reader {
        void read(long offset, ByteBuffer dst) throws IOException;
    }

    /** The header of chunk 0. {@code magic} 0 means a new store. */
    public record Header(int magic, boolean valid, int version, int chunkSectors) {
        public boolean isNew() { return magic == 0; }

        public boolean isSnap() { return magic == MAGIC; }

        public static Header decode(ByteBuffer b) {
            ByteBuffer l = b.duplicate().order(ByteOrder.LITTLE_ENDIAN);
            return new Header(l.getInt(0), l.getInt(4) != 0, l.getInt(8), l.getInt(12));
        }

        /** The header's 16 bytes; the rest of chunk 0 is zero. */
        public byte[] encode() {
            ByteBuffer l = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
            l.putInt(magic).putInt(valid ? 1 : 0).putInt(version).putInt(chunkSectors);
            return l.array();
        }

        public static Header fresh(int chunkSectors) { return new Header(MAGIC, true, VERSION, chunkSectors); }
    }

    /** E: records per exception area (one chunk). */
    public static long exceptionsPerArea(long chunkSectors) { return chunkSectors * 512 / RECORD_BYTES; }

    /** The chunk holding exception area {@code area}. */
    public static long areaChunk(long area, long chunkSectors) {
        return HEADER_CHUNKS + (exceptionsPerArea(chunkSectors) + 1) * area;
    }

    /** The first chunk handed out in a new store: after the header and the first exception area. */
    public static long firstFreeChunk() { return HEADER_CHUNKS + 1; }

    /** The chunk after {@code chunk} that a new exception may use: the next exception area's chunk is skipped. */
    public static long nextFree(long chunk, long chunkSectors) {
        long next = chunk + 1;
        if (next % (exceptionsPerArea(chunkSectors) + 1) == HEADER_CHUNKS) next++;
        return next;
    }

    /** True when a store of {@code cowSectors} has room for one more chunk at {@code nextFree} (dm-snapshot's test). */
    public static boolean hasRoom(long nextFree, long chunkSectors, long cowSectors) {
        return cowSectors >= (nextFree + 1) * chunkSectors;
    }

    /** dm-snapshot's usage figures for a store whose next free chunk is {@code nextFree}. */
    public static SnapshotStatus usage(boolean valid, long nextFree, long currentArea, long chunkSectors, long cowSectors,
                                       boolean merging) {
        return new SnapshotStatus(valid, nextFree * chunkSectors, cowSectors,
                (currentArea + 1 + HEADER_CHUNKS) * chunkSectors, merging);
    }

    /** One exception: origin chunk {@code origin} is kept in COW chunk {@code cow}. */
    public record Exception(long origin, long cow) { }

    /** What a store holds: its header, its exceptions in store order, the next free chunk and the current area. */
    public record Contents(Header header, java.util.List<Exception> exceptions, long nextFree, long currentArea) {
        public SnapshotStatus status(long cowSectors, boolean merging) {
            long chunk = header.chunkSectors();
            return usage(header.valid(), nextFree, currentArea, chunk, cowSectors, merging);
        }
    }

    /**
     * Reads a store as dm-snapshot loads it: the header, then exception areas until the first record with COW chunk
     * 0. A new store (magic 0) reads as empty. Throws {@link IOException} on a foreign magic or a record that points
     * outside the COW.
     */
    public static Contents read(Reader r, long cowSectors, long tableChunkSectors) throws IOException {
        ByteBuffer hb = ByteBuffer.allocate(512);
        r.read(0, hb);
        Header h = Header.decode(hb.flip());
        java.util.List<Exception> list = new java.util.ArrayList<>();
        if (h.isNew()) return new Contents(Header.fresh((int) tableChunkSectors), list, firstFreeChunk(), 0);
        if (!h.isSnap()) throw new IOException("not a snapshot exception store (magic " + Integer.toHexString(h.magic()) + ")");
        long chunk = h.chunkSectors();
        if (chunk < 8 || chunk > 1024 || Long.bitCount(chunk) != 1) throw new IOException("bad COW chunk size " + chunk);
        long perArea = exceptionsPerArea(chunk);
        long chunkBytes = chunk * 512;
        long totalChunks = cowSectors / chunk;
        long next = firstFreeChunk();
        ByteBuffer area = ByteBuffer.allocate((int) chunkBytes).order(ByteOrder.LITTLE_ENDIAN);
        for (long a = 0; ; a++) {
            long at = areaChunk(a, chunk);
            if (at >= totalChunks) return new Contents(h, list, next, Math.max(0, a - 1));
            area.clear();
            r.read(at * chunkBytes, area);
            for (int i = 0; i < perArea; i++) {
                long origin = area.getLong(i * RECORD_BYTES);
                long cow = area.getLong(i * RECORD_BYTES + 8);
                if (cow == 0) {
                    if (next % (perArea + 1) == HEADER_CHUNKS) next++;
                    return new Contents(h, list, next, a);
                }
                if (cow >= totalChunks || cow <= at) throw new IOException("exception " + origin + " -> " + cow + " outside the COW store");
                list.add(new Exception(origin, cow));
                if (cow + 1 > next) next = cow + 1;
            }
        }
    }
}
