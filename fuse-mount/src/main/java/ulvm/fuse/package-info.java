/**
 * The FUSE file system that shows active LVs as files: what the files mean ({@link ulvm.fuse.VolumeFiles} over a
 * {@link ulvm.fuse.VolumeTree}), the sessions' common face ({@link ulvm.fuse.FuseSession}), and the libfuse2 session
 * through jnr-ffi/jnr-fuse ({@link ulvm.fuse.FastFuseLoop} with {@link ulvm.fuse.VolumeFs}); the kernel session is in
 * {@code ulvm.fuse.kernel}. Block-device semantics of LV files: docs/design.md §5.
 *
 * <p>Of the engine, imports {@code io} only (an LV file is an {@link ulvm.io.Volume}).
 */
package ulvm.fuse;
