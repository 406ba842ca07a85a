package ulvm.io.fault;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A power cut shared by several {@link CrashDevice}s: after {@code atOp} operations over all of them (or when
 * {@link #cut} is called) every device loses what it was not forced to keep, as chosen by {@code mode} and the
 * seeded random, and fails every later operation. The seed makes a trial replayable.
 */
public final class PowerLoss {
    /** What happens to writes that were not yet flushed. */
    public enum Mode {
        /** All of them are lost. */
        DROP,
        /** Each is kept or lost on its own (the disk reordered them). */
        REORDER,
        /** As REORDER, and a kept write may be torn: only some of its 512-byte sectors land. */
        TEAR
    }

    private final Random random;
    private final Mode mode;
    private final long atOp;
    private final List<CrashDevice> devices = new ArrayList<>();
    private long ops;
    private boolean cut;

    public PowerLoss(long seed, Mode mode, long atOp) {
        this.random = new Random(seed);
        this.mode = mode;
        this.atOp = atOp;
    }

    synchronized void register(CrashDevice d) { devices.add(d); }

    /** Counts one operation; true when the power is (now) off. */
    synchronized boolean tick() { return step() != 0; }

    /** Counts one operation: 0 power on, 1 the power went during this one, 2 it was off already. */
    synchronized int step() {
        if (cut) return 2;
        if (++ops >= atOp) {
            cutNow();
            return 1;
        }
        return 0;
    }

    /** The seeded random when the cut tears what is in flight (mode TEAR), else null. */
    synchronized Random tearing() { return mode == Mode.TEAR ? random : null; }

    public synchronized boolean isCut() { return cut; }

    /** Cuts the power now (if not already). */
    public synchronized void cut() { if (!cut) cutNow(); }

    private void cutNow() {
        cut = true;
        for (CrashDevice d : devices) d.lose(random, mode);
    }

    public synchronized long ops() { return ops; }
}
