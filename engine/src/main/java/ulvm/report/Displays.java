package ulvm.report;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import ulvm.api.LvmException;
import ulvm.format.Uuid;
import ulvm.model.Area;
import ulvm.model.Lv;
import ulvm.model.Pv;
import ulvm.model.Segment;
import ulvm.model.SnapshotSegment;
import ulvm.segtype.SegmentDisplay;
import ulvm.segtype.SegmentType;
import ulvm.segtype.SegmentTypes;

/**
 * pvdisplay, vgdisplay and lvdisplay in LVM2's layout (lib/display/display.c), for LVs that are inactive
 * unless {@code activity} says otherwise. Lines include LVM2's two-space indent; the "   " lines are
 * LVM2's blank separators.
 */
public final class Displays {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xx");

    private Displays() {}

    /** pvdisplay [-m]: PVs of each VG (metadata order), then orphans. {@code names}: PV paths, empty for all. */
    public static List<String> pvdisplay(Source src, List<String> names, boolean maps, ReportOptions o) throws LvmException {
        List<String> out = new ArrayList<>();
        List<PvRef> refs = Reports.pvRefs(src);
        for (String n : names)
            if (refs.stream().noneMatch(p -> p.name().equals(n))) throw new LvmException("Failed to find physical volume \"" + n + "\".");
        for (PvRef p : refs) {
            if (!names.isEmpty() && !names.contains(p.name())) continue;
            pv(out, p, maps, o.units);
        }
        return out;
    }

    private static void pv(List<String> out, PvRef p, boolean maps, Units u) {
        long extent = p.pv() == null ? 0 : p.vg().vg().extentSize();
        long devSize = p.pv() == null ? p.devSize() : p.pv().devSize();
        if (p.pv() == null) out.add("  \"" + p.name() + "\" is a new physical volume of \"" + u.shortForm(devSize) + "\"");
        out.add("  --- " + (extent == 0 ? "NEW " : "") + "Physical volume ---");
        out.add("  PV Name               " + p.name());
        out.add("  VG Name               " + p.vgName() + (p.vg() != null && p.vg().vg().status().contains("EXPORTED") ? " (exported)" : ""));
        long data = p.peCount() * extent;
        long pvsize, unusable;
        if (devSize > data + p.peStart()) {
            pvsize = devSize;
            unusable = pvsize - data;
        } else {
            pvsize = data + p.peStart();
            unusable = pvsize - devSize;
        }
        if (data != 0) out.add("  PV Size               " + u.shortForm(pvsize) + " / not usable " + u.shortForm(unusable));
        else out.add("  PV Size               " + u.shortForm(pvsize));
        long free = p.peCount() - p.allocated();
        if (p.peCount() > 0 && p.allocatable()) out.add("  Allocatable           yes " + (free == 0 ? "(but full)" : ""));
        else out.add("  Allocatable           NO");
        out.add("  PE Size               " + u.shortForm(extent));
        out.add("  Total PE              " + p.peCount());
        out.add("  Free PE               " + free);
        out.add("  Allocated PE          " + p.allocated());
        out.add("  PV UUID               " + p.uuidDashes());
        out.add("   ");
        if (!maps) return;
        if (extent != 0) {
            out.add("  --- Physical Segments ---");
            for (PvSeg s : p.vg().pvSegments(p.pv())) {
                out.add("  Physical extent " + s.pe() + " to " + (s.pe() + s.len() - 1) + ":");
                if (s.free()) out.add("    FREE");
                else {
                    out.add("    Logical volume\t/dev/" + p.vgName() + "/" + s.lv().name());
                    out.add("    Logical extents\t" + s.seg().start() + " to " + (s.seg().end() - 1));
                }
            }
        }
        out.add("   ");
    }

    /** vgdisplay [-v]; {@code names}: VG names, empty for all. */
    public static List<String> vgdisplay(Source src, List<String> names, boolean verbose, ReportOptions o) throws LvmException {
        List<String> out = new ArrayList<>();
        for (String n : names) if (src.vgs().stream().noneMatch(v -> v.vg().name().equals(n))) throw new LvmException("Volume group \"" + n + "\" not found");
        for (VgFacts f : Reports.facts(src)) {
            if (!names.isEmpty() && !names.contains(f.vg.name())) continue;
            vg(out, f, o);
            if (!verbose) continue;
            for (Lv lv : f.vg.lvs()) if (f.visible(lv)) lv(out, f, lv, false, o);
            out.add("  --- Physical volumes ---");
            for (Pv p : f.vg.pvs()) {
                out.add("  PV Name               " + f.pvName(p.id()) + "     ");
                out.add("  PV UUID               " + Uuid.withDashes(p.id()));
                out.add("  PV Status             " + (p.allocatable() ? "" : "NOT ") + "allocatable");
                out.add("  Total PE / Free PE    " + p.peCount() + " / " + (p.peCount() - f.allocated(p)));
                out.add("   ");
            }
        }
        return out;
    }

