package ulvm.fuse;

import java.nio.file.Path;

/**
 * A mounted FUSE file system being served: libfuse 2's ({@link FastFuseLoop}) or the kernel protocol's own
 * ({@link ulvm.fuse.kernel.KernelSession}). The daemon follows it through {@link #awaitUnmounted}.
 */
public interface FuseSession extends AutoCloseable {
    Path mountpoint();

    /** True until the workers have stopped (after {@link #unmount} or an outside umount). */
    boolean isMounted();

    /** Blocks until the file system is unmounted, by us or from outside. */
    void awaitUnmounted() throws InterruptedException;

    /**
     * Unmounts and waits for the workers to stop; lazily, aborting the connection, when files are still open.
     * Idempotent.
     */
    void unmount();

    /** Waits (briefly) until the kernel has been told of every change of the volume tree made so far. */
    default void awaitNotified() { }

    @Override
    default void close() {
        unmount();
    }

    /** Registers a shutdown hook (SIGTERM, SIGINT, normal exit) that unmounts. */
    default FuseSession unmountOnShutdown() {
        Runtime.getRuntime().addShutdownHook(new Thread(this::unmount, "ulvm-fuse-unmount"));
        return this;
    }
}
