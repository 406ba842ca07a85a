package ulvm.io;

/**
 * One run of a volume or image, as a block-status query answers it: {@code length} bytes that are all data, or all a
 * hole (reads zeros, takes no space in the image files).
 */
public record Allocation(long length, boolean hole) {
    public static Allocation data(long length) { return new Allocation(length, false); }

    public static Allocation hole(long length) { return new Allocation(length, true); }
}
