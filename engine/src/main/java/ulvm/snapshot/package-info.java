/**
 * Snapshots: dm-snapshot's persistent COW store ({@link ulvm.snapshot.CowFormat}, {@link ulvm.snapshot.CowStore}),
 * origin copy-on-write ({@link ulvm.snapshot.SnapshotOrigin}), snapshot reads and writes
 * ({@link ulvm.snapshot.SnapshotView}) and merge progress. docs/design.md §8, docs/format.md §7.
 *
 * <p>Imports {@code model}, {@code segtype}, {@code io} and {@code mapping}.
 */
package ulvm.snapshot;
