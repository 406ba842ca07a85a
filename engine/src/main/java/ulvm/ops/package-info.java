/**
 * The commands' logic, LVM2's checks and messages: one class per command family, with
 * {@link ulvm.ops.Session} as one command's context (devices, locks, commits, the daemon's live hooks).
 *
 * <p>May import every engine package; the engine imports neither picocli nor FUSE.
 */
package ulvm.ops;
