package ulvm.raid.md;

/**
 * One thread's stripe buffers: a chunk per image, a chunk per data index for new data, and spares; for runs of
 * full stripes, a buffer per image (made on first use, grown as needed).
 */
final class Scratch {
    final byte[][] col;
    final byte[][] nu;
    final byte[] p;
    final byte[] q;
    final byte[] tmp;
    /** The most data a run of full stripes takes at once (a FUSE write's 1 MiB). */
    static final int RUN_BYTES = 1 << 20;
    private byte[][] run;

    Scratch(int images, int data, int chunk) {
        col = new byte[images][chunk];
        nu = new byte[data][chunk];
        p = new byte[chunk];
        q = new byte[chunk];
        tmp = new byte[chunk];
    }

    /** A buffer of at least {@code bytes} per image. */
    byte[][] run(int bytes) {
        if (run == null || run[0].length < bytes) run = new byte[col.length][bytes];
        return run;
    }

    static ThreadLocal<Scratch> of(MdLayout l) {
        return ThreadLocal.withInitial(() -> new Scratch(l.images(), l.dataImages(), l.chunkBytes()));
    }
}
