package ulvm.move;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static ulvm.move.MoveVgs.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import ulvm.alloc.Policy;
import ulvm.alloc.PvRange;
import ulvm.api.LvmException;
import ulvm.model.Area;
import ulvm.model.Lv;
import ulvm.model.MirrorSegment;
import ulvm.model.Segment;
import ulvm.model.StripedSegment;
import ulvm.model.Vg;

/** pvmove0 construction: the verified allocation examples of the spec (§2.3), range splits, atomic, metadata. */
class MoveSetupTest {
    static final List<String> L = List.of("pv1", "pv2", "pv3");

    static Vg build(Vg vg, Policy p) throws LvmException { return MoveSetup.build(vg, req("pv0", List.of(), L, p, false), x -> { }); }

    static String fails(Vg vg, Policy p) {
        return assertThrows(LvmException.class, () -> build(vg, p)).getMessage().split("\n")[0];
    }

    /** A and B: x on pv1:2-4, so pv1 has [0-1] and [5-14] free. */
    static Vg ab(long aLen) {
        Vg vg = linear(vg(20, 15, 15, 15), "x", "pv1", 2, 3);
        return linear(vg, "a", "pv0", 0, aLen);
    }

    /** C: x on pv1:6-14 (free [0-5]); a(5) and b(3) on pv0. */
    static Vg c() {
        Vg vg = linear(vg(20, 15, 15, 15), "x", "pv1", 6, 9);
        return linear(linear(vg, "a", "pv0", 0, 5), "b", "pv0", 5, 3);
    }

    @Test
    void theSpecsAllocationExamples() throws Exception {
        assertEquals("pv1:5-9", dests(build(ab(5), Policy.NORMAL)), "A");
        assertEquals("pv1:0-1", dests(build(ab(2), Policy.NORMAL)), "B");
        assertEquals("pv1:0-4 pv1:5-5 pv2:0-1", dests(build(c(), Policy.NORMAL)), "C normal");
        assertEquals("pv1:0-4 pv1:5-5 pv2:0-1", dests(build(c(), Policy.ANYWHERE)), "C anywhere");
        assertEquals("Insufficient suitable contiguous allocatable extents for logical volume : 3 more required", fails(c(), Policy.CONTIGUOUS));
        assertEquals("Insufficient suitable allocatable extents for logical volume : 2 more required", fails(c(), Policy.CLING));
        // D: pv1 free [0-4] and [10-14], pv2 and pv3 full
        Vg d = linear(vg(20, 15, 15, 15), "x", "pv1", 5, 5, "pv2", 0, 15, "pv3", 0, 15);
        d = linear(d, "a", "pv0", 0, 8);
        assertEquals("pv1:0-4 pv1:10-12", dests(build(d, Policy.NORMAL)), "D");
        assertEquals("Insufficient suitable contiguous allocatable extents for logical volume : 8 more required", fails(d, Policy.CONTIGUOUS));
        // K: pv1 free [0-5] and [10-11]
        Vg k = linear(vg(20, 15, 15, 15), "x", "pv1", 6, 4, "pv1", 12, 3, "pv2", 0, 15, "pv3", 0, 15);
        k = linear(linear(k, "a", "pv0", 0, 5), "b", "pv0", 5, 3);
        assertEquals("pv1:0-4 pv1:10-11 pv1:5-5", dests(build(k, Policy.NORMAL)), "K");
        // destinations with ranges: a tie goes to the first in argument order
        Vg r = linear(vg(20, 15, 15, 15), "a", "pv0", 0, 4);
        MoveSetup.Request q = new MoveSetup.Request("pv0", List.of(), List.of("pv2", "pv1"),
                Map.of("pv2", List.of(new PvRange("pv2", 10, 15)), "pv1", List.of(new PvRange("pv1", 3, 7))), null, Policy.NORMAL, false, 1L, "h");
        assertEquals("pv2:10-13", dests(MoveSetup.build(r, q, x -> { })));
        // anywhere: the source itself, by range
        Vg w = linear(vg(20), "a", "pv0", 0, 3);
        MoveSetup.Request aw = new MoveSetup.Request("pv0", List.of(), List.of("pv0"),
                Map.of("pv0", List.of(new PvRange("pv0", 0, 3), new PvRange("pv0", 5, 8))), null, Policy.ANYWHERE, false, 1L, "h");
        assertEquals("pv0:5-7", dests(MoveSetup.build(w, aw, x -> { })));
    }

