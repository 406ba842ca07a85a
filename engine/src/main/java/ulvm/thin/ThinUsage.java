package ulvm.thin;

/**
 * What an active pool or thin LV uses, as dm-thin's status reports it: {@code used} of {@code total} blocks (a pool's
 * data blocks, a thin LV's mapped blocks of its virtual size), and a pool's metadata blocks (0 of 0 for a thin LV).
 */
public record ThinUsage(long used, long total, long metaUsed, long metaTotal) {
    /** Data% as lvs prints it. */
    public double dataPercent() { return total == 0 ? 0 : 100.0 * used / total; }

    /** Meta% as lvs prints it. */
    public double metaPercent() { return metaTotal == 0 ? 0 : 100.0 * metaUsed / metaTotal; }
}
