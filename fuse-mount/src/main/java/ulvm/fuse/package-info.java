/**
 * The FUSE file system that shows active LVs as files ({@link ulvm.fuse.VolumeFs} over a
 * {@link ulvm.fuse.VolumeTree}), and its session over libfuse2 through jnr-ffi/jnr-fuse
 * ({@link ulvm.fuse.FastFuseLoop}). Block-device semantics of LV files: docs/design.md §5.
 *
 * <p>Of the engine, imports {@code io} only (an LV file is an {@link ulvm.io.Volume}).
 */
package ulvm.fuse;
