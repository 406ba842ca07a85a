package ulvm.raid;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A raid1 array's I/O (docs/design.md §6 rules 1 and 2): a write goes to every live leg once its region's
 * write-intent bit is durable, a read to the first live leg that holds the region (retried on another), a flush to
 * every live leg; a leg that fails is handed to the array's {@link LegFailures}.
 */
final class Raid1Io {
    private final Raid1Array a;

    Raid1Io(Raid1Array a) { this.a = a; }

    /** Where the last few writes ended: a write that starts at one continues a sequential stream. */
    private final java.util.concurrent.atomic.AtomicLongArray ends = new java.util.concurrent.atomic.AtomicLongArray(8);
    private final java.util.concurrent.atomic.AtomicInteger nextEnd = new java.util.concurrent.atomic.AtomicInteger();

    private boolean recentEnd(long offset) {
        for (int i = 0; i < ends.length(); i++) if (ends.get(i) == offset) return true;
        return false;
    }

    int write(long offset, ByteBuffer src) throws IOException {
        long r = offset / a.regionBytes;
        int n = (int) Math.min(src.remaining(), (r + 1) * a.regionBytes - offset);
        int limit = src.limit();
        int pos = src.position();
        src.limit(pos + n);
        long stamp = a.locks.shared(r);
        try {
            a.log.beforeWrite(r, offset % a.regionBytes == 0 && recentEnd(offset));
            int ok = 0;
            IOException err = null;
            // the legs one after the other: written at once (io.Fanout, writes of 128 KiB or more) they were not
            // faster, also after the sweep fix (bench/legs.sh; docs/design.md "Writes over several images")
            for (Leg l : a.legs) {
                if (!l.live()) continue;
                src.position(pos);
                try {
                    l.image.write(offset, src);
                    ok++;
                } catch (IOException e) {
                    err = e;
                    a.failures.failed(l, e);
                }
            }
            if (ok == 0) throw err != null ? err : new IOException(a.label + ": no leg left to write to");
            a.failures.recordFailures(); // the record says which legs missed this write before it is acknowledged
            ends.set(nextEnd.getAndIncrement() & (ends.length() - 1), offset + n);
            src.position(pos + n);
        } finally {
            a.locks.releaseShared(r, stamp);
            src.limit(limit);
        }
        return n;
    }

    /**
     * A write of zeros that gives the space back: up to {@link RegionLocks#RANGE} regions at once, their write-intent
     * bits durable first in one record (a tracked split records the regions), then discarded on every live leg.
     */
    long discard(long offset, long len) throws IOException {
        long first = offset / a.regionBytes;
        long last = Math.min((offset + len - 1) / a.regionBytes, first + RegionLocks.RANGE - 1);
        long n = Math.min(len, (last + 1) * a.regionBytes - offset);
        long[] stamps = a.locks.sharedRange(first, last);
        try {
            a.log.beforeWrite(first, last);
            int ok = 0;
            IOException err = null;
            for (Leg l : a.legs) {
                if (!l.live()) continue;
                try {
                    l.image.discard(offset, n);
                    ok++;
                } catch (IOException e) {
                    err = e;
                    a.failures.failed(l, e);
                }
            }
            if (ok == 0) throw err != null ? err : new IOException(a.label + ": no leg left to write to");
            a.failures.recordFailures();
        } finally {
            a.locks.releaseSharedRange(first, last, stamps);
        }
        return n;
    }

    int read(long offset, ByteBuffer dst) throws IOException {
        long r = offset / a.regionBytes;
        int n = (int) Math.min(dst.remaining(), (r + 1) * a.regionBytes - offset);
        int limit = dst.limit();
        int pos = dst.position();
        dst.limit(pos + n);
        try {
            IOException err = null;
            boolean others = false; // a write-mostly leg is read only when no other leg holds the region
            if (a.anyWriteMostly) for (Leg l : a.legs) others |= !l.writeMostly && l.live() && !l.pending.get(r);
            for (Leg l : a.legs) {
                if (!l.live() || l.pending.get(r) || others && l.writeMostly) continue;
                dst.position(pos);
                try {
                    l.image.read(offset, dst);
                    dst.position(pos + n);
                    return n;
                } catch (IOException e) {
                    err = e;
                    a.failures.failed(l, e);
                }
            }
            throw err != null ? err : new IOException(a.label + ": no in-sync leg holds region " + r);
        } finally {
            dst.limit(limit);
        }
    }

    /**
     * The holes of the first live leg that does not lack the region (the leg a read would take: in sync there, so its
     * holes read as zeros from the array too), up to the region's end; data when no leg answers.
     */
    ulvm.io.Allocation allocation(long offset, long len) throws IOException {
        long r = offset / a.regionBytes;
        long n = Math.min(len, (r + 1) * a.regionBytes - offset);
        Leg l = a.source(r);
        return l == null ? ulvm.io.Allocation.data(n) : l.image.allocation(offset, n);
    }

    void flush() throws IOException {
        for (Leg l : a.legs) {
            if (!l.live()) continue;
            try {
                l.image.flush();
            } catch (IOException e) {
                a.failures.failed(l, e);
            }
        }
        boolean any = false;
        for (Leg l : a.legs) any |= l.live();
        if (!any) throw new IOException(a.label + ": every leg has failed");
        a.failures.recordFailures();
    }
}
