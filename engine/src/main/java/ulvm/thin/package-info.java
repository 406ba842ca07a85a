/**
 * Thin provisioning on the engine's side of the VG metadata: the messages LVM2 sends a thin pool
 * ({@link ulvm.thin.PoolMessages}). The pool metadata's own format (dm-thin persistent data) lives in
 * {@code ulvm.thin.meta}.
 */
package ulvm.thin;
