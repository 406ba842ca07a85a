package ulvm.ops;

import java.util.ArrayList;
import java.util.List;
import ulvm.api.LvmException;
import ulvm.format.DiskArea;

/**
 * Where pvcreate puts the metadata areas, the bootloader area and the data start, as LVM2 2.03.16's
 * _text_pv_initialise and _text_pv_add_metadata_area (lib/format_text/format-text.c) do: mda 0 after the label,
 * page-aligned, its end aligned to the data alignment; the bootloader area after it; mda 1 at the end of the device,
 * its start aligned when there is room. All sizes in bytes.
 *
 * @param mdas       the metadata areas, mda 0 first (none with {@code --metadatacopies 0})
 * @param bootloader the bootloader area, null when none
 * @param peStart    where the data area starts
 */
public record PvLayout(List<DiskArea> mdas, DiskArea bootloader, long peStart) {
    /** LVM2's default pvmetadatasize with 4 KiB pages: 2040 sectors, so that the data starts at 1 MiB. */
    public static final long DEFAULT_MDA_SIZE = 2040 * 512L;
    /** LVM2's default data alignment (FIRST_PE_AT_ONE_MB_IN_SECTORS). */
    public static final long DEFAULT_ALIGNMENT = 1 << 20;
    static final long PAGE = 4096;
    static final long LABEL_SCAN_SIZE = 2048;
    static final long MDA_SIZE_MIN = 8 * PAGE;

    /**
     * {@code mdaSize}: the requested size of each area (0: LVM2's default); {@code alignment}: 0 for the default;
     * {@code lockedPeStart}: a data start kept from a backup file (0: computed); {@code copies}: 0, 1 or 2.
     */
    public static PvLayout of(String dev, long disk, long mdaSize, long alignment, long baSize, long lockedPeStart, int copies) throws LvmException {
        if (mdaSize == 0) mdaSize = DEFAULT_MDA_SIZE;
        long align = alignment > 0 ? alignment : DEFAULT_ALIGNMENT;
        if (disk < align) throw new LvmException(dev + ": Data alignment must not exceed device size.");
        if (disk < align + baSize) throw new LvmException(dev + ": Bootloader area with data-aligned start must not exceed device size.");
        long peStart, baStart = 0;
        boolean locked = lockedPeStart > 0;
        if (!locked) {
            if (baSize > 0) {
                baStart = align;
                if (baSize % align != 0) baSize += align - baSize % align;
                if (disk < baStart + baSize) baSize = disk - baStart;
                peStart = baStart + baSize;
            } else peStart = align;
        } else {
            peStart = lockedPeStart;
            if (baSize > 0) {
                if (peStart <= align || peStart - align < baSize)
                    throw new LvmException(dev + ": Bootloader area would overlap data area.");
                baStart = align;
            }
        }
        List<DiskArea> mdas = new ArrayList<>();
        if (copies > 0) {
            long limit = locked ? peStart : disk;
            if (baSize > 0) limit -= baSize;
            long start = LABEL_SCAN_SIZE, size = mdaSize;
            if (limit - start >= MDA_SIZE_MIN && start % PAGE != 0) start += PAGE - start % PAGE;
            long adj = (start + size) % align;
            if (adj != 0 && start + size + align - adj <= limit) size += align - adj;
            if (start + size > limit) {
                if (!locked && limit - start > align * 2) {
                    size = limit - start - align * 2;
                    if ((start + size) % align != 0) size += align - (start + size) % align;
                    if (start + size > limit) throw noSpace(0, dev);
                } else size = limit - start;
            }
            if (!locked) {
                if (baSize > 0) {
                    baStart = start + size;
                    peStart = baStart + baSize;
                } else peStart = start + size;
            }
            if (size < MDA_SIZE_MIN) throw tooSmall(size);
            mdas.add(new DiskArea(start, size));
        }
        if (copies > 1) {
            long limit = peStart, size = mdaSize;
            if (limit >= disk) throw noSpace(1, dev);
            if (size > disk) size = disk - limit;
            long start = disk - size;
            if (disk - size < limit) {
                size = disk - limit;
                start = disk - size;
            } else if (start % align != 0) {
                long tmp = size + start % align;
                if (tmp < disk && disk - tmp >= limit) {
                    size = tmp;
                    start = disk - size;
                }
            }
            if (size > 0) {
                if (size < MDA_SIZE_MIN) throw tooSmall(size);
                mdas.add(new DiskArea(start, size));
            }
        }
        return new PvLayout(mdas, baSize > 0 ? new DiskArea(baStart, baSize) : null, peStart);
    }

    /** The size of the second metadata area, at the end of the device (0 when none): data extents stop before it. */
    public static long endMdaSize(List<DiskArea> mdas, long peStart) {
        long n = 0;
        for (DiskArea a : mdas) if (a.offset() > peStart) n += a.size();
        return n;
    }

    private static LvmException noSpace(int index, String dev) {
        return new LvmException("Not enough space available for metadata area with index " + index + " on PV " + dev + ".");
    }

    private static LvmException tooSmall(long size) {
        return new LvmException("Metadata area size too small: " + size + " bytes. It must be at least " + MDA_SIZE_MIN + " bytes.");
    }
}
