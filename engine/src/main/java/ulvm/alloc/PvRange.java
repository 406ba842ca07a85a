package ulvm.alloc;

/** Physical extents [start, end) of one PV, by PV id. */
public record PvRange(String pvId, long start, long end) {
    public long length() { return end - start; }
}
