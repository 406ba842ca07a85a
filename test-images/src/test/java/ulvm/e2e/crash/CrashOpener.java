package ulvm.e2e.crash;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import ulvm.io.BlockDevice;
import ulvm.io.Devices;
import ulvm.io.FileBlockDevice;
import ulvm.io.fault.CrashDevice;
import ulvm.io.fault.FaultyDevice;
import ulvm.io.fault.PowerLoss;

/**
 * The opener a trial gives its rig ({@link Rig#devices}): every image file is one {@link CrashDevice} over the file,
 * shared by every open of that path (as the kernel's page cache is shared by every open of a disk), all under one
 * {@link PowerLoss}. Closing a handle keeps the cache (closing a file does not make it durable); {@link #close}
 * closes the files once the power is off.
 */
final class CrashOpener implements Devices.Opener, AutoCloseable {
    private final PowerLoss power;
    private final Map<Path, BlockDevice> devices = new HashMap<>();
    private final List<FileBlockDevice> files = new ArrayList<>();
    /** Images with faults injected above their crash device (a failing disk that also loses its cache). */
    private final Map<Path, FaultyDevice> faulty = new HashMap<>();

    /** {@code power} null: no cache, no power cut (the plain files, shared, with faults where asked for). */
    CrashOpener(PowerLoss power) { this.power = power; }

    @Override
    public synchronized BlockDevice open(Path path, boolean writable) throws IOException {
        Path key = path.toAbsolutePath().normalize();
        FaultyDevice f = faulty.get(key);
        return new Handle(f != null ? f : crash(key));
    }

    /**
     * The image at {@code path} from now on opens as a {@link FaultyDevice} over its crash device (call before the
     * daemon opens it); the test adds and clears its faults.
     */
    synchronized FaultyDevice faulty(Path path) throws IOException {
        Path key = path.toAbsolutePath().normalize();
        FaultyDevice f = faulty.get(key);
        if (f == null) {
            f = new FaultyDevice(crash(key));
            faulty.put(key, f);
        }
        return f;
    }

    private BlockDevice crash(Path key) throws IOException {
        BlockDevice d = devices.get(key);
        if (d == null) {
            FileBlockDevice f = FileBlockDevice.open(key, true);
            files.add(f);
            d = power == null ? f : new CrashDevice(f, power);
            devices.put(key, d);
        }
        return d;
    }

    @Override
    public synchronized void close() {
        if (power != null) power.cut();
        for (FileBlockDevice f : files) {
            try {
                f.close();
            } catch (IOException ignored) { }
        }
        files.clear();
        devices.clear();
        faulty.clear();
    }

    /** One open of a shared device: closing it leaves the device (and its cache) as it is. */
    private record Handle(BlockDevice d) implements BlockDevice {
        @Override public String name() { return d.name(); }

        @Override public long size() throws IOException { return d.size(); }

        @Override public void readFully(long pos, ByteBuffer dst) throws IOException { d.readFully(pos, dst); }

        @Override public void writeFully(long pos, ByteBuffer src) throws IOException { d.writeFully(pos, src); }

        @Override public void writeDurably(long pos, ByteBuffer src) throws IOException { d.writeDurably(pos, src); }

        @Override public void flush() throws IOException { d.flush(); }

        @Override public void close() { }
    }
}