    /** vgdisplay -s. */
    public static List<String> vgdisplayShort(Source src, List<String> names, ReportOptions o) {
        List<String> out = new ArrayList<>();
        for (VgFacts f : Reports.facts(src)) {
            if (!names.isEmpty() && !names.contains(f.vg.name())) continue;
            long e = f.vg.extentSize();
            long alloc = f.allocatedExtents();
            out.add(String.format("  \"%s\" %-9s [%-9s used / %s free]", f.vg.name(), o.units.shortForm(f.vg.totalExtents() * e),
                    o.units.shortForm(alloc * e), o.units.shortForm((f.vg.totalExtents() - alloc) * e)));
        }
        return out;
    }

    private static void vg(List<String> out, VgFacts f, ReportOptions o) {
        var vg = f.vg;
        Units u = o.units;
        long missing = VgFields.missingCount(f);
        long open = 0;
        for (Lv lv : vg.lvs()) if (o.activity.active(vg.name(), lv) && o.activity.open(vg.name(), lv)) open++;
        boolean r = vg.status().contains("READ"), w = vg.status().contains("WRITE");
        long alloc = f.allocatedExtents();
        out.add("  --- Volume group ---");
        out.add("  VG Name               " + vg.name());
        out.add("  System ID             " + VgFields.extra(vg, "system_id"));
        out.add("  Format                lvm2");
        out.add("  Metadata Areas        " + VgFields.mdaCount(f));
        out.add("  Metadata Sequence No  " + vg.seqno());
        out.add("  VG Access             " + (r && w ? "read/write" : r ? "read" : w ? "write" : "error"));
        out.add("  VG Status             " + (vg.status().contains("EXPORTED") ? "exported/" : "") + (vg.status().contains("RESIZEABLE") ? "" : "NOT ") + "resizable");
        if (vg.status().contains("CLUSTERED")) {
            out.add("  Clustered             yes");
            out.add("  Shared                " + (vg.status().contains("SHARED") ? "yes" : "no"));
        }
        out.add("  MAX LV                " + vg.maxLv());
        out.add("  Cur LV                " + f.visibleCount());
        out.add("  Open LV               " + open);
        out.add("  Max PV                " + vg.maxPv());
        out.add("  Cur PV                " + vg.pvs().size());
        out.add("  Act PV                " + (vg.pvs().size() - missing));
        out.add("  VG Size               " + u.shortForm(vg.totalExtents() * vg.extentSize()));
        out.add("  PE Size               " + u.shortForm(vg.extentSize()));
        out.add("  Total PE              " + vg.totalExtents());
        out.add("  Alloc PE / Size       " + alloc + " / " + u.shortForm(alloc * vg.extentSize()));
        out.add("  Free  PE / Size       " + (vg.totalExtents() - alloc) + " / " + u.shortForm((vg.totalExtents() - alloc) * vg.extentSize()));
        out.add("  VG UUID               " + Uuid.withDashes(vg.id()));
        out.add("   ");
    }

    /**
     * lvdisplay [-a] [-m]. {@code names}: VG or VG/LV names, empty for all. Visible LVs (or with -a every LV
     * but the internal snapshotN ones), in metadata order.
     */
    public static List<String> lvdisplay(Source src, List<String> names, boolean all, boolean maps, ReportOptions o) throws LvmException {
        List<String> out = new ArrayList<>();
        for (VgFacts f : Reports.facts(src)) {
            for (Lv lv : f.listed(all || names.stream().anyMatch(n -> n.contains("/")))) {
                if (!names.isEmpty() && !matches(f, lv, names, all)) continue;
                lv(out, f, lv, maps, o);
            }
        }
        return out;
    }

    private static boolean matches(VgFacts f, Lv lv, List<String> names, boolean all) {
        for (String n : names) {
            String m = ulvm.api.DevPaths.strip(n);
            if (m.equals(f.vg.name()) && (all || f.visible(lv))) return true;
            if (m.equals(f.vg.name() + "/" + lv.name())) return all || f.visible(lv); // _lvdisplay_single skips hidden LVs without -a
        }
        return false;
    }

