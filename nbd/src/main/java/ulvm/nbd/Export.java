package ulvm.nbd;

import java.io.IOException;
import java.util.List;
import ulvm.io.Volume;

/** One client's open export: the volume its requests go to, and what BLOCK_STATUS reports of it. */
public interface Export extends AutoCloseable {
    /** NBD_STATE_HOLE / NBD_STATE_ZERO in base:allocation; NBD_STATE_DIRTY (1) in a qemu:dirty-bitmap context. */
    int HOLE = 1, ZERO = 2, DIRTY = 1;

    /** One run of a block-status reply: {@code length} bytes with {@code flags}. */
    record Extent(long length, int flags) { }

    /** Reads, writes, flushes, discards and zeroes go here (the same object the FUSE file uses). */
    Volume volume();

    /** Advertised as NBD_FLAG_READ_ONLY: the volume is read-only, or the export was added read-only. */
    boolean readOnly();

    /**
     * base:allocation from {@code offset}: consecutive extents starting at {@code offset}, covering at least one byte
     * and at most {@code length} bytes (fewer is allowed: the client asks again). Default: all data.
     */
    default List<Extent> allocation(long offset, long length) throws IOException {
        return List.of(new Extent(Math.min(length, volume().size() - offset), 0));
    }

    /** Names of the dirty bitmaps this export offers as {@code qemu:dirty-bitmap:NAME} (e.g. "track"). */
    default List<String> dirtyBitmaps() { return List.of(); }

    /** The bitmap {@code name} from {@code offset}, as {@link #allocation}: DIRTY where changed. */
    default List<Extent> dirtyBitmap(String name, long offset, long length) throws IOException {
        return List.of(new Extent(Math.min(length, volume().size() - offset), 0));
    }

    /** Ends the use of the volume; requests still in flight are answered first. */
    @Override void close();
}
