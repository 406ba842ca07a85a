package ulvm.raid;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import ulvm.bitmap.BitmapRecord;
import ulvm.bitmap.RegionSet;
import ulvm.bitmap.WriteIntentLog;
import ulvm.io.BlockDevice;
import ulvm.model.Lv;
import ulvm.model.Vg;

/**
 * How a raid1 array's legs and write-intent state follow from metadata (docs/design.md §6): at start from the LV's
 * images and the newest record ({@link #fromRecord}), at a committed change from the images and the running legs
 * ({@link #reconciled}), and full syncs recorded as stale images ({@link #recordFullSyncs}). No I/O.
 */
final class Raid1Assembly {
    /** The legs an array starts with, and the record state its write-intent log starts from. */
    record Start(Leg[] legs, RegionSet dirty, RegionSet tracked, List<String> members, List<String> stale, String trackedId,
                 boolean tracking, boolean fresh) {}

    /** The legs after a change, and the members, stale images and rmetas the record names from then on. */
    record Change(Leg[] legs, List<String> members, List<String> stale, List<BlockDevice> metas) {}

    private Raid1Assembly() {}

    /**
     * The legs of raid1 LV {@code lv} (of {@code count} regions of {@code regionSectors}) from {@code rec}, the newest
     * record of its rmetas (empty: a new array): dirty bits to resync, new arrays and images to sync in full (not with
     * NOTSYNCED), a tracked image to merge if it has regained WRITE. {@code messages}: told of a stale image left out.
     */
    static Start fromRecord(Vg vg, Lv lv, List<Raid1Layout.Image> images, Optional<BitmapRecord> rec, long regionSectors, long count,
                            Consumer<String> messages) {
        boolean notSynced = lv.hasStatus("NOTSYNCED");
        RegionSet dirty;
        RegionSet tracked;
        List<String> members = new ArrayList<>();
        List<String> stale = new ArrayList<>();
        String trackedId = null;
        boolean fresh = rec.isEmpty();
        if (fresh) {
            dirty = new RegionSet(count);
            tracked = new RegionSet(count);
            if (notSynced) for (Raid1Layout.Image im : images) members.add(im.id());
        } else {
            BitmapRecord r = rec.get();
            if (r.regionSectors() != regionSectors) { // region size changed: trust nothing per region
                dirty = new RegionSet(count);
                dirty.setAll();
                tracked = new RegionSet(count);
                tracked.setAll();
            } else {
                dirty = r.dirty().resized(count);
                tracked = r.trackedRegions().resized(count);
                if (count > r.regionCount() && !notSynced) dirty.setRange(r.regionCount(), count);
            }
            for (Raid1Layout.Image im : images) if (r.members().contains(im.id())) members.add(im.id());
            for (Raid1Layout.Image im : images)
                if (r.stale().contains(im.id()) && !members.contains(im.id())) stale.add(im.id());
            for (Raid1Layout.Image im : images) if (im.id().equals(r.trackedId())) trackedId = im.id();
        }
        // the source: the first present, writable member that is not being merged back; else the first present writable image
        Raid1Layout.Image source = null;
        for (Raid1Layout.Image im : images)
            if (source == null && im.image() != null && im.writable() && members.contains(im.id()) && !im.id().equals(trackedId)) source = im;
        boolean noSource = source == null;
        for (Raid1Layout.Image im : images)
            if (source == null && im.image() != null && im.writable() && !stale.contains(im.id())) source = im;
        if (source != null && !members.contains(source.id())) members.add(0, source.id());

        boolean tracking = false;
        Leg[] legs = new Leg[images.size()];
        for (int i = 0; i < legs.length; i++) {
            Raid1Layout.Image im = images.get(i);
            RegionSet pending = new RegionSet(count);
            Leg.Job job = Leg.Job.NONE;
            if (!im.writable()) {
                tracking = true;
                if (!im.id().equals(trackedId)) { // the split was committed but never recorded: it lacks whatever is dirty
                    trackedId = im.id();
                    tracked.clearAll();
                }
            } else if (im == source) {
                // holds the data by definition
            } else if (stale.contains(im.id())) { // failed while running: it lacks what was written since, all dirty
                pending.addAll(dirty);
                job = Leg.Job.REVIVE;
            } else if (!members.contains(im.id())) {
                pending.setAll();
                job = Leg.Job.SYNC;
            } else if (im.id().equals(trackedId)) {
                pending.addAll(tracked);
                pending.addAll(dirty);
                job = Leg.Job.MERGE;
            } else {
                pending.addAll(dirty);
            }
            // a stale image never serves reads or is copied from: without an in-sync image it stays out
            boolean out = job == Leg.Job.REVIVE && noSource;
            legs[i] = new Leg(im.id(), im.name(), im.image(), im.meta(), im.writable(), pending, job, new AtomicLong(), out);
            if (out && im.image() != null) messages.accept(vg.name() + "/" + lv.name() + ": " + im.name() + " is stale and no in-sync image is present, not used");
        }
        for (Leg l : legs) {
            if (!l.failed || !members.remove(l.id)) continue;
            if (l.job == Leg.Job.NONE && !stale.contains(l.id)) stale.add(l.id); // missing now: lacks what gets written
        }
        if (trackedId != null && !tracking && legs.length > 0 && java.util.Arrays.stream(legs).noneMatch(l -> l.job == Leg.Job.MERGE))
            trackedId = null; // the tracked image left the array, or its merge had finished
        if (trackedId == null) tracked.clearAll();
        return new Start(legs, dirty, tracked, members, stale, trackedId, tracking, fresh);
    }