    private static void lv(List<String> out, VgFacts f, Lv lv, boolean maps, ReportOptions o) {
        Units u = o.units;
        String vgName = f.vg.name();
        boolean active = o.activity.active(vgName, lv) || SnapState.status(f, lv, o.activity) != null;
        out.add("  --- Logical volume ---");
        if (f.visible(lv)) {
            if (ulvm.segtype.ThinPoolType.of(lv) == null) out.add("  LV Path                /dev/" + vgName + "/" + lv.name()); // a pool has no link
            out.add("  LV Name                " + lv.name());
        } else out.add("  Internal LV Name       " + lv.name());
        out.add("  VG Name                " + vgName);
        out.add("  LV UUID                " + Uuid.withDashes(lv.id()));
        out.add("  LV Write Access        " + (lv.hasStatus("WRITE") ? "read/write" : "read only"));
        String time = lv.creationTime() == null ? "" : TIME.format(Instant.ofEpochSecond(lv.creationTime()).atZone(o.zone));
        out.add("  LV Creation host, time " + (lv.creationHost() == null ? "" : lv.creationHost()) + ", " + time);
        SnapshotSegment snap = f.cows.get(lv.name());
        if (f.isOrigin(lv)) {
            out.add("  LV snapshot status     source of");
            for (String cow : f.originCows.get(lv.name())) {
                Lv c = f.byName.get(cow);
                boolean on = c != null && SnapState.activeValid(f, c, o.activity);
                out.add("                         " + cow + " [" + (on ? "active" : "INACTIVE") + "]");
            }
        } else if (snap != null) {
            out.add("  LV snapshot status     " + (SnapState.activeValid(f, lv, o.activity) ? "active" : "INACTIVE") + " destination for " + snap.origin());
        }
        ThinFields.display(out, f, lv);
        out.add("  LV Status              " + (active ? "" : "NOT ") + "available" + (f.partial.contains(lv.name()) ? " (partial)" : ""));
        if (active) out.add("  # open                 " + (o.activity.open(vgName, lv) ? 1 : 0));
        Lv origin = snap == null ? null : f.byName.get(snap.origin());
        long e = f.vg.extentSize();
        out.add("  LV Size                " + u.shortForm((origin != null ? origin : lv).extents() * e));
        out.add("  Current LE             " + (origin != null ? origin : lv).extents());
        if (snap != null) {
            out.add("  COW-table size         " + u.shortForm(lv.extents() * e));
            out.add("  COW-table LE           " + lv.extents());
            if (SnapState.activeValid(f, lv, o.activity))
                out.add("  Allocated to snapshot  " + String.format(java.util.Locale.ROOT, "%.2f", SnapState.percent(SnapState.status(f, lv, o.activity))) + "%");
            out.add("  Snapshot chunk size    " + u.shortForm(snap.chunkSize()));
        }
        if (!lv.segments().isEmpty()) {
            Segment first = lv.segments().get(0);
            long mirrored = SegmentTypes.of(first).mirroredVolumes(first);
            if (mirrored >= 0) out.add("  Mirrored volumes       " + mirrored);
        }
        out.add("  Segments               " + lv.segments().size());
        out.add("  Allocation             " + Attrs.policyName(lv.allocationPolicy()));
        String ra = LvFields.extra(lv, "read_ahead");
        out.add("  Read ahead sectors     " + (ra == null || ra.equals("-1") ? "auto" : ra));
        if (lv.hasStatus("FIXED_MINOR")) {
            String maj = LvFields.extra(lv, "major");
            if (maj != null && Long.parseLong(maj) >= 0) out.add("  Persistent major       " + maj);
            out.add("  Persistent minor       " + LvFields.extra(lv, "minor"));
        }
        out.add("   ");
        if (maps) segments(out, f, lv, active, u);
    }

    private static void segments(List<String> out, VgFacts f, Lv lv, boolean active, Units u) {
        out.add("  --- Segments ---");
        for (Segment s : lv.segments()) {
            out.add("  " + (Attrs.isVirtual(lv) ? "Virtual" : "Logical") + " extents " + s.start() + " to " + (s.end() - 1) + ":");
            out.add("    Type\t\t" + Attrs.segtype(s));
            SegmentType t = SegmentTypes.of(s);
            if (t.monitored()) out.add("    Monitoring\t\t" + (f.isPvmove(lv) || active || !t.monitorable() ? "not monitored" : ""));
            t.display(s, new SegmentDisplay() {
                @Override public void line(String text) { out.add(text); }

                @Override public void area(Area a, String indent) { stripe(out, f, s, a, indent); }

                @Override public String size(long sectors) { return u.shortForm(sectors); }

                @Override public ulvm.model.Vg vg() { return f.vg; }
            });
        }
        out.add("   ");
    }

    private static void stripe(List<String> out, VgFacts f, Segment s, Area a, String pre) {
        if (a instanceof Area.OnPv p) {
            out.add(pre + "Physical volume\t" + f.pvName(p.pvId()));
            out.add(pre + "Physical extents\t" + p.pe() + " to " + (p.pe() + s.areaLength() - 1));
        } else if (a instanceof Area.OnLv l) {
            out.add(pre + "Logical volume\t" + l.lv());
            out.add(pre + "Logical extents\t" + l.le() + " to " + (l.le() + s.areaLength() - 1));
        }
    }
}
