package ulvm.format;

/** A raw_locn slot of the mda header: text offset (relative to the mda start), size, CRC, flags. */
public record RawLocn(long offset, long size, int checksum, int flags) {
    public static final RawLocn EMPTY = new RawLocn(0, 0, 0, 0);
    public static final int IGNORED = 1;

    public boolean isEmpty() { return offset == 0; }

    public boolean ignored() { return (flags & IGNORED) != 0; }
}
