package ulvm.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An in-memory block device for tests that records every write, durable write and flush in order (one shared
 * journal can follow several devices), and can be slowed down or made to fail.
 */
public final class MemoryDevice implements BlockDevice {
    /** One event: kind "write", "durable" or "flush", the device, the position and length. */
    public record Event(String kind, String device, long pos, int len) {}

    /** Something to run before a read (tests use it to race writes against a copy). */
    public interface ReadHook { void beforeRead(long pos, int len) throws IOException; }

    private final String name;
    private final byte[] data;
    private final List<Event> journal;
    private volatile long durableDelayMillis;
    private volatile ReadHook readHook = (p, l) -> { };
    private volatile boolean failing;

    public MemoryDevice(String name, int size, List<Event> journal) {
        this.name = name;
        this.data = new byte[size];
        this.journal = journal;
    }

    public MemoryDevice(String name, int size) { this(name, size, Collections.synchronizedList(new ArrayList<>())); }

    public List<Event> journal() { return journal; }

    public void durableDelay(long ms) { durableDelayMillis = ms; }

    public void onRead(ReadHook h) { readHook = h; }

    public void failing(boolean f) { failing = f; }

    @Override public String name() { return name; }

    @Override public long size() { return data.length; }

    @Override
    public void readFully(long pos, ByteBuffer dst) throws IOException {
        readHook.beforeRead(pos, dst.remaining());
        if (failing) throw new IOException(name + ": injected read error");
        synchronized (data) {
            dst.put(data, (int) pos, dst.remaining());
        }
    }

    @Override
    public void writeFully(long pos, ByteBuffer src) throws IOException {
        if (failing) throw new IOException(name + ": injected write error");
        int n = src.remaining();
        synchronized (data) {
            src.get(data, (int) pos, n);
        }
        journal.add(new Event("write", name, pos, n));
    }

    @Override
    public void writeDurably(long pos, ByteBuffer src) throws IOException {
        if (failing) throw new IOException(name + ": injected write error");
        int n = src.remaining();
        if (durableDelayMillis > 0) {
            try {
                Thread.sleep(durableDelayMillis);
            } catch (InterruptedException e) {
                throw new IOException(e);
            }
        }
        synchronized (data) {
            src.get(data, (int) pos, n);
        }
        journal.add(new Event("durable", name, pos, n));
    }

    @Override
    public void flush() { journal.add(new Event("flush", name, 0, 0)); }

    /** A copy of bytes {@code pos .. pos+len}. */
    public byte[] bytes(long pos, int len) {
        synchronized (data) {
            byte[] b = new byte[len];
            System.arraycopy(data, (int) pos, b, 0, len);
            return b;
        }
    }

    /** Overwrites bytes directly (no journal): a torn or stray write. */
    public void poke(long pos, byte[] b) {
        synchronized (data) {
            System.arraycopy(b, 0, data, (int) pos, b.length);
        }
    }

    @Override public void close() { }
}
