package ulvm.report;

import java.util.ArrayList;
import java.util.List;
import ulvm.model.Lv;
import ulvm.model.Segment;
import ulvm.model.Vg;
import ulvm.segtype.SegmentType;
import ulvm.segtype.SegmentTypes;

/** lv_attr, vg_attr, pv_attr, lv_role and lv_layout as LVM2 2.03 computes them (lib/metadata/lv.c, vg.c, pv.c). */
final class Attrs {
    private Attrs() {}

    static char policyChar(String policy) {
        if (policy == null) return 'i';
        return switch (policy) {
            case "contiguous" -> 'c';
            case "cling", "cling_by_tags" -> 'l';
            case "normal", "next free" -> 'n';
            case "anywhere" -> 'a';
            case "inherit" -> 'i';
            default -> '-';
        };
    }

    static String policyName(String policy) {
        if (policy == null) return "inherit";
        if (policy.equals("cling_by_tags")) return "cling";
        if (policy.equals("next free")) return "normal";
        return policy;
    }

    static boolean isRaid(Lv lv) { return SegmentTypes.any(lv, SegmentType::raid); }

    static boolean isMirror(Lv lv) { return SegmentTypes.any(lv, SegmentType::mirror); }

    static boolean isVirtual(Lv lv) { return SegmentTypes.any(lv, SegmentType::virtual); }

    static boolean hasUnknown(Lv lv) { return SegmentTypes.any(lv, SegmentType::unknown); }

    static String lvAttr(VgFacts f, Lv lv, LvActivity act) {
        boolean active = RaidState.active(f, lv, act);
        String n = lv.name();
        boolean raidType = isRaid(lv) || f.raidImages.contains(n) || f.raidMetas.contains(n);
        boolean mirrorType = (isMirror(lv) && !f.isPvmove(lv)) || f.mirrorImages.contains(n) || f.mirrorLogs.contains(n);
        char[] c = new char[10];
        if (f.isPvmove(lv)) c[0] = 'p';
        else if (lv.hasStatus("CONVERTING")) c[0] = 'c';
        else if (f.isOrigin(lv)) c[0] = mergingOrigin(f, lv) ? 'O' : 'o';
        else if (f.raidMetas.contains(n) || ThinAttrs.metadata(f, lv)) c[0] = 'e';
        else if (isRaid(lv)) c[0] = lv.hasStatus("NOTSYNCED") ? 'R' : 'r';
        else if (isMirror(lv)) c[0] = lv.hasStatus("NOTSYNCED") ? 'M' : 'm';
        else if (ThinAttrs.volume(f, lv) != 0) c[0] = ThinAttrs.volume(f, lv);
        else if (isVirtual(lv)) c[0] = 'v';
        else if (ThinAttrs.pool(lv)) c[0] = 't';
        else if (ThinAttrs.poolData(f, lv)) c[0] = 'T';
        else if (f.mirrorImages.contains(n)) c[0] = active ? 'i' : 'I';
        else if (f.raidImages.contains(n)) c[0] = (!f.visible(lv) && RaidState.imageInSync(f, lv, act)) ? 'i' : 'I';
        else if (f.mirrorLogs.contains(n)) c[0] = 'l';
        else if (f.isCow(lv)) c[0] = f.cows.get(n).merging() ? 'S' : 's';
        else c[0] = '-';
        if (f.isPvmove(lv)) c[1] = '-';
        else if (lv.hasStatus("WRITE")) c[1] = 'w';
        else if (lv.hasStatus("READ")) c[1] = 'r';
        else c[1] = '-';
        c[2] = policyChar(lv.allocationPolicy());
        if (lv.hasStatus("LOCKED")) c[2] = Character.toUpperCase(c[2]);
        c[3] = lv.hasStatus("FIXED_MINOR") ? 'm' : '-';
        c[4] = active ? 'a' : '-';
        ulvm.snapshot.SnapshotStatus snap = SnapState.status(f, lv, act);
        if (snap != null) c[4] = snap.valid() ? 'a' : 'I';
        c[5] = active && RaidState.open(f, lv, act) ? 'o' : '-';
        Boolean thin = ThinAttrs.activeOpen(f, lv, act);
        if (thin != null) {
            c[4] = thin ? 'a' : '-';
            c[5] = thin ? 'o' : '-';
        }
        if (raidType) c[6] = 'r';
        else if (mirrorType || f.isPvmove(lv)) c[6] = 'm';
        else if (f.isCow(lv) || f.isOrigin(lv)) c[6] = 's';
        else if (ThinAttrs.pool(lv) || ThinAttrs.volume(f, lv) != 0) c[6] = 't';
        else if (hasUnknown(lv)) c[6] = 'u';
        else if (isVirtual(lv)) c[6] = 'v';
        else c[6] = '-';
        c[7] = ThinAttrs.zero(f, lv) ? 'z' : '-';
        c[8] = f.partial.contains(n) ? 'p' : raidType ? RaidState.healthChar(f, lv, act) : '-';
        c[9] = lv.flags().contains("ACTIVATION_SKIP") ? 'k' : '-';
        return new String(c);
    }

