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
import ulvm.io.fault.PowerLoss;

/**
 * The opener a trial installs with {@link Devices#use}: every image file is one {@link CrashDevice} over the file,
 * shared by every open of that path (as the kernel's page cache is shared by every open of a disk), all under one
 * {@link PowerLoss}. Closing a handle keeps the cache (closing a file does not make it durable); {@link #close}
 * closes the files once the power is off.
 */
final class CrashOpener implements Devices.Opener, AutoCloseable {
    private final PowerLoss power;
    private final Map<Path, CrashDevice> devices = new HashMap<>();
    private final List<FileBlockDevice> files = new ArrayList<>();

    CrashOpener(PowerLoss power) { this.power = power; }

    @Override
    public synchronized BlockDevice open(Path path, boolean writable) throws IOException {
        Path key = path.toAbsolutePath().normalize();
        CrashDevice d = devices.get(key);
        if (d == null) {
            FileBlockDevice f = FileBlockDevice.open(key, true);
            files.add(f);
            d = new CrashDevice(f, power);
            devices.put(key, d);
        }
        return new Handle(d);
    }

    @Override
    public synchronized void close() {
        power.cut();
        for (FileBlockDevice f : files) {
            try {
                f.close();
            } catch (IOException ignored) { }
        }
        files.clear();
        devices.clear();
    }

    /** One open of a shared device: closing it leaves the device (and its cache) as it is. */
    private record Handle(CrashDevice d) implements BlockDevice {
        @Override public String name() { return d.name(); }

        @Override public long size() throws IOException { return d.size(); }

        @Override public void readFully(long pos, ByteBuffer dst) throws IOException { d.readFully(pos, dst); }

        @Override public void writeFully(long pos, ByteBuffer src) throws IOException { d.writeFully(pos, src); }

        @Override public void writeDurably(long pos, ByteBuffer src) throws IOException { d.writeDurably(pos, src); }

        @Override public void flush() throws IOException { d.flush(); }

        @Override public void close() { }
    }
}
