package ulvm.raid;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import ulvm.bitmap.BitmapRecord;
import ulvm.bitmap.RecordSlots;
import ulvm.bitmap.RegionSet;
import ulvm.bitmap.WriteIntentLog;
import ulvm.io.BlockDevice;
import ulvm.model.Lv;
import ulvm.model.RaidLevels;
import ulvm.model.RaidSegment;
import ulvm.model.Vg;
import ulvm.raid.md.MdArray;
import ulvm.raid.md.MdLayout;
import ulvm.raid.md.StripeJournal;
import ulvm.raid.md.WriteIntent;
import ulvm.segtype.RaidType;

/**
 * How an {@link MdRaidArray} starts from metadata and its rmetas' newest record: the layout from the segment, the
 * images present, the members (a missing image leaves them), the dirty bits to resync (all of a new array, and the
 * regions a resize added), the images to rebuild (no members), from the checkpoint the record holds for one of them.
 */
final class MdAssembly {
    private MdAssembly() {}

    /**
     * Starts the array of {@code lv} from its records (see the class comment). Refuses an array that misses more
     * images than its level survives (raid4/5 one, raid6 two, raid10 one per mirror group).
     */
    static MdRaidArray start(Vg vg, Lv lv, Function<String, BlockDevice> devices, RaidSettings settings, Consumer<String> messages)
            throws IOException {
        RaidSegment seg = RaidType.only(lv);
        if (seg == null || !MdRaidArray.handles(lv)) throw new IOException(lv.name() + ": not a raid4/5/6/10 LV");
        String label = vg.name() + "/" + lv.name();
        int n = seg.imageLvs().size();
        MdLayout layout = MdLayout.of(seg.type(), n, RaidType.number(seg, "stripe_size"), RaidLevels.dataCopies(seg.type(), n));
        String[] ids = new String[n];
        String[] names = new String[n];
        List<BlockDevice> images = new ArrayList<>();
        List<BlockDevice> metas = new ArrayList<>();
        BlockDevice[] metaDevs = new BlockDevice[n];
        boolean[] missing = new boolean[n];
        long imageBytes = 0;
        for (int i = 0; i < n; i++) {
            String name = seg.imageLvs().get(i);
            Lv img = vg.lv(name).orElseThrow(() -> new IOException(lv.name() + ": image " + name + " not found"));
            ids[i] = img.id();
            names[i] = img.name();
            imageBytes = img.extents() * vg.extentBytes();
            BlockDevice dev = device(vg, img, devices);
            String metaName = i < seg.metaLvs().size() ? seg.metaLvs().get(i) : null;
            BlockDevice meta = metaName == null ? null : vg.lv(metaName).map(m -> device(vg, m, devices)).orElse(null);
            missing[i] = dev == null || metaName != null && meta == null;
            images.add(missing[i] ? null : dev);
            if (meta != null) metas.add(meta);
            metaDevs[i] = meta;
        }
        if (!RaidLevels.redundant(seg.type(), missing))
            throw new IOException(label + ": too many images missing for " + seg.type());
        long regionSectors = seg.regionSize() > 0 ? seg.regionSize() : Raid1Layout.DEFAULT_REGION_SECTORS;
        long regionBytes = regionSectors * 512;
        long count = (imageBytes / layout.chunkBytes() * layout.chunkBytes() + regionBytes - 1) / regionBytes;
        Optional<BitmapRecord> rec = RecordSlots.newest(metas);
        boolean notSynced = lv.hasStatus("NOTSYNCED");
        RegionSet dirty;
        List<String> members = new ArrayList<>();
        String rebuildId = null;
        RegionSet rebuildLeft = new RegionSet(count);
        if (rec.isEmpty()) { // a new array: every present image is a member, parity computed in the background
            dirty = new RegionSet(count);
            if (!notSynced) dirty.setAll();
            for (int i = 0; i < n; i++) members.add(ids[i]);
        } else {
            BitmapRecord r = rec.get();
            if (r.regionSectors() != regionSectors) {
                dirty = new RegionSet(count);
                dirty.setAll();
            } else {
                dirty = r.dirty().resized(count);
                if (count > r.regionCount() && !notSynced) dirty.setRange(r.regionCount(), count);
            }
            for (int i = 0; i < n; i++) if (r.members().contains(ids[i])) members.add(ids[i]);
            for (int i = 0; i < n; i++)
                if (ids[i].equals(r.trackedId()) && r.regionSectors() == regionSectors) {
                    rebuildId = ids[i];
                    rebuildLeft = r.trackedRegions().resized(count);
                }
        }
        for (int i = 0; i < n; i++) if (images.get(i) == null) members.remove(ids[i]); // lacks whatever is written from now
        RegionSet unsynced = new RegionSet(count);
        unsynced.addAll(dirty);
        WriteIntentLog log = new WriteIntentLog(metas, rec.map(BitmapRecord::seq).orElse(0L), regionSectors, dirty, rebuildLeft, members,
                rebuildId, false);
        long r0 = Raid1Layout.maxRecoveryRate(seg);
        MdArray md = new MdArray(label, layout, images, imageBytes, regionBytes, WriteIntent.of(log), unsynced);
        if (layout.parityImages() > 0) md.useJournal(journal(label, layout, images, metaDevs, count, members, ids, rebuildId, messages));
        MdRaidArray a = new MdRaidArray(lv.id(), label, md, log, ids, names, metaDevs, settings, r0 > 0 ? r0 : settings.rateBytesPerSecond(), messages);
        a.initialSync = rec.isEmpty() && !notSynced;
        int toRebuild = 0;
        for (int i = 0; i < n; i++) {
            if (images.get(i) == null || members.contains(ids[i])) continue;
            long from = ids[i].equals(rebuildId) ? Math.max(0, rebuildLeft.next(0)) * regionBytes : 0;
            if (!ids[i].equals(rebuildId) || rebuildLeft.next(0) < 0) from = 0;
            md.replace(i, images.get(i), from);
            toRebuild++;
        }
        boolean[] lacking = missing.clone();
        for (int i = 0; i < n; i++) lacking[i] |= md.isRebuilding(i);
        if (!RaidLevels.redundant(seg.type(), lacking)) {
            throw new IOException(label + ": " + toRebuild + " images to rebuild and " + (md.degradedImages() - toRebuild)
                    + " missing, more than " + seg.type() + " survives");
        }
        md.onFailure(a::imageFailed);
        md.recordFailuresWith(a::recordFailures);
        log.onMetaFailure(m -> messages.accept(label + ": rmeta " + m.name() + " failed a write"));
        log.persist();
        if (rec.isEmpty()) for (int i = 0; i < n; i++) if (images.get(i) == null) messages.accept(label + ": " + names[i] + " is missing, running degraded");
        a.start();
        return a;
    }

