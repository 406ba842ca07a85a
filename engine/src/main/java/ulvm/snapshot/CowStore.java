package ulvm.snapshot;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.TreeMap;
import ulvm.mapping.LvTable;

/**
 * A live dm-snapshot persistent store on a COW LV's table (layout: {@link CowFormat}). It keeps the exception table
 * in memory (origin chunk to COW chunk), hands out COW chunks as dm-snapshot does (next free chunk, skipping exception
 * areas) and commits exception records durably: a writer puts its data chunk on the COW, appends its record and waits;
 * one waiting writer forces the COW (every appended record's data chunk) and then writes and forces the exception
 * areas, for all records appended so far (group commit). When an area fills, the next one is zeroed on disk before the
 * full one is written, so the list always ends. A store that runs out of room is invalidated: its header gets valid 0.
 */
public final class CowStore {
    private final String name;
    private final int chunkSectors;
    private final int chunkBytes;
    private final long perArea;
    private final ExceptionTable table = new ExceptionTable();
    private volatile LvTable cow;
    private volatile long cowSectors;
    private volatile boolean valid;
    // under this: the records in commit order, allocation, group commit
    private long[] origins = new long[64];
    private long[] cows = new long[64];
    private int records;
    private long nextFree;
    private long appended;
    private long durable;
    private boolean flushing;
    /** Records whose area bytes are durable: a commit writes the blocks of the records after them. */
    private int committedRecords;
    private final TreeMap<Long, Boolean> dirtyAreas = new TreeMap<>();

    private CowStore(String name, LvTable cow, long cowSectors, int chunkSectors, boolean valid) {
        this.name = name;
        this.cow = cow;
        this.cowSectors = cowSectors;
        this.chunkSectors = chunkSectors;
        this.chunkBytes = chunkSectors * 512;
        this.perArea = CowFormat.exceptionsPerArea(chunkSectors);
        this.valid = valid;
    }

    /**
     * Loads the store of a COW LV as dm-snapshot does at activation. A new store (magic 0) gets its header and a
     * zeroed first exception area, forced, before this returns. {@code chunkSectors}: the metadata's chunk size.
     */
    public static CowStore open(String name, LvTable cow, long chunkSectors) throws IOException {
        long sectors = cow.size() / 512;
        CowFormat.Contents c = CowFormat.read((off, dst) -> cow.read(off, dst), sectors, chunkSectors);
        CowStore s = new CowStore(name, cow, sectors, c.header().chunkSectors(), c.header().valid());
        ByteBuffer hb = ByteBuffer.allocate(512);
        cow.read(0, hb);
        if (CowFormat.Header.decode(hb.flip()).isNew()) {
            s.writeChunk(CowFormat.areaChunk(0, s.chunkSectors), new byte[s.chunkBytes]);
            cow.flush();
            s.writeHeader(true);
        }
        for (CowFormat.Exception e : c.exceptions()) s.add(e.origin(), e.cow());
        s.nextFree = c.nextFree();
        s.committedRecords = s.records;
        return s;
    }

    public String name() { return name; }

    public int chunkBytes() { return chunkBytes; }

    public boolean valid() { return valid; }

    public LvTable cow() { return cow; }

    /** The COW chunk holding origin chunk {@code chunk}, or 0. */
    public long lookup(long chunk) { return table.get(chunk); }

    public int exceptions() { return table.size(); }

    /** The COW grew or shrank (lvextend/lvreduce), or its table changed: later chunks go to {@code next}. */
    public synchronized void resize(LvTable next) {
        cow = next;
        cowSectors = next.size() / 512;
    }

    private void add(long origin, long cowChunk) {
        if (records == origins.length) {
            origins = Arrays.copyOf(origins, records * 2);
            cows = Arrays.copyOf(cows, records * 2);
        }
        origins[records] = origin;
        cows[records] = cowChunk;
        records++;
        table.put(origin, cowChunk);
    }

    /** A COW chunk for a new exception, or -1 when the store is full or invalid (the caller invalidates it). */
    public synchronized long allocate() {
        if (!valid || !CowFormat.hasRoom(nextFree, chunkSectors, cowSectors)) return -1;
        long c = nextFree;
        nextFree = CowFormat.nextFree(c, chunkSectors);
        return c;
    }

