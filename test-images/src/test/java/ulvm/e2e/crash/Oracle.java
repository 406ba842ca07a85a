package ulvm.e2e.crash;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one LV's blocks may hold after the crash: the version last made durable by an fsync that returned, or any
 * version written after it (the cache may have kept, dropped or torn those). Versions only grow.
 */
final class Oracle {
    final String lv;
    final int blocks;
    private final long[] durable;
    private final Map<Integer, TreeSet<Long>> pending = new HashMap<>();
    /** Every write told, in order: block and version (what a scenario asks about points in time). */
    private final java.util.List<long[]> told = new java.util.ArrayList<>();

    Oracle(String lv, int blocks) {
        this.lv = lv;
        this.blocks = blocks;
        this.durable = new long[blocks];
    }

    /** Before the write is issued: it may land from now on. */
    synchronized void writing(int block, long version) {
        pending.computeIfAbsent(block, k -> new TreeSet<>()).add(version);
        told.add(new long[] {block, version});
    }

    /** Versions that wrote zeros (a discard, told as a write): the blocks read zeros where they landed. */
    private final Set<Long> zeros = new java.util.HashSet<>();

    /** Before a discard (or zeros) of {@code block} is issued, as version {@code version}: it may land from now on. */
    synchronized void zeroing(int block, long version) {
        zeros.add(version);
        writing(block, version);
    }

    /** The write of {@code version} to {@code block} failed whole (a full thin pool): it never lands. */
    synchronized void failed(int block, long version) {
        TreeSet<Long> p = pending.get(block);
        if (p != null && p.remove(version) && p.isEmpty()) pending.remove(block);
    }

    /** A point in time: how many writes were told so far. */
    synchronized int mark() { return told.size(); }

    /** The versions of {@code block} told between the marks {@code from} (incl.) and {@code to} (excl.). */
    synchronized Set<Long> toldBetween(int block, int from, int to) {
        Set<Long> out = new TreeSet<>();
        for (int i = from; i < Math.min(to, told.size()); i++) if (told.get(i)[0] == block) out.add(zeros.contains(told.get(i)[1]) ? 0 : told.get(i)[1]);
        return out;
    }

    /** An fsync returned: what was written before it is durable. Call with what was pending when the fsync started. */
    synchronized void synced(Map<Integer, Long> before) {
        for (var e : before.entrySet()) {
            int b = e.getKey();
            long v = e.getValue();
            if (v > durable[b]) durable[b] = v;
            TreeSet<Long> p = pending.get(b);
            if (p != null) {
                p.headSet(v, true).clear();
                if (p.isEmpty()) pending.remove(b);
            }
        }
    }

    /** The newest write of every block written since the last fsync. */
    synchronized Map<Integer, Long> newest() {
        Map<Integer, Long> m = new HashMap<>();
        for (var e : pending.entrySet()) m.put(e.getKey(), e.getValue().last());
        return m;
    }

    /** The version the block holds durably (0 for zeros, a discard's too). */
    synchronized long durable(int block) { return zeros.contains(durable[block]) ? 0 : durable[block]; }

    /** Whether some block in {@code [from, to)} has writes not yet fsynced (that may have landed or not, or in part). */
    synchronized boolean pendingIn(int from, int to) {
        for (int b = from; b < to; b++) if (pending.containsKey(b)) return true;
        return false;
    }

    synchronized Set<Long> allowed(int block) {
        TreeSet<Long> s = new TreeSet<>(pending.getOrDefault(block, new TreeSet<>()));
        s.add(durable[block]);
        if (zeros.isEmpty()) return s;
        Set<Long> read = new TreeSet<>();
        for (long v : s) read.add(zeros.contains(v) ? 0 : v);
        return read;
    }

    /** Null when {@code data}, block {@code block} as read back, is allowed; else what is wrong. */
    String check(int block, byte[] data) {
        Set<Long> ok = allowed(block);
        for (int s = 0; s < Stamps.BLOCK / Stamps.SECTOR; s++) {
            long v = Stamps.version(data, block, s);
            if (!ok.contains(v))
                return lv + " block " + block + " sector " + s + " holds " + (v == Stamps.GARBAGE ? "garbage" : "version " + v)
                        + ", allowed " + ok + " (durable " + durable(block) + ")";
        }
        return null;
    }
}
