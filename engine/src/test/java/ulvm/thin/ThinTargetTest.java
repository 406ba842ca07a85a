package ulvm.thin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import ulvm.io.BlockDevice;
import ulvm.io.MemoryDevice;
import ulvm.io.Volume;

class ThinTargetTest {
    private static final int BS = 64 << 10;

    private final List<MemoryDevice.Event> journal = Collections.synchronizedList(new ArrayList<>());
    private final MemoryDevice data = new MemoryDevice("tdata", 16 * BS, journal);
    private final MemoryMappings map = new MemoryMappings(16, journal);

    private PoolIo pool(boolean zero, boolean errorWhenFull) {
        map.create(1);
        return new PoolIo(map, data, BS, zero, errorWhenFull);
    }

    private static void write(ThinTarget t, long off, byte[] b) throws Exception {
        ByteBuffer src = ByteBuffer.wrap(b);
        while (src.hasRemaining()) t.write(off + src.position(), src);
    }

    private static byte[] read(ThinTarget t, long off, int n) throws Exception {
        ByteBuffer dst = ByteBuffer.allocate(n);
        while (dst.hasRemaining()) t.read(off + dst.position(), dst);
        return dst.array();
    }

    private static byte[] fill(int n, int v) {
        byte[] b = new byte[n];
        java.util.Arrays.fill(b, (byte) v);
        return b;
    }

    @Test void unmappedBlocksReadZerosAndAPartialWriteProvisionsAZeroedBlock() throws Exception {
        data.writeFully(0, ByteBuffer.wrap(fill(16 * BS, 0x55))); // stale data in the pool
        ThinTarget t = pool(true, true).device(1, 8L * BS);
        assertArrayEquals(new byte[3 * BS], read(t, 0, 3 * BS));
        assertTrue(t.allocation(0, 8L * BS).hole());
        write(t, BS + 100, fill(1000, 7));
        byte[] got = read(t, BS, BS);
        byte[] want = new byte[BS];
        java.util.Arrays.fill(want, 100, 1100, (byte) 7);
        assertArrayEquals(want, got, "-Z y zeroes the rest of a new block");
        assertEquals(1, map.used());
        assertEquals(BS, t.allocation(0, 8L * BS).length(), "the first block is still a hole");
        assertTrue(!t.allocation(BS, 8L * BS).hole());
    }

    @Test void withoutZeroingTheRestOfANewBlockKeepsWhatThePoolHeld() throws Exception {
        data.writeFully(0, ByteBuffer.wrap(fill(16 * BS, 0x55)));
        ThinTarget t = pool(false, true).device(1, 8L * BS);
        write(t, 10, fill(10, 1));
        byte[] got = read(t, 0, 30);
        assertEquals(0x55, got[0]);
        assertEquals(1, got[10]);
        assertEquals(0x55, got[20]);
    }

    @Test void aWriteToABlockSharedWithASnapshotBreaksTheSharing() throws Exception {
        PoolIo p = pool(true, true);
        ThinTarget origin = p.device(1, 4L * BS);
        byte[] before = new byte[2 * BS];
        new Random(1).nextBytes(before);
        write(origin, 0, before);
        map.snapshot(2, 1);
        ThinTarget snap = p.device(2, 4L * BS);
        write(origin, 500, fill(100, 9));
        assertArrayEquals(before, read(snap, 0, 2 * BS), "the snapshot keeps what it held");
        byte[] now = before.clone();
        java.util.Arrays.fill(now, 500, 600, (byte) 9);
        assertArrayEquals(now, read(origin, 0, 2 * BS), "the origin's new block has the rest of the old one");
        assertEquals(3, map.used(), "one block copied, the second still shared");
        assertEquals(2, map.ref(map.lookup(1, 1).block()));
        write(snap, BS, fill(BS, 3)); // a whole-block write needs no copy
        assertEquals(1, map.ref(map.lookup(1, 1).block()));
        assertArrayEquals(java.util.Arrays.copyOfRange(before, BS, 2 * BS), read(origin, BS, BS));
    }

