package ulvm.e2e.crash;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import ulvm.format.VgTextWriter;
import ulvm.model.Vg;

/**
 * The metadata versions of a trial: the one before it, each one a command precommitted (it may have become the
 * committed one), and the newest whose commit returned (durable: the crash may not lose it).
 */
final class Versions {
    private final Map<Long, Set<String>> texts = new HashMap<>();
    private long lastCommitted = -1;

    synchronized void attempted(Vg vg) { texts.computeIfAbsent(vg.seqno(), k -> new HashSet<>()).add(text(vg)); }

    synchronized void committed(Vg vg) {
        attempted(vg);
        lastCommitted = Math.max(lastCommitted, vg.seqno());
    }

    synchronized void reset() {
        texts.clear();
        lastCommitted = -1;
    }

    /** Null when {@code found} (read after the crash) is a version of this trial not older than the last commit. */
    synchronized String check(Vg found) {
        if (found.seqno() < lastCommitted)
            return "metadata seqno " + found.seqno() + " is older than the last committed " + lastCommitted;
        Set<String> t = texts.get(found.seqno());
        if (t == null) return "metadata seqno " + found.seqno() + " was never written (known " + texts.keySet() + ")";
        if (!t.contains(text(found))) return "metadata seqno " + found.seqno() + " is not the text written with it:\n" + text(found);
        return null;
    }

    synchronized long lastCommitted() { return lastCommitted; }

    /** The VG's text without what differs between writing and reading back (device hints). */
    static String text(Vg vg) {
        Vg v = vg.withPvs(vg.pvs().stream().map(p -> p.withDevice("-")).toList());
        return VgTextWriter.disk(v, "", "", 0);
    }

}
