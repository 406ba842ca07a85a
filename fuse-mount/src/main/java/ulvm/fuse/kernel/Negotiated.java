package ulvm.fuse.kernel;

/**
 * What INIT settles: the protocol minor both sides speak, the flags granted, and the request sizes
 * ({@code maxWrite} bytes of payload, {@code maxPages} pages per request).
 */
public record Negotiated(int minor, int maxReadahead, int flags, int maxBackground, int congestionThreshold, int maxWrite,
                  int maxPages) {
    /** The flags this session asks for: no writeback cache, so every write reaches the volume at once. */
    static final int WANTED = FuseAbi.ASYNC_READ | FuseAbi.ATOMIC_O_TRUNC | FuseAbi.BIG_WRITES | FuseAbi.ASYNC_DIO
            | FuseAbi.PARALLEL_DIROPS | FuseAbi.MAX_PAGES;
    static final int MAX_BACKGROUND = 64;
    static final int CONGESTION_THRESHOLD = 48;

    /** The answer to the kernel's INIT ({@code kernelMinor}, {@code kernelFlags}) with up to {@code maxPages} pages. */
    static Negotiated answer(int kernelMinor, int maxReadahead, int kernelFlags, int maxPages) {
        int flags = kernelFlags & WANTED;
        int pages = (flags & FuseAbi.MAX_PAGES) != 0 ? maxPages : 32;
        return new Negotiated(Math.min(kernelMinor, FuseAbi.KERNEL_MINOR), maxReadahead, flags, MAX_BACKGROUND,
                CONGESTION_THRESHOLD, pages * 4096, pages);
    }

    public boolean asyncDio() {
        return (flags & FuseAbi.ASYNC_DIO) != 0;
    }

    public boolean writebackCache() {
        return (flags & FuseAbi.WRITEBACK_CACHE) != 0;
    }
}
