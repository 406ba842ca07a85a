package ulvm.fuse.daemon;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import ulvm.fuse.VolumeFiles;
import ulvm.fuse.VolumeTree;
import ulvm.fuse.kernel.KernelSession;
import ulvm.io.Volume;

/**
 * Benchmark only (bench/run.sh), not reachable from {@code ulvm}: {@code NullMount MOUNTPOINT SIZE_MIB} serves one
 * file, MOUNTPOINT/null/lv, through the same kernel session and worker count as the mount daemon, backed by
 * {@link NullVolume}. fio on it measures the FUSE transport with no image I/O behind it. Runs until unmounted.
 * Lives here rather than in {@code ulvm.fuse.kernel} because that package imports nothing of the engine.
 */
public final class NullMount {
    private NullMount() { }

    /** Reads return zeros, writes are discarded; flush does nothing. */
    public static final class NullVolume implements Volume {
        private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(1 << 20).asReadOnlyBuffer();
        private final long size;

        public NullVolume(long size) {
            this.size = size;
        }

        @Override public long size() { return size; }

        @Override public boolean readOnly() { return false; }

        @Override
        public int read(long offset, ByteBuffer dst) {
            int n = (int) Math.max(0, Math.min(dst.remaining(), size - offset));
            for (int left = n; left > 0; ) {
                int k = Math.min(left, ZEROS.capacity());
                dst.put(ZEROS.duplicate().limit(k));
                left -= k;
            }
            return n;
        }

        @Override
        public void write(long offset, ByteBuffer src) throws NoSpaceException {
            if (offset + src.remaining() > size) throw new NoSpaceException("write past the end of the null volume");
            src.position(src.limit());
        }

        @Override public void flush() { }

        @Override public void discard(long offset, long len) { }
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: NullMount MOUNTPOINT SIZE_MIB");
            System.exit(3);
        }
        VolumeTree tree = new VolumeTree();
        tree.put("null", "lv", new NullVolume(Long.parseLong(args[1]) << 20));
        KernelSession s = KernelSession.mount(new VolumeFiles(tree), Path.of(args[0]), Daemon.THREADS);
        System.err.println("null mount: serving " + s.mountpoint() + "/null/lv (" + s.negotiated() + ")");
        s.awaitUnmounted();
    }
}
