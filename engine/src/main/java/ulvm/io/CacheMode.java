package ulvm.io;

/**
 * How PV image files are opened, as qemu's {@code cache=} option: {@link #WRITEBACK} (buffered through the page cache,
 * a flush forces the images) or {@link #NONE} (O_DIRECT: no page cache, a flush still forces the disk's own cache).
 */
public enum CacheMode {
    WRITEBACK, NONE;

    /** The word of {@code ulvm mount --cache}. */
    public String word() { return name().toLowerCase(java.util.Locale.ROOT); }

    /** The mode named {@code word} ("writeback" or "none"), or null. */
    public static CacheMode of(String word) {
        for (CacheMode m : values()) if (m.word().equals(word)) return m;
        return null;
    }
}
