package ulvm.raid;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import ulvm.bitmap.BitmapRecord;
import ulvm.bitmap.RecordCodec;
import ulvm.bitmap.RecordSlots;
import ulvm.bitmap.RegionSet;
import ulvm.io.BlockDevice;
import ulvm.model.Lv;
import ulvm.model.RaidSegment;
import ulvm.model.Vg;
import ulvm.segtype.RaidType;

/**
 * The write-intent records kept in a raid1 LV's rmeta sub-LVs, read without a running array (offline commands).
 * An rmeta with no valid record (zeroed by lvcreate or when an image is added) means: a new array or a new image,
 * to be synced in full on activation (unless the top LV has status NOTSYNCED).
 */
public final class RaidRecords {
    private RaidRecords() {}

    /** The array's state as its records on disk say; {@code devices}: PV id to its image (null when missing). */
    public static RaidStatus offlineStatus(Vg vg, Lv raidLv, Function<String, BlockDevice> devices) {
        if (!Raid1Layout.isRaid1(raidLv)) {
            RaidSegment r = RaidType.first(raidLv);
            int legs = r == null ? 0 : r.imageLvs().size();
            return new RaidStatus(1, 1, "idle", 0, "A".repeat(legs));
        }
        try {
            RaidSegment seg = Raid1Layout.segment(raidLv);
            List<Raid1Layout.Image> images = Raid1Layout.images(vg, raidLv, devices);
            long regionBytes = Raid1Layout.regionSectors(seg) * 512;
            long count = Raid1Array.regions(raidLv.extents() * vg.extentBytes(), regionBytes);
            List<BlockDevice> metas = new ArrayList<>();
            for (Raid1Layout.Image im : images) if (im.meta() != null) metas.add(im.meta());
            Optional<BitmapRecord> rec = RecordSlots.newest(metas);
            boolean notSynced = raidLv.hasStatus("NOTSYNCED");
            StringBuilder health = new StringBuilder();
            if (rec.isEmpty()) {
                // never started: the first image is the initial sync's source (a linear LV's data when converted)
                boolean source = true;
                for (Raid1Layout.Image im : images) {
                    health.append(im.image() == null ? 'D' : notSynced || source && im.writable() ? 'A' : 'a');
                    if (im.image() != null && im.writable()) source = false;
                }
                return new RaidStatus(count, notSynced ? count : 0, "idle", 0, health.toString());
            }
            BitmapRecord r = rec.get();
            boolean sameRegions = r.regionSectors() * 512 == regionBytes;
            RegionSet lacking = new RegionSet(count);
            boolean first = true;
            for (Raid1Layout.Image im : images) {
                char h = 'A';
                if (im.image() == null) h = 'D';
                else if (!im.writable()) h = 'a';
                else if (r.stale().contains(im.id()) && sameRegions) { // failed while running: lacks the dirty regions
                    lacking.addAll(r.dirty());
                    h = 'a';
                } else if (!r.members().contains(im.id()) || !sameRegions) {
                    lacking.setAll();
                    h = first ? 'A' : 'a';
                } else if (im.id().equals(r.trackedId())) {
                    lacking.addAll(r.trackedRegions());
                    lacking.addAll(r.dirty());
                    h = 'a';
                } else if (!first) {
                    lacking.addAll(r.dirty());
                }
                if (count > r.regionCount() && !notSynced) lacking.setRange(r.regionCount(), count);
                if (im.image() != null && im.writable() && !r.stale().contains(im.id())) first = false;
                health.append(h);
            }
            return new RaidStatus(count, count - lacking.cardinality(), "idle", 0, health.toString());
        } catch (IOException e) {
            return new RaidStatus(1, 0, "idle", 0, "");
        }
    }

    /**
     * lvchange --resync of an inactive raid1 LV: its next activation syncs every image in full from one, the first
     * image that holds the array's data (a member of the newest record that is not a tracked split image; without a
     * record, the first present image, as a new array). Written as a record naming that image the only member: the
     * others are synced as new images are. The caller refuses arrays that track a split image.
     */
    public static void resetForResync(Vg vg, Lv raidLv, Function<String, BlockDevice> devices) throws IOException {
        RaidSegment seg = Raid1Layout.segment(raidLv);
        List<Raid1Layout.Image> images = Raid1Layout.images(vg, raidLv, devices);
        long regionSectors = Raid1Layout.regionSectors(seg);
        long count = Raid1Array.regions(raidLv.extents() * vg.extentBytes(), regionSectors * 512);
        List<BlockDevice> metas = new ArrayList<>();
        for (Raid1Layout.Image im : images) if (im.meta() != null) metas.add(im.meta());
        Optional<BitmapRecord> rec = RecordSlots.newest(metas);
        String source = null;
        for (Raid1Layout.Image im : images) {
            if (source != null || im.image() == null || !im.writable()) continue;
            if (rec.isEmpty() || rec.get().members().contains(im.id()) && !im.id().equals(rec.get().trackedId())) source = im.id();
        }
        if (source == null) throw new IOException(raidLv.name() + ": no image holds the array's data");
        RegionSet dirty = new RegionSet(count);
        dirty.setAll();
        long seq = rec.map(BitmapRecord::seq).orElse(0L) + 1;
        byte[] b = RecordCodec.encode(new BitmapRecord(seq, regionSectors, count, List.of(source), null, dirty, new RegionSet(count)));
        for (BlockDevice m : metas) RecordSlots.write(m, seq, b);
    }
}
