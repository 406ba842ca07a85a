package ulvm.raid;

import java.io.IOException;
import java.nio.ByteBuffer;
import ulvm.mapping.Target;

/** The raid1 segment of an LV's table: I/O goes to the running array, which outlives table swaps. */
public final class Raid1Target implements Target {
    private final Raid1Array array;

    Raid1Target(Raid1Array array) { this.array = array; }

    @Override public int read(long offset, ByteBuffer dst) throws IOException { return array.io.read(offset, dst); }

    @Override public int write(long offset, ByteBuffer src) throws IOException { return array.io.write(offset, src); }

    @Override public long discard(long offset, long len) throws IOException { return array.io.discard(offset, len); }

    @Override public ulvm.io.Allocation allocation(long offset, long len) throws IOException { return array.io.allocation(offset, len); }

    /** The regions written since a --trackchanges split, or null while no split image is tracked. */
    public TrackedRegions tracked() { return array.tracked(); }

    @Override public void flush() throws IOException { array.io.flush(); }
}
