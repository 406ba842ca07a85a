package ulvm.report;

/**
 * What the reports know of a present PV device, beyond the VG metadata.
 *
 * @param path        the name printed for it (pv_name, devices, pvdisplay)
 * @param sizeSectors the device size (dev_size)
 * @param mdaCount    number of metadata areas in the label
 * @param mdaSize     the smallest metadata area, in sectors (0 when none)
 * @param extVersion  pv_header extension version
 * @param peStart     start of the data area, in sectors
 * @param labelSectors the device size the PV header records (pvresize sets it; an orphan's pv_size), 0 when unknown
 * @param mdaUsed     metadata areas not ignored (pvchange --metadataignore)
 * @param mdaFree     the least free space of its areas, in sectors, as LVM2's mda_free_sectors (0 when none or one is ignored)
 * @param usedFree    the least free space of the areas in use, in sectors (vg_mda_free counts those only)
 * @param baStart     the bootloader area of the label, in sectors (0 when none)
 * @param baSize      its size in sectors
 */
public record Device(String path, long sizeSectors, int mdaCount, long mdaSize, int extVersion, long peStart, long labelSectors,
                     int mdaUsed, long mdaFree, long usedFree, long baStart, long baSize) {
    public Device(String path, long sizeSectors, int mdaCount, long mdaSize, int extVersion, long peStart, long labelSectors) {
        this(path, sizeSectors, mdaCount, mdaSize, extVersion, peStart, labelSectors, mdaCount, 0, 0, 0, 0);
    }
}
