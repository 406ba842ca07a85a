package ulvm.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import ulvm.model.Area;
import ulvm.model.Lv;
import ulvm.model.Pv;
import ulvm.model.Segment;
import ulvm.model.SnapshotSegment;
import ulvm.model.Vg;
import ulvm.segtype.SegmentType;
import ulvm.segtype.SegmentTypes;
import ulvm.segtype.SnapshotType;

/** Relations between the LVs and PVs of one VG that LVM2 derives on load (roles, parents, partial, PV segments). */
final class VgFacts {
    static final String UNKNOWN = "[unknown]";
    final Vg vg;
    final Map<String, Device> devices;
    final Map<String, Lv> byName = new LinkedHashMap<>();
    final Map<String, String> parent = new HashMap<>();
    final Set<String> raidImages = new HashSet<>(), raidMetas = new HashSet<>(), mirrorImages = new HashSet<>(), mirrorLogs = new HashSet<>();
    /** COW LV name to the snapshot segment of its internal snapshotN LV. */
    final Map<String, SnapshotSegment> cows = new HashMap<>();
    final Map<String, List<String>> originCows = new LinkedHashMap<>();
    final Set<String> internalSnapshots = new HashSet<>();
    final Set<String> partial = new HashSet<>();
    private final Map<String, List<PvSeg>> pvSegs = new HashMap<>();

    VgFacts(Vg vg, Map<String, Device> devices) {
        this.vg = vg;
        this.devices = devices;
        for (Lv lv : vg.lvs()) byName.put(lv.name(), lv);
        for (Lv lv : vg.lvs()) {
            for (Segment s : lv.segments()) {
                SegmentType t = SegmentTypes.of(s);
                if (t.raid()) {
                    for (String m : t.metaLvs(s)) { raidMetas.add(m); parent.put(m, lv.name()); }
                    for (Area a : s.areas()) { raidImages.add(((Area.OnLv) a).lv()); parent.put(((Area.OnLv) a).lv(), lv.name()); }
                } else if (t.mirror()) {
                    for (Area a : s.areas()) if (a instanceof Area.OnLv l) { mirrorImages.add(l.lv()); parent.put(l.lv(), lv.name()); }
                    for (String log : t.stackedLvs(s)) { mirrorLogs.add(log); parent.put(log, lv.name()); }
                } else if (ulvm.segtype.ThinPoolType.view(s) != null) {
                    parent.put(ulvm.segtype.ThinPoolType.view(s).dataLv(), lv.name());
                    parent.put(ulvm.segtype.ThinPoolType.view(s).metadataLv(), lv.name());
                } else if (t.snapshot()) {
                    SnapshotSegment sn = SnapshotType.view(s);
                    internalSnapshots.add(lv.name());
                    cows.put(sn.cowStore(), sn);
                    originCows.computeIfAbsent(sn.origin(), k -> new ArrayList<>()).add(sn.cowStore());
                }
            }
        }
        computePartial();
    }

    Vg vg() { return vg; }

    boolean missing(String pvId) { return !devices.containsKey(pvId) || vg.pv(pvId).map(Pv::missingFlag).orElse(false); }

    boolean partialVg() {
        for (Pv p : vg.pvs()) if (missing(p.id())) return true;
        return false;
    }

    String pvName(String pvId) {
        Device d = devices.get(pvId);
        return d == null ? UNKNOWN : d.path();
    }

    boolean isCow(Lv lv) { return cows.containsKey(lv.name()); }

    boolean isOrigin(Lv lv) { return originCows.containsKey(lv.name()); }

    boolean isPvmove(Lv lv) { return lv.hasStatus("PVMOVE"); }

    /** LVM2's lv_is_visible, a merging COW listed as its origin: {@link SnapshotType#named}. */
    boolean visible(Lv lv) { return SnapshotType.named(vg, lv); }

    /**
     * The LVs lvs shows: visible ones, or with -a all but the internal snapshotN LVs. Visible LVs come
     * first, as LVM2 writes (and so reads back) its metadata.
     */
    List<Lv> listed(boolean all) {
        List<Lv> out = new ArrayList<>();
        for (Lv lv : vg.lvs()) if (visible(lv)) out.add(lv);
        if (all) for (Lv lv : vg.lvs()) if (!visible(lv) && !internalSnapshots.contains(lv.name())) out.add(lv);
        return out;
    }

    int visibleCount() {
        int n = 0;
        for (Lv lv : vg.lvs()) if (visible(lv)) n++;
        return n;
    }

    private void computePartial() { partial.addAll(ulvm.segtype.PartialLvs.of(vg, this::missing)); }

    /** The used and free extent runs of a PV, by PE. */
    List<PvSeg> pvSegments(Pv pv) {
        return pvSegs.computeIfAbsent(pv.id(), k -> buildPvSegments(pv));
    }

    private List<PvSeg> buildPvSegments(Pv pv) {
        List<PvSeg> used = new ArrayList<>();
        for (Lv lv : vg.lvs()) {
            for (Segment s : lv.segments()) {
                for (Area a : s.areas())
                    if (a instanceof Area.OnPv p && p.pvId().equals(pv.id())) used.add(new PvSeg(p.pe(), s.areaLength(), lv, s));
            }
        }
        used.sort(Comparator.comparingLong(PvSeg::pe));
        List<PvSeg> out = new ArrayList<>();
        long at = 0;
        for (PvSeg u : used) {
            if (u.pe() > at) out.add(new PvSeg(at, u.pe() - at, null, null));
            out.add(u);
            at = Math.max(at, u.pe() + u.len());
        }
        if (at < pv.peCount() || out.isEmpty()) out.add(new PvSeg(at, pv.peCount() - at, null, null));
        return out;
    }

    long allocated(Pv pv) {
        long n = 0;
        for (PvSeg s : pvSegments(pv)) if (!s.free()) n += s.len();
        return n;
    }

    long allocatedExtents() {
        long n = 0;
        for (Pv p : vg.pvs()) n += allocated(p);
        return n;
    }
}
