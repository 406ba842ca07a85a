/**
 * ulvm's own FUSE session: reads and writes {@code /dev/fuse} through jnr-ffi and speaks the kernel's protocol
 * (include/uapi/linux/fuse.h) over {@link ulvm.fuse.VolumeFiles}: {@link ulvm.fuse.kernel.KernelSession} mounts and
 * runs the workers, {@link ulvm.fuse.kernel.Negotiated} answers INIT, {@link ulvm.fuse.kernel.Dispatcher} serves each
 * opcode, {@link ulvm.fuse.kernel.Replies} encodes, {@link ulvm.fuse.kernel.Notifier} invalidates the kernel's caches.
 * docs/design.md §5.
 *
 * <p>Imports {@code ulvm.fuse} (the shared file semantics) and nothing of the engine.
 */
package ulvm.fuse.kernel;
