/**
 * Running raid1 arrays ({@link ulvm.raid.Raid1Array}): their legs assembled from the record and metadata
 * ({@link ulvm.raid.Raid1Assembly}), I/O with bit-before-data ({@link ulvm.raid.Raid1Io}), leg failures
 * ({@link ulvm.raid.LegFailures}) and their revival, the background sync, merge, check and bit clearing
 * ({@link ulvm.raid.SyncWorker}), region locks, and the records' state for offline commands
 * ({@link ulvm.raid.RaidRecords}). docs/design.md §6.
 *
 * <p>Imports {@code model}, {@code segtype}, {@code io}, {@code mapping} and {@code bitmap}.
 */
package ulvm.raid;