    /**
     * Writes the data of new exceptions (whole chunks) to COW chunk {@code cowChunk} and the ones after it; not
     * forced (the commit forces it).
     */
    public void writeData(long cowChunk, ByteBuffer chunks) throws IOException {
        cow.write(cowChunk * chunkBytes, chunks);
    }

    /**
     * Makes the exception {@code origin -> cowChunk} durable (its data chunk first, then its record), then visible to
     * lookups. Concurrent callers share the forces.
     */
    public void commit(long origin, long cowChunk) throws IOException {
        commitAll(new long[] {origin}, new long[] {cowChunk}, 1);
    }

    /** {@link #commit} of {@code n} exceptions at once: one force of the data, one of the records. */
    public void commitAll(long[] origin, long[] cowChunk, int n) throws IOException {
        publish(append(origin, cowChunk, n), origin, cowChunk, n);
    }

    /**
     * First half of {@link #commitAll}: the records join the next group commit (their data chunks are written).
     * Returns the ticket for {@link #publish}. Appending to several stores before publishing any lets one force of
     * an image serve them all.
     */
    public long append(long[] origin, long[] cowChunk, int n) {
        if (n == 0) return 0;
        long seq;
        synchronized (this) {
            for (int i = 0; i < n; i++) {
                if (records == origins.length) {
                    origins = Arrays.copyOf(origins, records * 2);
                    cows = Arrays.copyOf(cows, records * 2);
                }
                origins[records] = origin[i];
                cows[records] = cowChunk[i];
                long area = records / perArea;
                records++;
                dirtyAreas.put(area, true);
                if (records % perArea == 0 && CowFormat.areaChunk(area + 1, chunkSectors) < cowSectors / chunkSectors)
                    dirtyAreas.put(area + 1, true); // zeroed before the full area points past it
            }
            seq = ++appended;
        }
        return seq;
    }

    /** Second half of {@link #commitAll}: waits until the records are durable, then lookups find them. */
    public void publish(long ticket, long[] origin, long[] cowChunk, int n) throws IOException {
        if (n == 0) return;
        awaitDurable(ticket);
        for (int i = 0; i < n; i++) table.put(origin[i], cowChunk[i]);
    }

