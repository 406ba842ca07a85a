package ulvm.raid.md;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Writers racing on the same stripes (each thread owns every fourth chunk, a stripe's chunks have different owners): the stripe locks keep each
 * read-modify-write of the shared parity whole, so the parity agrees and every thread's bytes read back.
 */
class MdConcurrencyTest {
    @Test
    void concurrentPartialWritesToSharedStripesKeepParity() throws Exception {
        for (String spec : List.of("raid5_ls:5", "raid6_zr:6", "raid10:4")) {
            String[] p = spec.split(":");
            MdRig m = new MdRig(p[0], Integer.parseInt(p[1]));
            int perChunk = MdRig.CHUNK / 512;
            int chunks = (int) (2 * m.a.layout().stripeBytes() / MdRig.CHUNK); // two stripes: writers meet on the parity
            int threads = 4;
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<?>> done = new ArrayList<>();
            java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(threads);
            for (int t = 0; t < threads; t++) {
                int me = t;
                done.add(pool.submit(() -> {
                    Random r = new Random(me);
                    start.await();
                    for (int k = 0; k < 3000; k++) {
                        int sector = (r.nextInt(chunks / threads) * threads + me) * perChunk + r.nextInt(perChunk);
                        byte[] b = new byte[512];
                        r.nextBytes(b);
                        m.a.writeFully(sector * 512L, ByteBuffer.wrap(b));
                        System.arraycopy(b, 0, m.model, sector * 512, 512);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) f.get();
            pool.shutdown();
            m.assertReadsModel();
            assertEquals(0, m.mismatches(), spec);
        }
    }
}
