/**
 * LVM2's on-disk format: the label ({@link ulvm.format.PvLabel}), metadata area headers and the circular text
 * buffer ({@link ulvm.format.MdaHeader}, {@link ulvm.format.MetadataArea}), LVM2's CRC, libdm's config text and the
 * VG text reader and writer. Layouts: docs/format.md §1-5.
 *
 * <p>Imports {@code model} and {@code io} only.
 */
package ulvm.format;
