package ulvm.copy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import ulvm.io.MemoryDevice;

/** The pipeline's order on devices that journal every call: a batch's record never precedes the force of its data. */
class CopyPipelineTest {
    private static final int CHUNK = 64 << 10;
    private static final int CHUNKS = 12;

    /** Copies src to dst chunk by chunk as the copiers do (read, drain, write, submit); the records go to rec. */
    private static List<String> copy(boolean pipelined, List<MemoryDevice.Event> journal) throws IOException {
        MemoryDevice src = new MemoryDevice("src", CHUNK * CHUNKS, journal);
        MemoryDevice dst = new MemoryDevice("dst", CHUNK * CHUNKS, journal);
        MemoryDevice rec = new MemoryDevice("rec", 512 * CHUNKS, journal);
        rec.durableDelay(5); // a slow record: the next chunk's read overlaps it
        List<String> threads = Collections.synchronizedList(new ArrayList<>());
        try (CopyPipeline p = new CopyPipeline("test-force", pipelined)) {
            for (int i = 0; i < CHUNKS; i++) {
                ByteBuffer b = p.buffer(CHUNK);
                src.readFully((long) i * CHUNK, b);
                p.drain();
                dst.writeFully((long) i * CHUNK, b.flip());
                int n = i;
                p.submit(CopyPipeline.flushing(Set.of(dst), () -> {
                    threads.add(Thread.currentThread().getName());
                    rec.writeDurably(512L * n, ByteBuffer.allocate(512));
                }));
            }
            p.drain();
        }
        return threads;
    }

    @Test
    void eachRecordFollowsTheForceOfItsChunkAndPrecedesTheNextChunksWrite() throws Exception {
        for (boolean pipelined : new boolean[] {true, false}) {
            List<MemoryDevice.Event> journal = Collections.synchronizedList(new ArrayList<>());
            List<String> threads = copy(pipelined, journal);
            List<MemoryDevice.Event> ev = List.copyOf(journal);
            int lastWrite = -1;
            boolean flushedSinceWrite = false;
            int records = 0;
            for (MemoryDevice.Event e : ev) {
                switch (e.device() + " " + e.kind()) {
                    case "dst write" -> {
                        assertEquals(records, e.pos() / CHUNK, "chunk " + e.pos() / CHUNK + " written before the record of the one before: " + ev);
                        lastWrite = (int) (e.pos() / CHUNK);
                        flushedSinceWrite = false;
                    }
                    case "dst flush" -> flushedSinceWrite = true;
                    case "rec durable" -> {
                        assertEquals(lastWrite, e.pos() / 512, "record of a chunk not the last written: " + ev);
                        assertTrue(flushedSinceWrite, "record " + records + " before the force of its chunk: " + ev);
                        records++;
                    }
                    default -> { }
                }
            }
            assertEquals(CHUNKS, records);
            String expect = pipelined ? "test-force" : Thread.currentThread().getName();
            assertTrue(threads.stream().allMatch(expect::equals), "records ran on " + threads);
        }
    }

    @Test
    void aFailedForceRecordsNothingReleasesAndFailsTheNextDrain() throws Exception {
        List<String> calls = Collections.synchronizedList(new ArrayList<>());
        CopyPipeline p = new CopyPipeline("test-force", true);
        p.submit(new CopyPipeline.Batch() {
            @Override public void force() throws IOException { throw new IOException("flush failed"); }
            @Override public void record() { calls.add("record"); }
            @Override public void recorded() { calls.add("recorded"); }
            @Override public void release() { calls.add("release"); }
        });
        IOException e = assertThrows(IOException.class, p::drain);
        assertEquals("flush failed", e.getMessage());
        assertEquals(List.of("release"), calls);
        p.close();
    }

    @Test
    void theRateReadsInMiBPerSecond() {
        assertEquals("in 2.00 s, 512.0 MiB/s", CopyRate.describe(1L << 30, 2_000_000_000L));
    }
}
