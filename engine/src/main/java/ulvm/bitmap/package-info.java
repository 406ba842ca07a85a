/**
 * The raid1 write-intent record: its content ({@link ulvm.bitmap.BitmapRecord}), bytes
 * ({@link ulvm.bitmap.RecordCodec}) and two slots per rmeta ({@link ulvm.bitmap.RecordSlots}), region sets stored as
 * RoaringBitmaps, and the running log with its group commit ({@link ulvm.bitmap.WriteIntentLog}).
 * docs/format.md §6, docs/design.md §6.
 *
 * <p>Imports {@code io} only (and RoaringBitmap).
 */
package ulvm.bitmap;
