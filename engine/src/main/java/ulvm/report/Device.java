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
 */
public record Device(String path, long sizeSectors, int mdaCount, long mdaSize, int extVersion, long peStart, long labelSectors) {}
