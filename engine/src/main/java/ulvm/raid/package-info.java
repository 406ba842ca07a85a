/**
 * Running raid1 arrays: I/O with bit-before-data ({@link ulvm.raid.Raid1Array}), the background sync, merge, check
 * and bit clearing ({@link ulvm.raid.SyncWorker}), region locks, leg failures and their revival, and the records'
 * state for offline commands ({@link ulvm.raid.RaidRecords}). docs/design.md §6.
 *
 * <p>Imports {@code model}, {@code segtype}, {@code io}, {@code mapping} and {@code bitmap}.
 */
package ulvm.raid;
