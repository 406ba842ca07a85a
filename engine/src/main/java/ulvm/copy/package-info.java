/**
 * The background copy shared by pvmove, raid1 sync and merge and the snapshot merge: {@link ulvm.copy.CopyPipeline}
 * forces and records a batch on a thread of its own while the caller reads the next; {@link ulvm.copy.CopyRate} is what
 * the daemon log says of a finished copy.
 */
package ulvm.copy;
