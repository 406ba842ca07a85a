/**
 * Thin provisioning: {@link ulvm.thin.PoolMessages}, the messages LVM2 sends a pool (create, snapshot, delete, the
 * transaction id); the data path: {@link ulvm.thin.PoolIo}, the state an active pool's thin devices share, and
 * {@link ulvm.thin.ThinTarget}, one thin device as a segment target (provisioning, copy-on-write of shared blocks,
 * discard, the full-pool policies), over {@link ulvm.thin.PoolMappings}, what they need of the pool's metadata.
 */
package ulvm.thin;