    private void awaitDurable(long seq) throws IOException {
        long upTo;
        long[] areas;
        byte[][] bytes;
        int[] from;
        int[] to;
        int committing;
        synchronized (this) {
            while (durable < seq && flushing) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted waiting for the COW commit", e);
                }
            }
            if (durable >= seq) return;
            flushing = true;
            upTo = appended;
            committing = records;
            areas = new long[dirtyAreas.size()];
            bytes = new byte[areas.length][];
            from = new int[areas.length];
            to = new int[areas.length];
            int i = areas.length;
            for (long a : dirtyAreas.keySet()) { // written last to first: a full area only once the next is on disk
                areas[--i] = a;
                bytes[i] = areaBytes(a);
                blocksOf(a, committedRecords, committing, from, to, i);
            }
            dirtyAreas.clear();
        }
        boolean ok = false;
        try {
            cow.flush(); // every appended record's data chunk
            for (int i = 0; i < areas.length; i++) {
                cow.write(CowFormat.areaChunk(areas[i], chunkSectors) * chunkBytes + from[i],
                        ByteBuffer.wrap(bytes[i], from[i], to[i] - from[i]));
                if (i + 1 < areas.length) cow.flush();
            }
            cow.flush();
            ok = true;
        } finally {
            synchronized (this) {
                flushing = false;
                if (ok) {
                    durable = Math.max(durable, upTo);
                    committedRecords = Math.max(committedRecords, committing);
                } else {
                    for (long a : areas) dirtyAreas.put(a, true);
                }
                notifyAll();
            }
        }
    }

    /** An exception area is rewritten in blocks of this many bytes. */
    private static final int BLOCK = 4096;

    /**
     * The byte range of area {@code a} a commit of records {@code [done, upTo)} writes. The area holding the end of the
     * committed list is zeros past it on disk (zeroed ahead, as a new store's first area, or written whole by
     * dm-snapshot): only the 4 KiB blocks holding the new records are written. An area past it, or one with none of
     * the records (zeroed ahead of the list), is written whole, its zeros ending the list.
     */
    private void blocksOf(long a, int done, int upTo, int[] from, int[] to, int i) {
        long first = Math.max(done, a * perArea), end = Math.min(upTo, (a + 1) * perArea);
        if (first >= end || a > done / perArea) {
            from[i] = 0;
            to[i] = chunkBytes;
            return;
        }
        from[i] = (int) ((first - a * perArea) * CowFormat.RECORD_BYTES / BLOCK * BLOCK);
        to[i] = (int) Math.min(chunkBytes, ((end - a * perArea) * CowFormat.RECORD_BYTES + BLOCK - 1) / BLOCK * BLOCK);
    }

    private byte[] areaBytes(long area) {
        byte[] b = new byte[chunkBytes];
        ByteBuffer l = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        long from = area * perArea;
        for (long i = from; i < Math.min(records, from + perArea); i++) {
            l.putLong((int) ((i - from) * CowFormat.RECORD_BYTES), origins[(int) i]);
            l.putLong((int) ((i - from) * CowFormat.RECORD_BYTES + 8), cows[(int) i]);
        }
        return b;
    }

    private void writeChunk(long chunk, byte[] b) throws IOException {
        cow.write(chunk * chunkBytes, ByteBuffer.wrap(b));
    }

    private void writeHeader(boolean v) throws IOException {
        byte[] chunk0 = new byte[512];
        System.arraycopy(new CowFormat.Header(CowFormat.MAGIC, v, CowFormat.VERSION, chunkSectors).encode(), 0, chunk0, 0, 16);
        cow.write(0, ByteBuffer.wrap(chunk0));
        cow.flush();
    }

    /** The store overflowed: header valid 0, forced. Reads of the snapshot fail from now on; the origin goes on. */
    public void invalidate() throws IOException {
        synchronized (this) {
            if (!valid) return;
            valid = false;
        }
        writeHeader(false);
    }

    /** dm-snapshot's usage of this store. */
    public synchronized SnapshotStatus status(boolean merging) {
        return CowFormat.usage(valid, nextFree, records / perArea, chunkSectors, cowSectors, merging);
    }

    // ---- merge: records leave from the end, as dm-snapshot merges them


    /**
     * Up to {@code max} exceptions below record {@code end}, the last first (the next merge batch while one is
     * recorded: records leave only from the end); empty when everything below is merged.
     */
    public synchronized CowFormat.Exception[] exceptionsBelow(int end, int max) {
        int top = Math.min(end, records);
        int n = Math.max(0, Math.min(max, top));
        CowFormat.Exception[] out = new CowFormat.Exception[n];
        for (int i = 0; i < n; i++) out[i] = new CowFormat.Exception(origins[top - 1 - i], cows[top - 1 - i]);
        return out;
    }

    /**
     * The last {@code n} exceptions are merged (their origin chunks written and forced): their records are cleared
     * and forced, and lookups no longer find them.
     */
    public void merged(int n) throws IOException {
        long lastArea;
        long firstArea;
        long[] gone = new long[2 * n];
        byte[][] bytes;
        synchronized (this) {
            lastArea = (records - 1) / perArea;
            for (int i = 0; i < n; i++) {
                records--;
                gone[2 * i] = origins[records];
                gone[2 * i + 1] = cows[records];
            }
            firstArea = records / perArea;
            committedRecords = records;
            nextFree = CowFormat.areaChunk(firstArea, chunkSectors) + records % perArea + 1;
            bytes = new byte[(int) (lastArea - firstArea + 1)][];
            for (long a = firstArea; a <= lastArea; a++) bytes[(int) (a - firstArea)] = areaBytes(a);
        }
        for (long a = lastArea; a >= firstArea; a--) { // the cleared records are durable before writes may pass them
            writeChunk(CowFormat.areaChunk(a, chunkSectors), bytes[(int) (a - firstArea)]);
            cow.flush();
        }
        synchronized (this) {
            for (int i = 0; i < n; i++) if (table.get(gone[2 * i]) == gone[2 * i + 1]) table.remove(gone[2 * i]);
        }
    }

    /** Records left to merge. */
    public synchronized int remaining() { return records; }
}