    /**
     * The array's {@link StripeJournal}, what a crash left in it replayed first onto the images whose data the array
     * keeps (members, and the image whose rebuild resumes from its checkpoint); null when the rmetas leave no room.
     */
    private static StripeJournal journal(String label, MdLayout layout, List<BlockDevice> images, BlockDevice[] metaDevs, long count,
                                         List<String> members, String[] ids, String rebuildId, Consumer<String> messages) throws IOException {
        Optional<StripeJournal> j = StripeJournal.of(metaDevs, images, layout.chunkBytes(), count);
        if (j.isEmpty()) {
            messages.accept(label + ": no room in the rmetas for a stripe journal: a crash during a degraded write may lose the missing image's data");
            return null;
        }
        boolean[] trusted = new boolean[ids.length];
        for (int i = 0; i < ids.length; i++) trusted[i] = images.get(i) != null && (members.contains(ids[i]) || ids[i].equals(rebuildId));
        int replayed = j.get().recover(images, trusted);
        if (replayed > 0) messages.accept(label + ": " + replayed + " stripe writes replayed from the journal");
        return j.get();
    }

    static BlockDevice device(Vg vg, Lv sub, Function<String, BlockDevice> devices) {
        try {
            return LinearLvDevice.of(vg, sub, devices);
        } catch (IOException e) {
            return null; // on a missing PV
        }
    }
}
