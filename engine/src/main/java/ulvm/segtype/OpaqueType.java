package ulvm.segtype;

import java.util.List;
import ulvm.format.ConfigSection;
import ulvm.model.OpaqueSegment;
import ulvm.model.Section;
import ulvm.model.Segment;

/**
 * A type ulvm keeps but does not map: error and zero (LVM2's SEG_VIRTUAL types, lib/error/errseg.c, lib/zero/zero.c)
 * and any other (thin, cache, raid0, ...: SEG_UNKNOWN). The section is kept byte for byte and written back unchanged.
 */
public final class OpaqueType implements SegmentType {
    private final String name;
    private final boolean virtual;

    OpaqueType(String name, boolean virtual) {
        this.name = name;
        this.virtual = virtual;
    }

    @Override public String name() { return name; }

    @Override public Segment read(ConfigSection s, long start, long count, SegmentText in) {
        return new OpaqueSegment(start, count, name, s, List.of());
    }

    @Override public void write(Segment seg, ConfigSection s, SegmentText.Out out) {
        OpaqueSegment o = (OpaqueSegment) seg;
        for (Section.Entry e : o.raw().entries()) {
            if (e.key().equals("start_extent")) s.put("start_extent", o.start());
            else s.entries().add(e);
        }
    }

    @Override public boolean virtual() { return virtual; }

    @Override public boolean unknown() { return !virtual; }
}