    /** An overwrite across the device's own blocks that lie back to back goes out as one write; a shared or unmapped block ends the run. */
    @Test void anOverwriteOfConsecutiveOwnBlocksIsOneWrite() throws Exception {
        PoolIo p = pool(true, true);
        ThinTarget t = p.device(1, 8L * BS);
        byte[] first = new byte[6 * BS];
        new Random(2).nextBytes(first);
        write(t, 0, first); // provisions blocks 0..5 in order: pool blocks 0..5
        int before = journal.size();
        byte[] over = new byte[3 * BS + 200];
        new Random(3).nextBytes(over);
        ByteBuffer src = ByteBuffer.wrap(over);
        assertEquals(over.length, t.write(BS - 100, src), "one call writes the whole run");
        assertEquals(1, journal.subList(before, journal.size()).stream().filter(e -> e.kind().equals("write")).count(), journal.toString());
        byte[] want = first.clone();
        System.arraycopy(over, 0, want, BS - 100, over.length);
        assertArrayEquals(want, read(t, 0, 6 * BS));
        // a cell of the run held alone elsewhere (a provisioning write queued on a full pool): no waiting, block by block
        java.util.concurrent.locks.Lock held = p.cells.cell(1, 4).writeLock();
        java.util.concurrent.CountDownLatch taken = new java.util.concurrent.CountDownLatch(1), done = new java.util.concurrent.CountDownLatch(1);
        Thread holder = new Thread(() -> {
            held.lock();
            try {
                taken.countDown();
                done.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                held.unlock();
            }
        });
        holder.start();
        taken.await();
        try {
            src = ByteBuffer.wrap(java.util.Arrays.copyOfRange(want, 0, 6 * BS));
            assertEquals(BS, t.write(0, src), "the first block alone");
            assertEquals(2 * BS, t.write(BS, ByteBuffer.wrap(java.util.Arrays.copyOfRange(want, BS, 3 * BS))), "blocks 1 and 2, whose cells are free, as a run");
        } finally {
            done.countDown();
            holder.join();
        }
        map.snapshot(2, 1); // now every block is shared: the run stops at once, each block is copied as before
        ThinTarget snap = p.device(2, 8L * BS);
        src = ByteBuffer.wrap(fill(2 * BS, 4));
        assertEquals(BS, t.write(0, src), "a shared block is written alone");
        write(t, BS, fill(BS, 4));
        assertArrayEquals(want, read(snap, 0, 6 * BS), "the snapshot keeps what it held");
        src = ByteBuffer.wrap(fill(4 * BS, 5)); // blocks 4, 5 still shared, 6 unmapped
        assertEquals(BS, t.write(4L * BS, src));
    }

    @Test void discardUnmapsWholeBlocksAndZeroesPartialOnes() throws Exception {
        PoolIo p = pool(true, true);
        ThinTarget t = p.device(1, 4L * BS);
        byte[] b = new byte[3 * BS];
        new Random(2).nextBytes(b);
        write(t, 0, b);
        assertEquals(3, map.used());
        long off = BS / 2, len = 2 * BS;
        for (long at = off; at < off + len; ) at += t.discard(at, off + len - at);
        assertEquals(2, map.used(), "the whole block in the middle is freed");
        java.util.Arrays.fill(b, (int) off, (int) (off + len), (byte) 0);
        assertArrayEquals(b, read(t, 0, 3 * BS));
        assertTrue(t.allocation(BS, BS).hole());
        p.commit();
        write(t, BS, fill(10, 4)); // the freed block may be reused after the commit
        assertEquals(3, map.used());
    }

    /** The data device, its discards recorded in the journal (as "discard" events) before they zero the range. */
    private BlockDevice recordingDiscards() {
        return new BlockDevice() {
            @Override public String name() { return data.name(); }
            @Override public long size() { return data.size(); }
            @Override public void readFully(long pos, ByteBuffer dst) throws java.io.IOException { data.readFully(pos, dst); }
            @Override public void writeFully(long pos, ByteBuffer src) throws java.io.IOException { data.writeFully(pos, src); }
            @Override public void flush() { data.flush(); }
            @Override public void close() { }
            @Override public void discard(long pos, long len) throws java.io.IOException {
                journal.add(new MemoryDevice.Event("discard", "tdata", pos, (int) len));
                BlockDevice.writeZeros(data, pos, len);
            }
        };
    }