    @Test
    void aStripeNeverMovesOntoAnotherStripesPv() throws Exception {
        // M-like: a(2) on pv0, s striped over pv0/pv1, c(2) on pv0; the stripe may not go to pv1
        Vg vg = linear(vg(20, 15, 15), "a", "pv0", 0, 2);
        vg = striped(vg, "s", 2, "pv0", 2, "pv1", 0);
        vg = linear(vg, "c", "pv0", 4, 2);
        Vg out = MoveSetup.build(vg, req("pv0", List.of(), List.of("pv1", "pv2"), Policy.NORMAL, false), x -> { });
        assertEquals("pv1:2-3 pv2:0-1 pv1:4-5", dests(out));
        StripedSegment s = (StripedSegment) out.lv("s").orElseThrow().segments().get(0);
        assertEquals(List.of(new Area.OnLv("pvmove0", 2), new Area.OnPv("pv1", 0)), s.stripes());
    }

    @Test
    void metadataAsLvm2RecordsIt() throws Exception {
        Vg out = build(c(), Policy.NORMAL);
        Lv mv = out.lv("pvmove0").orElseThrow();
        assertEquals(List.of("READ", "WRITE", "PVMOVE", "LOCKED"), mv.status());
        assertEquals("contiguous", mv.allocationPolicy());
        assertEquals("pvmove0", out.lvs().get(out.lvs().size() - 1).name());
        for (Segment s : mv.segments()) {
            MirrorSegment m = (MirrorSegment) s;
            assertEquals(0L, m.extentsMoved());
            assertEquals(4096, m.regionSize());
        }
        assertEquals(List.of("READ", "WRITE", "VISIBLE", "LOCKED"), out.lv("a").orElseThrow().status());
        assertEquals(List.of("READ", "WRITE", "VISIBLE"), out.lv("x").orElseThrow().status());
        // b was split 1+2 at the allocated pieces, each part on its own pvmove0 segment
        List<Segment> b = out.lv("b").orElseThrow().segments();
        assertEquals(2, b.size());
        assertEquals(new Area.OnLv("pvmove0", 5), b.get(0).areas().get(0));
        assertEquals(new Area.OnLv("pvmove0", 6), b.get(1).areas().get(0));
        assertEquals(1, b.get(0).count());
        // region size shrinks for a small move: 1 extent of 1 MiB = 2048 sectors
        Vg small = linear(vg(20, 15), "a", "pv0", 0, 1);
        small = new Vg("vg", "id", 1, List.of(), List.of(), 2048, 0, 0, 0, List.of(), small.pvs(), small.lvs());
        Vg o = MoveSetup.build(small, req("pv0", List.of(), List.of("pv1"), Policy.NORMAL, false), x -> { });
        assertEquals(2048, ((MirrorSegment) o.lv("pvmove0").orElseThrow().segments().get(0)).regionSize());
    }

    @Test
    void rangesSplitTheLvsTheyCut() throws Exception {
        // a 3-stripe LV, 3 extents per stripe on pv1..pv3; pvmove pv2:1-1
        Vg vg = striped(vg(15, 15, 15, 15, 15), "s", 3, "pv1", 0, "pv2", 0, "pv3", 0);
        Vg out = MoveSetup.build(vg, req("pv2", List.of(new PvRange("pv2", 1, 2)), List.of("pv0", "pv4"), Policy.NORMAL, false), x -> { });
        List<Segment> segs = out.lv("s").orElseThrow().segments();
        assertEquals(3, segs.size());
        assertEquals(List.of(new Area.OnPv("pv1", 1), new Area.OnLv("pvmove0", 0), new Area.OnPv("pv3", 1)), segs.get(1).areas());
        assertEquals(1, out.lv("pvmove0").orElseThrow().segments().size());
        // a range spanning two LVs works in ulvm (LVM2's "Referenced LV pvmove0 not listed" bug is not reproduced)
        Vg two = linear(vg(10, 10), "a", "pv0", 0, 3);
        two = linear(two, "b", "pv0", 3, 3);
        Vg o2 = MoveSetup.build(two, req("pv0", List.of(new PvRange("pv0", 2, 4)), List.of("pv1"), Policy.NORMAL, false), x -> { });
        assertEquals(2, o2.lv("a").orElseThrow().segments().size());
        assertEquals(2, o2.lv("b").orElseThrow().segments().size());
        assertEquals("pv1:0-0 pv1:1-1", dests(o2));
    }

