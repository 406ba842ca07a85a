/**
 * The images as a whole: the scan of listed devices ({@link ulvm.store.Scan}, {@link ulvm.store.VgCopies}), the
 * devices file, the commit protocol ({@link ulvm.store.MetadataWriter}), archives and backups
 * ({@link ulvm.store.MetadataArchive}), the system dir and its lock, the local system ID. docs/design.md §2-3.
 *
 * <p>Imports {@code format}, {@code model} and {@code io}.
 */
package ulvm.store;
