package ulvm.alloc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import ulvm.model.Area;
import ulvm.model.Lv;
import ulvm.model.Pv;
import ulvm.model.Segment;
import ulvm.model.StripedSegment;
import ulvm.model.Vg;

class AllocatorTest {
    static Vg vg(long... peCounts) {
        List<Pv> pvs = new ArrayList<>();
        for (int i = 0; i < peCounts.length; i++)
            pvs.add(new Pv(("pv" + i + "x").repeat(8).substring(0, 32), null, List.of("ALLOCATABLE"), List.of(), 0, 2048, peCounts[i], List.of()));
        return new Vg("vg", "v".repeat(32), 1, List.of("RESIZEABLE", "READ", "WRITE"), List.of(), 8192, 0, 0, 0, List.of(), pvs, List.of());
    }

    static Vg with(Vg vg, String name, Segment... segs) {
        return vg.withLv(new Lv(name, name.repeat(32).substring(0, 32), List.of("READ", "WRITE", "VISIBLE"), List.of(), List.of(), null, null, null, List.of(), List.of(segs)));
    }

    static String id(Vg vg, int i) { return vg.pvs().get(i).id(); }

    static FreeSpace all(Vg vg) {
        List<String> ids = new ArrayList<>();
        for (Pv p : vg.pvs()) ids.add(p.id());
        return FreeSpace.of(vg, ids);
    }

    @Test
    void linearTakesFirstAreaThatFits() throws Exception {
        Vg v = with(vg(63, 63, 63), "lin", StripedSegment.linear(0, 24, new Area.OnPv(id(vg(63, 63, 63), 0), 0)));
        List<Segment> s = Allocator.allocate(all(v), 0, 3, 1, 0, Policy.NORMAL, null);
        assertEquals(List.of(StripedSegment.linear(0, 3, new Area.OnPv(id(v, 0), 24))), s);
    }

    @Test
    void linearTooBigForOneAreaTakesLargestFirst() throws Exception {
        Vg v0 = vg(63, 63, 63);
        Vg v = with(v0, "a", StripedSegment.linear(0, 24, new Area.OnPv(id(v0, 0), 0)));
        v = with(v, "b", StripedSegment.linear(0, 4, new Area.OnPv(id(v0, 1), 0)));
        v = with(v, "c", StripedSegment.linear(0, 4, new Area.OnPv(id(v0, 2), 0)));
        List<Segment> s = Allocator.allocate(all(v), 0, 70, 1, 0, Policy.NORMAL, null);
        // as real LVM2 did: 59 on the second PV, then 11 on the first
        assertEquals(2, s.size());
        assertEquals(new Area.OnPv(id(v, 1), 4), s.get(0).areas().get(0));
        assertEquals(59, s.get(0).count());
        assertEquals(new Area.OnPv(id(v, 0), 24), s.get(1).areas().get(0));
    }

    @Test
    void stripesNeverShareAPvUnderNormal() throws Exception {
        Vg v = vg(10, 10, 10);
        for (int stripes = 2; stripes <= 3; stripes++) {
            List<Segment> s = Allocator.allocate(all(v), 0, 6L * stripes, stripes, 128, Policy.NORMAL, null);
            for (Segment seg : s) {
                List<String> pvs = new ArrayList<>();
                for (Area a : seg.areas()) pvs.add(((Area.OnPv) a).pvId());
                assertEquals(pvs.size(), pvs.stream().distinct().count());
            }
        }
        assertThrows(AllocationException.class, () -> Allocator.allocate(all(vg(10, 10)), 0, 3, 3, 128, Policy.NORMAL, null));
        List<Segment> any = Allocator.allocate(all(vg(10)), 0, 2, 2, 128, Policy.ANYWHERE, null);
        assertNotEquals(any.get(0).areas().get(0), any.get(0).areas().get(1));
    }

    @Test
    void extensionContinuesAdjacentAndContiguousNeedsOneArea() throws Exception {
        Vg v0 = vg(20, 20);
        Vg v = with(v0, "a", StripedSegment.linear(0, 5, new Area.OnPv(id(v0, 0), 0)));
        List<Segment> s = Allocator.allocate(all(v), 5, 5, 1, 0, Policy.NORMAL, Segments.continuation(v.lv("a").get().segments()));
        assertEquals(new Area.OnPv(id(v, 0), 5), s.get(0).areas().get(0));
        List<Segment> merged = new ArrayList<>(v.lv("a").get().segments());
        merged.addAll(s);
        assertEquals(1, Segments.merge(merged).size());
        Vg blocked = with(v, "b", StripedSegment.linear(0, 1, new Area.OnPv(id(v0, 0), 5)));
        assertThrows(AllocationException.class, () -> Allocator.allocate(all(blocked), 5, 5, 1, 0, Policy.CONTIGUOUS,
                Segments.continuation(blocked.lv("a").get().segments())));
        assertThrows(AllocationException.class, () -> Allocator.allocate(all(vg(10, 10)), 0, 15, 1, 0, Policy.CONTIGUOUS, null));
    }

    @Test
    void peRangesAreHonoured() throws Exception {
        Vg v = vg(63, 63);
        FreeSpace fs = all(v).restrict(List.of(new PvRange(id(v, 1), 10, 12), new PvRange(id(v, 0), 20, 22)));
        List<Segment> s = Allocator.allocate(fs, 0, 4, 1, 0, Policy.NORMAL, null);
        long total = 0;
        for (Segment seg : s) {
            Area.OnPv a = (Area.OnPv) seg.areas().get(0);
            boolean inRange = a.pvId().equals(id(v, 1)) ? a.pe() >= 10 && a.pe() + seg.count() <= 12 : a.pe() >= 20 && a.pe() + seg.count() <= 22;
            assertEquals(true, inRange, seg.toString());
            total += seg.count();
        }
        assertEquals(4, total);
    }
}
