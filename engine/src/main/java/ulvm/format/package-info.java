/**
 * LVM2's on-disk format: the label ({@link ulvm.format.PvLabel}), metadata area headers and the circular text
 * buffer ({@link ulvm.format.MdaHeader}, {@link ulvm.format.MetadataArea}), LVM2's CRC, libdm's config text and the
 * VG text reader and writer. Layouts: docs/format.md §1-5.
 *
 * <p>Imports {@code model}, {@code io} and {@code segtype} (each segment section is read and written by its handler).
 */
package ulvm.format;
