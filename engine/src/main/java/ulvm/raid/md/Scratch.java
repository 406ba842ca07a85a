package ulvm.raid.md;

/** One thread's stripe buffers: a chunk per image, a chunk per data index for new data, and spares. */
final class Scratch {
    final byte[][] col;
    final byte[][] nu;
    final byte[] p;
    final byte[] q;
    final byte[] tmp;

    Scratch(int images, int data, int chunk) {
        col = new byte[images][chunk];
        nu = new byte[data][chunk];
        p = new byte[chunk];
        q = new byte[chunk];
        tmp = new byte[chunk];
    }

    static ThreadLocal<Scratch> of(MdLayout l) {
        return ThreadLocal.withInitial(() -> new Scratch(l.images(), l.dataImages(), l.chunkBytes()));
    }
}