    @Test
    void refusals() {
        Vg vg = linear(vg(10, 10), "a", "pv0", 0, 3);
        Vg locked = vg.withLv(vg.lv("a").orElseThrow().withStatusFlag("LOCKED", true));
        List<String> said = new ArrayList<>();
        LvmException e = assertThrows(LvmException.class, () -> MoveSetup.build(locked, req("pv0", List.of(), List.of("pv1"), Policy.NORMAL, false), said::add));
        assertEquals(List.of("Skipping locked LV vg/a."), said);
        assertEquals("All data on source PV skipped. It contains locked, hidden or non-top level LVs only.\nNo data to move for vg.", e.getMessage());
        e = assertThrows(LvmException.class, () -> MoveSetup.build(vg, req("pv0", List.of(new PvRange("pv0", 5, 6)), List.of("pv1"), Policy.NORMAL, false), x -> { }));
        assertEquals("No data to move for vg.", e.getMessage());
        Vg full = linear(vg, "f", "pv1", 0, 9);
        e = assertThrows(LvmException.class, () -> MoveSetup.build(full, req("pv0", List.of(), List.of("pv1"), Policy.NORMAL, false), x -> { }));
        assertTrue(e.getMessage().startsWith("Insufficient free space: 3 extents needed, but only 1 available\nUnable to allocate mirror extents for vg/pvmove0."), e.getMessage());
    }

    @Test
    void atomicKeepsOneMirrorSegmentOverTwoImages() throws Exception {
        Vg out = MoveSetup.build(c(), req("pv0", List.of(), L, Policy.NORMAL, true), x -> { });
        Lv mv = out.lv("pvmove0").orElseThrow();
        assertEquals(1, mv.segments().size());
        MirrorSegment m = (MirrorSegment) mv.segments().get(0);
        assertEquals(List.of(new Area.OnLv("pvmove0_mimage_0", 0), new Area.OnLv("pvmove0_mimage_1", 0)), m.mirrors());
        assertEquals(8, m.count());
        assertEquals(List.of("pvmove0", "pvmove0_mimage_0", "pvmove0_mimage_1"),
                out.lvs().subList(out.lvs().size() - 3, out.lvs().size()).stream().map(Lv::name).toList());
        List<String> img0 = new ArrayList<>(), img1 = new ArrayList<>();
        for (Segment s : out.lv("pvmove0_mimage_0").orElseThrow().segments()) img0.add(s.areas().get(0) + "+" + s.count());
        for (Segment s : out.lv("pvmove0_mimage_1").orElseThrow().segments()) img1.add(s.areas().get(0) + "+" + s.count());
        assertEquals(List.of("OnPv[pvId=pv0, pe=0]+5", "OnPv[pvId=pv0, pe=5]+1", "OnPv[pvId=pv0, pe=6]+2"), img0);
        assertEquals(List.of("OnPv[pvId=pv1, pe=0]+5", "OnPv[pvId=pv1, pe=5]+1", "OnPv[pvId=pv2, pe=0]+2"), img1);
    }

    @Test
    void rangeParsing() throws Exception {
        List<PvRange> r = new ArrayList<>();
        MoveRanges.parse(":0-1:5-6:8:10+2", "p", 20, "/dev/p", r);
        assertEquals(List.of(new PvRange("p", 0, 2), new PvRange("p", 5, 7), new PvRange("p", 8, 9), new PvRange("p", 10, 12)), r);
        r.clear();
        MoveRanges.parse(":3-:-1", "p", 20, "/dev/p", r);
        assertEquals(List.of(new PvRange("p", 3, 20), new PvRange("p", 0, 2)), r);
        r.clear();
        MoveRanges.parse(":4+0", "p", 20, "/dev/p", r);
        assertEquals(List.of(new PvRange("p", 4, 5)), r);
        assertEquals("Physical extent parsing error at x.", assertThrows(LvmException.class, () -> MoveRanges.parse(":x", "p", 20, "d", new ArrayList<>())).getMessage());
        assertEquals("Physical extent parsing error at :.", assertThrows(LvmException.class, () -> MoveRanges.parse("::", "p", 20, "d", new ArrayList<>())).getMessage());
        assertEquals("PE range error: start extent 3 to end extent 1.", assertThrows(LvmException.class, () -> MoveRanges.parse(":3-1", "p", 20, "d", new ArrayList<>())).getMessage());
        assertEquals("PE range error: start extent 20 to end extent 20.", assertThrows(LvmException.class, () -> MoveRanges.parse(":20", "p", 20, "d", new ArrayList<>())).getMessage());
        assertEquals("Overlapping PE ranges specified (1-1, 1-1) on d.", assertThrows(LvmException.class, () -> MoveRanges.parse(":1:1", "p", 20, "d", new ArrayList<>())).getMessage());
    }
}
