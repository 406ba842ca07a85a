package ulvm.io.fault;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import ulvm.io.BlockDevice;
import ulvm.io.GroupFlush;

/**
 * A block device with a volatile write cache in front of a durable one: plain writes wait in the cache (reads see
 * them) until {@code flush}; durable writes go through at once, as with O_DSYNC. When its {@link PowerLoss} cuts the
 * power, the cache is lost, reordered or torn onto the durable device, a durable write in flight may land in part
 * (mode TEAR, sector by sector), and every later operation fails.
 */
public final class CrashDevice implements BlockDevice {
    private record Pending(long pos, byte[] data, boolean forced) {}

    private final BlockDevice durable;
    private final PowerLoss power;
    private final List<Pending> cache = new ArrayList<>();
    private final GroupFlush flushes = new GroupFlush(this::drain);
    /** Set by the cut (under this device's lock): an operation that passed its check before the cut fails here. */
    private boolean dead;

    public CrashDevice(BlockDevice durable, PowerLoss power) {
        this.durable = durable;
        this.power = power;
        power.register(this);
    }

    @Override public String name() { return durable.name(); }

    @Override public long size() throws IOException { return durable.size(); }

    @Override
    public void readFully(long pos, ByteBuffer dst) throws IOException {
        check();
        int len = dst.remaining();
        byte[] b = new byte[len];
        synchronized (this) {
            alive();
            durable.readFully(pos, ByteBuffer.wrap(b));
            for (Pending p : cache) overlay(p, pos, b);
        }
        dst.put(b);
    }

    @Override
    public void writeFully(long pos, ByteBuffer src) throws IOException {
        check();
        byte[] b = new byte[src.remaining()];
        src.get(b);
        synchronized (this) {
            alive();
            cache.add(new Pending(pos, b, false));
        }
        flushes.wrote();
    }

    @Override
    public void writeDurably(long pos, ByteBuffer src) throws IOException {
        int state = power.step();
        if (state == 1) tornInFlight(pos, src);
        if (state != 0) throw new IOException(durable.name() + ": power lost");
        synchronized (this) {
            alive();
            // kept in the cache's order too: an older cached write to the same bytes never lands on top of it
            byte[] b = new byte[src.remaining()];
            src.get(b);
            cache.add(new Pending(pos, b, true));
            durable.writeDurably(pos, ByteBuffer.wrap(b));
        }
    }

    /** Concurrent flushes share drains as a file's fsyncs do ({@link GroupFlush}): the mechanism under test. */
    @Override
    public void flush() throws IOException {
        check();
        flushes.flush();
    }

    /**
     * One force: the writes cached when it starts reach the durable device one by one (the power may go between
     * them; writes cached meanwhile stay, and a forced one among them is forced again by the cut), then leave the
     * cache.
     */
    private void drain() throws IOException {
        List<Pending> batch;
        synchronized (this) {
            alive();
            batch = new ArrayList<>(cache);
        }
        for (Pending p : batch) { // forced ones too, in order: a cached write older than one forced never lands on top
            if (power.tick()) throw new IOException(durable.name() + ": power lost");
            synchronized (this) {
                alive();
                durable.writeFully(p.pos(), ByteBuffer.wrap(p.data()));
            }
        }
        synchronized (this) {
            alive();
            durable.flush();
            java.util.Set<Pending> done = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            done.addAll(batch);
            cache.removeIf(done::contains);
        }
    }

    @Override public void close() throws IOException { durable.close(); }

    /** Writes waiting in the cache (not yet durable). */
    public synchronized int pending() { return cache.size(); }

    private void check() throws IOException {
        if (power.tick()) throw new IOException(durable.name() + ": power lost");
    }

    /** The forced write the power went during: in mode TEAR some of its sectors land, else none. */
    private synchronized void tornInFlight(long pos, ByteBuffer src) throws IOException {
        Random r = power.tearing();
        if (r == null) return;
        byte[] b = new byte[src.remaining()];
        src.get(b);
        for (int s = 0; s < b.length; s += 512)
            if (r.nextBoolean()) durable.writeFully(pos + s, ByteBuffer.wrap(b, s, Math.min(512, b.length - s)));
        durable.flush();
    }

    private void alive() throws IOException {
        if (dead) throw new IOException(durable.name() + ": power lost");
    }

    /** The power cut: what reaches the durable device of the cache. */
    synchronized void lose(Random r, PowerLoss.Mode mode) {
        dead = true;
        try {
            if (mode == PowerLoss.Mode.DROP) {
                for (Pending p : cache) if (p.forced()) durable.writeFully(p.pos(), ByteBuffer.wrap(p.data()));
            } else {
                for (Pending p : cache) {
                    if (p.forced()) {
                        durable.writeFully(p.pos(), ByteBuffer.wrap(p.data()));
                        continue;
                    }
                    if (!r.nextBoolean()) continue;
                    if (mode == PowerLoss.Mode.TEAR && p.data().length > 512 && r.nextInt(4) == 0) {
                        for (int s = 0; s < p.data().length; s += 512)
                            if (r.nextBoolean())
                                durable.writeFully(p.pos() + s, ByteBuffer.wrap(p.data(), s, Math.min(512, p.data().length - s)));
                    } else {
                        durable.writeFully(p.pos(), ByteBuffer.wrap(p.data()));
                    }
                }
            }
            cache.clear();
            durable.flush();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void overlay(Pending p, long pos, byte[] b) {
        long from = Math.max(pos, p.pos()), to = Math.min(pos + b.length, p.pos() + p.data().length);
        if (from < to) System.arraycopy(p.data(), (int) (from - p.pos()), b, (int) (from - pos), (int) (to - from));
    }
}
