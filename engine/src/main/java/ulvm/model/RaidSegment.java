package ulvm.model;

import java.util.ArrayList;
import java.util.List;

/**
 * type = "raid1" and the other raid levels ({@link RaidLevels}). {@code metaLvs} holds null where an image has no
 * rmeta. {@code extras} keeps keys this model does not interpret (writebehind, recovery rates, ...).
 */
public record RaidSegment(String type, long start, long count, long regionSize, List<String> metaLvs, List<String> imageLvs,
                          List<Section.Entry> extras) implements Segment {
    public RaidSegment {
        metaLvs = java.util.Collections.unmodifiableList(new ArrayList<>(metaLvs));
        imageLvs = List.copyOf(imageLvs);
        extras = List.copyOf(extras);
    }

    @Override public List<Area> areas() {
        List<Area> out = new ArrayList<>();
        for (String img : imageLvs) out.add(new Area.OnLv(img, 0));
        return out;
    }

    /** LVM2's area_len ({@link RaidLevels#areaLen}). */
    @Override public long areaLength() { return RaidLevels.areaLen(type, count, imageLvs.size()); }

    @Override public Segment withStart(long s) { return new RaidSegment(type, s, count, regionSize, metaLvs, imageLvs, extras); }

    @Override public Segment withAreas(List<Area> areas) { return this; }
}
