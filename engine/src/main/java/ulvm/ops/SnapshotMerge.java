package ulvm.ops;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import ulvm.api.LvmException;
import ulvm.copy.CopyRate;
import ulvm.io.BlockDevice;
import ulvm.mapping.LvTable;
import ulvm.mapping.TableBuilder;
import ulvm.model.Lv;
import ulvm.model.SnapshotSegment;
import ulvm.model.Vg;
import ulvm.move.MoveProgress;
import ulvm.snapshot.CowFormat;
import ulvm.snapshot.CowStore;
import ulvm.snapshot.MergeCopy;
import ulvm.snapshot.SnapshotLvs;
import ulvm.snapshot.SnapshotOrigin;
import ulvm.snapshot.SnapshotStatus;
import ulvm.store.PvDevice;
import ulvm.store.Scan;
import ulvm.store.VgCopies;

/**
 * {@code lvconvert --merge VG/SNAP} for a COW snapshot, as LVM2 2.03.16 does it (tools/lvconvert.c
 * _lvconvert_merge_old_snapshot, lvconvert_poll.c): the metadata marks the snapshot merging (its snapshotN LV loses
 * VISIBLE, its segment names the COW as merging_store); the copy of the COW's chunks back onto the origin runs at once
 * when the origin is not open (offline in this command; in a daemon on the live volumes), else on the origin's next
 * activation. Progress is the store itself: merged records are cleared from its end, so a killed merge resumes. At the
 * end the snapshot's LVs are removed in one metadata commit.
 */
public final class SnapshotMerge {
    /** What a mount daemon adds: the merge on its live volumes. Its {@link Session.LiveHooks} implement this. */
    public interface Live {
        /** Starts the merge of {@code origin}'s merging snapshot on the live volumes; null when the origin is not active. */
        SnapshotOrigin startMerge(String vg, String origin) throws IOException;

        /** The merge waits (origin open, or inactive, or -b): the daemon starts it when it can, in the background. */
        void mergeLater(String vg, String origin);
    }

    /** Chunks merged per step (one force of the origin, one of the records): 4 MiB of them, 8 at least. */
    static int batch(CowStore m) { return Math.max(8, (4 << 20) / m.chunkBytes()); }
    private final Session s;
    private String pace;

    public SnapshotMerge(Session s) { this.s = s; }

    /** After {@link #run}: "N chunks copied in S s, M MiB/s" (for the daemon log), or null. */
    public String pace() { return pace; }

    private static String display(Vg vg, String lv) { return vg.name() + "/" + lv; }

    /** True when {@code lv} of {@code vg} is a snapshot's COW LV (lvconvert --merge takes this branch). */
    public static boolean isSnapshot(Session s, String vgName, String lv) throws LvmException {
        try (Scan scan = s.scan(false)) {
            return scan.vg(vgName).map(vc -> SnapshotLvs.isCow(vc.vg(), lv)).orElse(false);
        }
    }

    /** lvconvert --mergesnapshot takes a snapshot only (LV_snapshot): LVM2's refusal of any other LV. */
    public static void requireSnapshot(Session s, String vgName, String lv) throws LvmException {
        try (Scan scan = s.scan(false)) {
            Vg vg = s.vg(scan, vgName).vg();
            Lv l = vg.lv(lv).orElseThrow(() -> new LvmException("Failed to find logical volume \"" + display(vg, lv) + "\""));
            if (!SnapshotLvs.isCow(vg, lv)) throw LvArgs.typeRefused(new LvArgs.Target(vgName, lv, true), LvTypes.notAccepted(vg, l));
        }
    }

