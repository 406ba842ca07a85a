/**
 * Image files: positional I/O ({@link ulvm.io.BlockDevice}, {@link ulvm.io.FileBlockDevice}), the shared flush
 * ({@link ulvm.io.GroupFlush}), hole punching ({@link ulvm.io.HolePunch}, the engine's only native call), the cache
 * modes ({@link ulvm.io.CacheMode}; O_DIRECT with bounce buffers in {@code DirectChannel}), writes to several images at
 * once ({@link ulvm.io.Fanout}) and the {@link ulvm.io.Volume} an LV file is. Flush semantics: docs/design.md §5.
 *
 * <p>Imports nothing else of the engine.
 */
package ulvm.io;
