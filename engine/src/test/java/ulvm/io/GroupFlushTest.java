package ulvm.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Issue 14.3: a flush returns only after a force that began after every write it covers; failures reach every waiter. */
class GroupFlushTest {
    /** A force that blocks until released, counting how many began. */
    private static final class GatedForce implements GroupFlush.Force {
        final AtomicInteger began = new AtomicInteger();
        volatile CountDownLatch gate = new CountDownLatch(1);
        volatile CountDownLatch entered = new CountDownLatch(1);
        volatile IOException fail;

        @Override
        public void force() throws IOException {
            began.incrementAndGet();
            entered.countDown();
            try {
                gate.await();
            } catch (InterruptedException e) {
                throw new IOException(e);
            }
            if (fail != null) throw fail;
        }
    }

    private static CompletableFuture<Void> flushAsync(GroupFlush g) {
        return CompletableFuture.runAsync(() -> {
            try {
                g.flush();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    @Test
    void aSecondFlushWaitsForTheForceUnderWay() throws Exception {
        GatedForce f = new GatedForce();
        GroupFlush g = new GroupFlush(f);
        g.wrote(); // writer A
        g.wrote(); // writer B, also complete before A's force begins
        CompletableFuture<Void> a = flushAsync(g);
        assertTrue(f.entered.await(5, TimeUnit.SECONDS));
        CompletableFuture<Void> b = flushAsync(g);
        Thread.sleep(100);
        assertFalse(b.isDone(), "B's fsync returned while the force covering its write still ran");
        f.gate.countDown();
        a.get(5, TimeUnit.SECONDS);
        b.get(5, TimeUnit.SECONDS);
        assertEquals(1, f.began.get(), "one force served both");
        assertFalse(g.dirty());
    }

    @Test
    void aWriteAfterTheForceBeganNeedsAnotherForce() throws Exception {
        GatedForce f = new GatedForce();
        GroupFlush g = new GroupFlush(f);
        g.wrote();
        CompletableFuture<Void> a = flushAsync(g);
        assertTrue(f.entered.await(5, TimeUnit.SECONDS));
        g.wrote(); // B's write lands while A's force runs: that force may miss it
        f.entered = new CountDownLatch(1);
        CompletableFuture<Void> b = flushAsync(g);
        f.gate.countDown(); // A's force ends; B must force again
        a.get(5, TimeUnit.SECONDS);
        b.get(5, TimeUnit.SECONDS);
        assertEquals(2, f.began.get());
        g.flush();
        assertEquals(2, f.began.get(), "nothing written since: no force");
    }

    @Test
    void aFailedForceFailsEveryWaiterAndLeavesTheDeviceDirty() throws Exception {
        GatedForce f = new GatedForce();
        GroupFlush g = new GroupFlush(f);
        g.wrote();
        f.fail = new IOException("EIO");
        CompletableFuture<Void> a = flushAsync(g);
        assertTrue(f.entered.await(5, TimeUnit.SECONDS));
        CompletableFuture<Void> b = flushAsync(g);
        Thread.sleep(100);
        f.gate.countDown();
        assertThrows(java.util.concurrent.ExecutionException.class, () -> a.get(5, TimeUnit.SECONDS));
        assertThrows(java.util.concurrent.ExecutionException.class, () -> b.get(5, TimeUnit.SECONDS));
        assertTrue(g.dirty(), "the writes are still not durable");
        f.fail = null;
        g.flush();
        assertEquals(2, f.began.get(), "the next flush forces again");
        assertFalse(g.dirty());
    }
}
