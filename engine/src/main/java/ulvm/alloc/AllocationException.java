package ulvm.alloc;

/** The free space does not fit the request; {@code missing} is how many extents could not be placed. */
public final class AllocationException extends Exception {
    private final long missing;

    public AllocationException(long missing) {
        super(missing + " more extents required");
        this.missing = missing;
    }

    public long missing() { return missing; }
}