    private static boolean mergingOrigin(VgFacts f, Lv lv) {
        for (String cow : f.originCows.getOrDefault(lv.name(), List.of())) if (f.cows.get(cow).merging()) return true;
        return false;
    }

    static String vgAttr(VgFacts f) {
        Vg vg = f.vg;
        char[] c = new char[6];
        c[0] = vg.status().contains("WRITE") || vg.flags().contains("WRITE_LOCKED") ? 'w' : 'r';
        c[1] = vg.status().contains("RESIZEABLE") ? 'z' : '-';
        c[2] = vg.status().contains("EXPORTED") ? 'x' : '-';
        c[3] = f.partialVg() ? 'p' : '-';
        c[4] = policyChar(vgPolicy(vg));
        c[5] = vg.status().contains("CLUSTERED") ? 'c' : vg.shared() ? 's' : '-'; // vg_is_shared: its lock_type
        return new String(c);
    }

    static String vgPolicy(Vg vg) {
        for (var e : vg.extras()) if (e.key().equals("allocation_policy") && e.value() instanceof String s) return s;
        return "normal";
    }

    /** pv_attr; {@code f} null for an orphan. */
    static String pvAttr(VgFacts f, ulvm.model.Pv pv) {
        if (f == null || pv == null) return "---";
        char a = pv.allocatable() ? 'a' : 'u';
        char x = f.vg.status().contains("EXPORTED") ? 'x' : '-';
        char m = f.missing(pv.id()) || pv.missingFlag() ? 'm' : '-';
        return "" + a + x + m;
    }

    static List<String> roles(VgFacts f, Lv lv) {
        List<String> out = new ArrayList<>();
        String n = lv.name();
        boolean pub = (f.visible(lv) || ThinAttrs.mergingSnapshot(lv)) && !ThinAttrs.pool(lv); // a pool is private (lv_layout_and_role)
        out.add(pub ? "public" : "private");
        ThinAttrs.roles(f, lv, out);
        if (f.isPvmove(lv)) out.add("pvmove");
        if (f.raidImages.contains(n)) { out.add("raid"); out.add("image"); }
        if (f.raidMetas.contains(n)) { out.add("raid"); out.add("metadata"); }
        if (f.mirrorImages.contains(n)) { out.add("mirror"); out.add("image"); }
        if (f.mirrorLogs.contains(n)) { out.add("mirror"); out.add("log"); }
        if (f.isOrigin(lv)) {
            out.add("origin");
            out.add("thickorigin");
            if (f.originCows.get(n).size() > 1) out.add("multithickorigin");
        }
        if (f.isCow(lv)) { out.add("snapshot"); out.add("thicksnapshot"); }
        return out;
    }

    static List<String> layout(Lv lv) {
        List<String> out = new ArrayList<>();
        for (Segment s : lv.segments()) {
            for (String x : SegmentTypes.of(s).layout(s)) if (!out.contains(x)) out.add(x);
        }
        if (out.isEmpty()) out.add("unknown");
        return out;
    }

    /** The segment type name as reports print it (striped with one stripe is "linear"). */
    static String segtype(Segment s) { return SegmentTypes.of(s).reportName(s); }
}
