package ulvm.format;

/** An {offset, size} pair of the PV header, in bytes. Size 0 for a data area means "to the end". */
public record DiskArea(long offset, long size) {}