    /**
     * --discards passdown: the blocks a discard frees (no other device maps them) are discarded on the data device,
     * after the next metadata commit; a block a snapshot still maps is not, and the snapshot reads it; nopassdown frees
     * without discarding; ignore takes no discards (EOPNOTSUPP at the mount).
     */
    @Test void passdownDiscardsFreedBlocksOnTheDataDeviceAfterTheCommit() throws Exception {
        map.create(1);
        PoolIo p = new PoolIo(map, recordingDiscards(), BS, true, true);
        ThinTarget origin = p.device(1, 8L * BS);
        byte[] b = new byte[4 * BS];
        new Random(3).nextBytes(b);
        write(origin, 0, b);
        map.snapshot(2, 1);
        ThinTarget snap = p.device(2, 8L * BS);
        long shared = map.lookup(1, 0).block();
        for (long at = BS; at < 4L * BS; ) at += snap.discard(at, 4L * BS - at); // the snapshot lets go of blocks 1, 2, 3
        for (long at = 0; at < 4L * BS; ) at += origin.discard(at, 4L * BS - at);
        assertEquals(1, map.used(), "only the block the snapshot still maps is left");
        assertTrue(journal.stream().noneMatch(e -> e.kind().equals("discard")), "nothing discarded before the commit");
        p.commit();
        List<MemoryDevice.Event> after = journal.subList(journal.indexOf(journal.stream().filter(e -> e.kind().equals("commit")).findFirst().orElseThrow()), journal.size());
        List<String> discarded = after.stream().filter(e -> e.kind().equals("discard")).map(e -> e.pos() / BS + "+" + e.len() / BS).toList();
        assertEquals(1, discarded.size(), discarded::toString);
        assertTrue(!discarded.get(0).startsWith(shared + "+"), "the shared block is kept");
        assertEquals(3, discarded.stream().mapToInt(d -> Integer.parseInt(d.split("\\+")[1])).sum(), "blocks 1, 2, 3 of the origin, in one run");
        assertArrayEquals(java.util.Arrays.copyOfRange(b, 0, BS), read(snap, 0, BS), "the snapshot reads what it shares");

        journal.clear();
        p.discards(PoolIo.Discards.NOPASSDOWN);
        write(origin, 0, fill(BS, 9));
        p.commit();
        for (long at = 0; at < BS; ) at += origin.discard(at, BS - at);
        p.commit();
        assertTrue(journal.stream().noneMatch(e -> e.kind().equals("discard")), "nopassdown: freed, not discarded");
        assertEquals(1, map.used(), "freed in the pool");

        p.discards(PoolIo.Discards.IGNORE);
        write(origin, 0, fill(BS, 9));
        assertThrows(Volume.NotSupportedException.class, () -> origin.discard(0, BS));
        assertArrayEquals(fill(BS, 9), read(origin, 0, BS), "ignored: still mapped");
    }

    @Test void aFlushForcesTheDataBeforeTheMetadataCommit() throws Exception {
        PoolIo p = pool(true, true);
        ThinTarget t = p.device(1, 4L * BS);
        write(t, 0, fill(BS, 1));
        t.flush();
        List<String> kinds = journal.stream().map(MemoryDevice.Event::kind).filter(k -> !k.equals("write")).toList();
        assertEquals(List.of("flush", "commit"), kinds);
    }

    @Test void aFullPoolFailsAtOnceWithErrorWhenFullAndHoldsTheWriteOtherwise() throws Exception {
        MemoryMappings small = new MemoryMappings(2, journal);
        small.create(1);
        PoolIo p = new PoolIo(small, data, BS, true, true);
        ThinTarget t = p.device(1, 8L * BS);
        write(t, 0, fill(2 * BS, 1));
        assertThrows(Volume.NoSpaceException.class, () -> write(t, 2 * BS, fill(10, 2)));
        assertArrayEquals(fill(2 * BS, 1), read(t, 0, 2 * BS), "nothing else changed");

        p.errorWhenFull(false);
        p.noSpaceTimeoutMs(200);
        long t0 = System.nanoTime();
        assertThrows(Volume.NoSpaceException.class, () -> write(t, 2 * BS, fill(10, 2)));
        assertTrue(System.nanoTime() - t0 >= 150_000_000L, "held for the timeout first");

        p.noSpaceTimeoutMs(30_000);
        ExecutorService ex = Executors.newSingleThreadExecutor();
        try {
            Future<?> held = ex.submit(() -> { write(t, 2 * BS, fill(10, 2)); return null; });
            Thread.sleep(300);
            assertTrue(!held.isDone(), "queued while the pool is full");
            small.grow(4);
            p.spaceAdded();
            held.get();
            assertArrayEquals(fill(10, 2), read(t, 2 * BS, 10));
        } finally {
            ex.shutdownNow();
        }
    }

    @Test void concurrentWritersProvisionEachBlockOnce() throws Exception {
        PoolIo p = pool(true, true);
        ThinTarget t = p.device(1, 8L * BS);
        ExecutorService ex = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                int id = w;
                fs.add(ex.submit(() -> {
                    for (int i = 0; i < 200; i++) write(t, (long) (i % 8) * BS + id * 4096L, fill(4096, id + 1));
                    return null;
                }));
            }
            for (Future<?> f : fs) f.get();
        } finally {
            ex.shutdown();
        }
        assertEquals(8, map.allocations, "one block per virtual block, however the writers raced");
        for (int b = 0; b < 8; b++) {
            byte[] got = read(t, (long) b * BS, 4 * 4096);
            for (int id = 0; id < 4; id++) assertEquals(id + 1, got[id * 4096], "block " + b + " writer " + id);
        }
    }
}
