package ulvm.copy;

import java.util.Locale;

/** The pace of a finished copy as the daemon log gives it: "in 2.41 s, 212.5 MiB/s". */
public final class CopyRate {
    private final long start = System.nanoTime();
    private long bytes;

    public void add(long n) { bytes += n; }

    public long bytes() { return bytes; }

    /** Since this clock was made. */
    public String describe() { return describe(bytes, System.nanoTime() - start); }

    public static String describe(long bytes, long nanos) {
        double s = Math.max(nanos, 1) / 1e9;
        return String.format(Locale.ROOT, "in %.2f s, %.1f MiB/s", s, bytes / (1024.0 * 1024.0) / s);
    }
}