    /** lvconvert --merge VG/SNAP [-b] [-i SECS]. */
    public void merge(String vgName, String snap, long interval, boolean waitFirst, boolean background) throws LvmException {
        String origin;
        boolean later;
        try (Scan scan = s.scan(true)) {
            VgCopies vc = s.writableVg(scan, vgName);
            Vg vg = vc.vg();
            Lv cow = vg.lv(snap).orElseThrow(() -> new LvmException("Failed to find logical volume \"" + display(vg, snap) + "\""));
            SnapshotSegment seg = SnapshotLvs.ofCow(vg, snap).orElseThrow();
            Lv internal = SnapshotLvs.internalOf(vg, snap).orElseThrow();
            origin = seg.origin();
            Lv o = vg.lv(origin).orElseThrow(() -> new LvmException("Origin " + origin + " of " + display(vg, snap) + " not found."));
            SnapshotSegment other = SnapshotLvs.merging(vg, origin).orElse(null);
            if (other != null)
                throw new LvmException("Cannot merge snapshot " + display(vg, snap) + " into the origin " + display(vg, origin)
                        + " with merging snapshot " + display(vg, internal.name()) + ".");
            if (!o.writable())
                throw new LvmException("Cannot merge snapshot " + display(vg, snap) + " into the read-only origin " + display(vg, origin)
                        + ". (Use lvchange -p rw).");
            SnapshotStatus st = s.hooks().snapshotStatus(vgName, snap);
            boolean invalid = st != null ? !st.valid() : !offlineHeaderValid(vc, vg, cow, seg);
            if (invalid) throw new LvmException("Unable to merge invalidated snapshot LV " + display(vg, snap) + ".");
            later = false;
            if (s.hooks().isActive(vgName, origin)) {
                if (s.hooks().isOpen(vgName, origin)) {
                    s.say("Delaying merge since origin is open.");
                    later = true;
                } else if (s.hooks().isOpen(vgName, snap)) {
                    s.say("Delaying merge since snapshot is open.");
                    later = true;
                }
            }
            Vg next = vg.withLv(internal.withStatusFlag("VISIBLE", false)
                    .withSegments(List.of(new SnapshotSegment(seg.start(), seg.count(), seg.chunkSize(), seg.origin(), seg.cowStore(), true))));
            s.commit(vc, next);
            Live live = s.hooks() instanceof Live l ? l : null;
            if (live != null && !later && !s.hooks().isActive(vgName, origin)) later = true; // LVM2: merges on activation
            if (later) {
                s.say("Merging of snapshot " + display(vg, snap) + " will occur on next activation of " + display(vg, origin) + ".");
                if (live != null) live.mergeLater(vgName, origin);
                return;
            }
            s.say("Merging of volume " + display(vg, snap) + " started.");
            if (live != null && background) {
                live.mergeLater(vgName, origin);
                return;
            }
        }
        run(vgName, origin, interval, waitFirst);
    }

    private static boolean offlineHeaderValid(VgCopies vc, Vg vg, Lv cow, SnapshotSegment seg) throws LvmException {
        try {
            LvTable t = TableBuilder.build(vg, cow, devices(vc));
            ByteBuffer b = ByteBuffer.allocate(512);
            t.read(0, b);
            CowFormat.Header h = CowFormat.Header.decode(b.flip());
            return h.isNew() || h.valid();
        } catch (IOException e) {
            throw new LvmException("Failed to read snapshot " + display(vg, cow.name()) + ": " + e.getMessage());
        }
    }

    private static java.util.function.Function<String, BlockDevice> devices(VgCopies vc) {
        return id -> {
            PvDevice d = vc.device(id);
            return d == null ? null : d.device();
        };
    }

