package ulvm.raid;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import ulvm.io.BlockDevice;

/**
 * A raid1 array's leg failures (docs/design.md §6 rule 7): a leg that fails stops taking part, and before any write
 * it missed is acknowledged a record names it stale; the last image holding the data is never dropped (rule 8).
 */
final class LegFailures {
    private final Raid1Array a;
    /** Held while a failed leg's state is being recorded. */
    private final Object failLock = new Object();

    LegFailures(Raid1Array a) { this.a = a; }

    /**
     * An I/O error on a leg: it stops taking part (no more writes or reads), and the record says at once that it is
     * stale (it lacks whatever is written from now on, all of it dirty: no bit is cleared while a leg is failed).
     */
    void failed(Leg l, IOException e) {
        if (!markFailed(l, e.getMessage())) return;
        try {
            record(l);
        } catch (IOException ignored) {
            // no rmeta takes the record: the next write or flush fails with it
        }
    }

    /** An rmeta device failed a record write (told from inside the write: only takes note; the next I/O records it). */
    void metaFailed(BlockDevice meta) {
        for (Leg l : a.legs) if (l.meta == meta && l.live()) markFailed(l, "rmeta " + meta.name() + " failed a write");
    }

    private boolean markFailed(Leg l, String why) {
        synchronized (this) {
            if (l.failed) return false;
            l.failed = true;
        }
        boolean left = false;
        for (Leg k : a.legs) left |= k.live();
        a.messages.accept(a.label + ": " + l.name + " failed (" + why + ")" + (left ? ", running degraded" : ", no leg left"));
        if (left) a.legFailed.accept(a.label);
        return true;
    }

    /** Makes every failed leg's state durable; throws when one cannot be (see {@link #record}). */
    void recordFailures() throws IOException {
        for (Leg l : a.legs) if (l.failed && !l.recorded) record(l);
    }

    /**
     * Writes a record in which failed leg {@code l} is no member: a member becomes stale (it lacks only dirty
     * regions), other legs (syncing, merging) were never sources, unless they lack nothing any more. The last member
     * is never dropped: writes the
     * other legs then take cannot be acknowledged (they throw here), as no record could name a leg that holds them.
     */
    private void record(Leg l) throws IOException {
        synchronized (failLock) {
            if (l.recorded) return;
            List<String> m = new ArrayList<>(a.log.members());
            List<String> st = new ArrayList<>(a.log.stale());
            if (m.contains(l.id)) {
                // a leg that lacks nothing holds every acknowledged write too (its finished job may not be recorded yet)
                for (Leg k : a.legs) {
                    if (k == l || !k.live() || !k.writable || !k.pending.isEmpty() || m.contains(k.id)) continue;
                    m.add(k.id);
                    st.remove(k.id);
                }
                if (m.size() == 1) throw new IOException(a.label + ": every leg holding the data has failed");
                m.remove(l.id);
                if (l.job == Leg.Job.NONE && !st.contains(l.id)) st.add(l.id);
                a.log.setMembers(m);
                a.log.setStale(st);
                a.log.persist();
            }
            l.recorded = true;
        }
    }
}
