package ulvm.report;

import java.util.ArrayList;
import java.util.List;
import ulvm.api.LvmException;
import ulvm.model.Lv;

/** lvscan, vgscan, pvscan and lvmdiskscan in LVM2 2.03.16's layout (tools/lvscan.c, pvscan.c, lvmdiskscan.c). */
public final class Scans {
    /** LVM2 keeps a "#orphans_lvm2" VG in its cache: pvscan pads VG names to at least its length. */
    private static final int ORPHAN_VG_NAME = "#orphans_lvm2".length();

    private Scans() {}

    /** lvscan [-a]: one line per LV, VGs by name, visible LVs first (with -a the hidden ones after). */
    public static List<String> lvscan(Source src, boolean all, ReportOptions o) {
        List<String> out = new ArrayList<>();
        List<VgFacts> vgs = new ArrayList<>(Reports.facts(src));
        vgs.sort(java.util.Comparator.comparing(f -> f.vg.name())); // process_each_lv: VGs by name
        for (VgFacts f : vgs) {
            for (Lv lv : f.listed(all)) {
                boolean active = f.isCow(lv) ? SnapState.activeValid(f, lv, o.activity) : o.activity.active(f.vg.name(), lv);
                String role = f.isOrigin(lv) ? "Original" : f.isCow(lv) ? "Snapshot" : "        ";
                String alloc = lv.allocationPolicy() == null ? "inherit" : lv.allocationPolicy();
                out.add("  " + (active ? "ACTIVE   " : "inactive ") + role + " '/dev/" + f.vg.name() + "/" + lv.name() + "' ["
                        + o.units.shortForm(lv.extents() * f.vg.extentSize()) + "] " + alloc);
            }
        }
        return out;
    }

    /** vgscan: one line per VG, by name. */
    public static List<String> vgscan(Source src) {
        List<String> out = new ArrayList<>();
        List<Source.VgEntry> vgs = new ArrayList<>(src.vgs());
        vgs.sort(java.util.Comparator.comparing(e -> e.vg().name()));
        for (Source.VgEntry e : vgs)
            out.add("  Found " + (e.vg().status().contains("EXPORTED") ? "exported " : "") + "volume group \"" + e.vg().name()
                    + "\" using metadata type lvm2");
        return out;
    }

    /** What pvscan lists: every PV, those of exported VGs only, or the orphans only. */
    public enum PvFilter { ALL, EXPORTED, ORPHANS }

    /** pvscan [-s] [-u] [-e|-n]: one line per PV, then the totals. */
    public static List<String> pvscan(Source src, PvFilter filter, boolean brief, boolean uuids, ReportOptions o) throws LvmException {
        List<PvRef> refs = Reports.pvRefs(src);
        int pvLen = 0, vgLen = ORPHAN_VG_NAME;
        for (PvRef p : refs) {
            pvLen = Math.max(pvLen, p.name().length());
            vgLen = Math.max(vgLen, p.vgName().length());
        }
        pvLen += 2;
        vgLen += 2;
        List<String> out = new ArrayList<>();
        int found = 0, orphans = 0;
        long total = 0, inNoVg = 0;
        Units u = o.units;
        for (PvRef p : refs) {
            boolean exported = !p.orphan() && p.vg().vg().status().contains("EXPORTED");
            if (filter == PvFilter.EXPORTED && !exported || filter == PvFilter.ORPHANS && !p.orphan()) continue;
            found++;
            long size = p.orphan() ? p.size() : p.peCount() * p.vg().vg().extentSize();
            total += size;
            if (p.orphan()) {
                orphans++;
                inNoVg += size;
            }
            if (brief) {
                out.add("  " + p.name());
                continue;
            }
            String name = p.name();
            int width = pvLen;
            if (uuids) {
                name = String.format("%-" + (pvLen - 2) + "s with UUID %s", name, p.uuidDashes());
                width += 50;
            }
            long free = (p.peCount() - p.allocated()) * (p.orphan() ? 0 : p.vg().vg().extentSize());
            if (p.orphan())
                out.add(String.format("  PV %-" + width + "s    %-" + vgLen + "s lvm2 [%s]", name, " ", u.shortForm(size)));
            else if (exported)
                out.add(String.format("  PV %-" + width + "s  is in exported VG %s [%s / %s free]", name, p.vgName(), u.shortForm(size), u.shortForm(free)));
            else
                out.add(String.format("  PV %-" + width + "s VG %-" + vgLen + "s lvm2 [%s / %s free]", name, p.vgName(), u.shortForm(size), u.shortForm(free)));
        }
        if (found == 0) out.add("  No matching physical volumes found");
        else
            out.add("  Total: " + found + " [" + u.shortForm(total) + "] / in use: " + (found - orphans) + " [" + u.shortForm(total - inNoVg)
                    + "] / in no VG: " + orphans + " [" + u.shortForm(inNoVg) + "]");
        return out;
    }

    /** lvmdiskscan [-l]: the PV devices with their sizes, then the counts (an image's name ends in a letter: a whole disk). */
    public static List<String> lvmdiskscan(Source src, boolean onlyPvs, ReportOptions o) throws LvmException {
        List<PvRef> refs = Reports.pvRefs(src);
        int len = 0;
        for (PvRef p : refs) if (p.dev() != null) len = Math.max(len, p.name().length());
        List<String> out = new ArrayList<>();
        int disks = 0, parts = 0;
        for (PvRef p : refs) {
            if (p.dev() == null) continue;
            out.add(String.format("  %-" + Math.max(1, len) + "s [%15s] LVM physical volume", p.name(), o.units.shortForm(p.devSize())));
            if (Character.isDigit(p.name().charAt(p.name().length() - 1))) parts++;
            else disks++;
        }
        if (!onlyPvs) {
            out.add("  0 disks");
            out.add("  0 partitions");
        }
        out.add("  " + disks + " LVM physical volume whole disk" + (disks == 1 ? "" : "s"));
        out.add("  " + parts + " LVM physical volume" + (parts == 1 ? "" : "s"));
        return out;
    }
}