    /**
     * Copies the merging snapshot of {@code origin} back (live through the daemon when it serves the origin, else on
     * the image files), printing "VG/ORIGIN: Merged: NN.NN%" every {@code interval} seconds (0: never), then removes
     * the snapshot. Also what resumes a merge a crash or an umount interrupted.
     */
    public void run(String vgName, String origin, long interval, boolean waitFirst) throws LvmException {
        Live live = s.hooks() instanceof Live l ? l : null;
        SnapshotOrigin running = null;
        List<AutoCloseable> offline = new ArrayList<>();
        Scan scan = null;
        try {
            if (live != null) running = live.startMerge(vgName, origin);
            if (running == null) {
                if (live != null) throw new LvmException("Logical volume " + vgName + "/" + origin + " is not active.");
                scan = s.scan(true);
                VgCopies vc = s.writableVg(scan, vgName);
                running = openOffline(vc, origin);
            }
            String display = vgName + "/" + origin;
            CowStore m = running.merging();
            long intervalMs = interval * 1000;
            long last = System.nanoTime();
            if (intervalMs > 0 && !waitFirst) progress(display, m);
            long delay = s.wiring().pacing().mergePauseMillis();
            long t0 = System.nanoTime();
            int chunks = m.remaining();
            MergeCopy copy = running.mergeCopy(delay == 0); // a pause between batches holds none's locks
            try {
                while (copy.step(batch(m))) {
                    if (delay > 0) pause(delay);
                    if (s.hooks().stopRequested()) throw new LvmException("Merge of " + display + " stopped.");
                    if (intervalMs > 0 && (System.nanoTime() - last) / 1_000_000 >= intervalMs && m.remaining() > 0) {
                        progress(display, m);
                        last = System.nanoTime();
                    }
                }
            } finally {
                copy.close();
            }
            if (intervalMs > 0) progress(display, m);
            running.base().flush();
            pace = chunks + " chunks copied " + CopyRate.describe((long) chunks * m.chunkBytes(), System.nanoTime() - t0);
        } catch (IOException e) {
            throw new LvmException(vgName + "/" + origin + ": Merge failed. Retry merge or inspect manually.\n" + e.getMessage());
        } finally {
            if (scan != null) scan.close();
        }
        finish(vgName, origin);
    }

    private void pause(long ms) {
        long end = System.nanoTime() + ms * 1_000_000;
        try {
            while (System.nanoTime() < end && !s.hooks().stopRequested()) Thread.sleep(Math.max(1, Math.min(20, (end - System.nanoTime()) / 1_000_000)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void progress(String display, CowStore m) {
        SnapshotStatus st = m.status(true);
        String pct = st.allocatedSectors() <= st.metadataSectors() ? "100.00"
                : MoveProgress.percent(st.totalSectors() - st.allocatedSectors(), st.totalSectors());
        s.say(display + ": Merged: " + pct + "%");
    }

    /** The origin's state on the image files (no daemon): every snapshot's store opened, the merging one merging. */
    private static SnapshotOrigin openOffline(VgCopies vc, String origin) throws IOException, LvmException {
        Vg vg = vc.vg();
        var devs = devices(vc);
        Lv o = vg.lv(origin).orElseThrow(() -> new LvmException("Logical volume " + origin + " not found."));
        SnapshotOrigin so = new SnapshotOrigin(vg.name() + "/" + origin, TableBuilder.build(vg, o, devs));
        List<CowStore> copies = new ArrayList<>();
        CowStore merge = null;
        for (SnapshotSegment sn : SnapshotLvs.of(vg, origin)) {
            Lv cow = vg.lv(sn.cowStore()).orElseThrow(() -> new LvmException("COW LV " + sn.cowStore() + " not found."));
            CowStore st = CowStore.open(vg.name() + "/" + cow.name(), TableBuilder.build(vg, cow, devs), sn.chunkSize());
            if (sn.merging()) merge = st;
            else copies.add(st);
        }
        if (merge == null) throw new LvmException("Logical volume " + vg.name() + "/" + origin + " is not merging.");
        so.configure(so.base(), copies, merge);
        return so;
    }

    /** The merge is complete: the snapshot's LVs go, in one commit (re-read: others may have committed meanwhile). */
    private void finish(String vgName, String origin) throws LvmException {
        try (AutoCloseable held = s.hooks().exclusive(); Scan scan = s.scan(true)) {
            VgCopies vc = s.writableVg(scan, vgName);
            Vg vg = vc.vg();
            SnapshotSegment seg = SnapshotLvs.merging(vg, origin).orElse(null);
            if (seg == null) {
                s.say("Logical volume " + vgName + "/" + origin + " is no longer merging origin, polling has finished.");
                return;
            }
            s.say("Merge of snapshot into logical volume " + vgName + "/" + origin + " has finished.");
            Lv internal = SnapshotLvs.internalOf(vg, seg.cowStore()).orElseThrow();
            s.commit(vc, vg.withoutLv(internal.name()).withoutLv(seg.cowStore()));
        } catch (LvmException e) {
            throw e;
        } catch (Exception e) {
            throw new LvmException(e.getMessage());
        }
    }
}