    /**
     * The legs after committed metadata lists {@code images} ({@code count} regions, {@code oldCount} before): images
     * that lost WRITE become tracked (the log starts tracking them), regained WRITE start a merge, new images a full
     * sync, dropped ones are forgotten, a resize adds regions to sync.
     */
    static Change reconciled(Leg[] old, List<Raid1Layout.Image> images, WriteIntentLog log, long count, long oldCount, boolean notSynced) {
        return reconciled(old, images, log, count, oldCount, notSynced, java.util.Set.of());
    }

    /** As above; the images in {@code rebuild} (lvchange --rebuild) are taken as new ones: a full sync, no longer a source. */
    static Change reconciled(Leg[] old, List<Raid1Layout.Image> images, WriteIntentLog log, long count, long oldCount, boolean notSynced,
                             java.util.Set<String> rebuild) {
        Map<String, Leg> byId = new HashMap<>();
        for (Leg l : old) byId.put(l.id, l);
        List<String> members = new ArrayList<>(log.members());
        Leg[] next = new Leg[images.size()];
        Leg src = null;
        for (Leg l : old) if (src == null && l.live() && l.job == Leg.Job.NONE && l.pending.isEmpty() && !rebuild.contains(l.id)) src = l;
        for (int i = 0; i < next.length; i++) {
            Raid1Layout.Image im = images.get(i);
            Leg prev = byId.remove(im.id());
            if (prev != null && rebuild.contains(im.id()) && prev.live()) {
                members.remove(im.id());
                prev = null;
            }
            RegionSet pending = prev == null ? new RegionSet(count) : prev.pending.resized(count);
            Leg.Job job = prev == null ? Leg.Job.SYNC : prev.job;
            if (prev == null) {
                pending.setAll();
            } else if (prev.writable && !im.writable()) { // split with tracking
                log.clearNow(r -> { // the legs are identical outside what some leg lacks
                    for (Leg l : old) if (l.failed || l.pending.get(r)) return false;
                    return true;
                });
                log.startTracking(im.id());
                log.tracked().addAll(pending);
                pending = new RegionSet(count);
                job = Leg.Job.NONE;
            } else if (!prev.writable && im.writable()) { // merge
                log.stopTracking();
                if (members.contains(im.id())) {
                    pending.addAll(log.tracked());
                    pending.addAll(log.dirty());
                    job = Leg.Job.MERGE;
                } else {
                    pending.setAll();
                    job = Leg.Job.SYNC;
                }
                prev.copied.set(0);
            } else if (count > oldCount && im.writable() && prev != src && !notSynced) {
                pending.setRange(oldCount, count);
            }
            next[i] = new Leg(im.id(), im.name(), im.image(), im.meta(), im.writable(), pending, job,
                    prev == null ? new AtomicLong() : prev.copied, prev != null && prev.failed);
            if (prev != null && prev.failed && im.image() != null) next[i].recorded = prev.recorded;
        }
        List<String> stale = new ArrayList<>(log.stale());
        for (Leg gone : byId.values()) {
            members.remove(gone.id);
            stale.remove(gone.id);
            if (gone.id.equals(log.trackedId())) log.forgetTracked();
        }
        List<BlockDevice> metas = new ArrayList<>();
        for (Leg l : next) if (l.meta != null) metas.add(l.meta);
        return new Change(next, members, stale, metas);
    }

    /**
     * A full sync is recorded as a stale image with every region dirty, so it is checkpointed as any recovery is:
     * the sweep clears the bits of regions every leg holds, and after a crash the image recovers only the regions
     * still dirty, from an in-sync image (never a source itself while stale). Call before the record is persisted,
     * with no I/O running (at start, or while suspended).
     */
    static void recordFullSyncs(Leg[] legs, WriteIntentLog log) {
        List<String> stale = new ArrayList<>(log.stale());
        boolean any = false;
        for (Leg l : legs) {
            if (l.job != Leg.Job.SYNC || l.failed || !l.writable || l.image == null) continue;
            if (!stale.contains(l.id)) stale.add(l.id);
            any = true;
        }
        if (!any) return;
        log.dirty().setAll();
        log.setStale(stale);
    }
}
