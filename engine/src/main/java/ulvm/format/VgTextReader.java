package ulvm.format;

import ulvm.model.Section;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import ulvm.model.Area;
import ulvm.model.Lv;
import ulvm.model.Pv;
import ulvm.model.Segment;
import ulvm.model.Vg;
import ulvm.segtype.SegmentText;
import ulvm.segtype.SegmentTypes;

/** Text metadata (a VG section plus contents/version) to the model, with LVM2's consistency checks. */
public final class VgTextReader {
    private static final Set<String> VG_KEYS = Set.of("id", "seqno", "format", "status", "flags", "extent_size", "max_lv", "max_pv", "metadata_copies", "physical_volumes", "logical_volumes");
    private static final Set<String> PV_KEYS = Set.of("id", "device", "status", "flags", "dev_size", "pe_start", "pe_count");
    private static final Set<String> LV_KEYS = Set.of("id", "status", "flags", "tags", "creation_time", "creation_host", "allocation_policy", "segment_count");
    private static final Set<String> VG_STATUS = Set.of("RESIZEABLE", "READ", "WRITE", "EXPORTED", "CLUSTERED", "SHARED", "PARTIAL");
    private static final Set<String> PV_STATUS = Set.of("ALLOCATABLE", "EXPORTED", "MISSING");
    private static final Set<String> LV_STATUS = Set.of("READ", "WRITE", "VISIBLE", "LOCKED", "PVMOVE", "FIXED_MINOR", "NOTSYNCED", "REBUILD", "WRITEMOSTLY", "MERGING", "CONVERTING", "PARTIAL_LV", "LV_WRITEMOSTLY", "LV_REBUILD", "RAID_IMAGE", "MIRROR_IMAGE");
    public static final long MAX_TEXT = 16 << 20;

    private VgTextReader() {}

    public static Vg read(String text, String ctx) throws FormatException {
        if (text.length() > MAX_TEXT) throw new FormatException(ctx + ": metadata text too large.");
        ConfigSection root = ConfigParser.parse(text, ctx);
        if (!"Text Format Volume Group".equals(root.value("contents"))) throw new FormatException(ctx + ": missing contents field.");
        if (!Long.valueOf(1).equals(root.value("version"))) throw new FormatException(ctx + ": unknown metadata version.");
        List<Section.Entry> secs = root.sections();
        if (secs.isEmpty()) throw new FormatException(ctx + ": no volume group section.");
        return readVg(secs.get(0).key(), ConfigSection.of(secs.get(0).section()), ctx);
    }

    /**
     * LVM2's validate_name: [a-zA-Z0-9+_.-], not "." or "..", no leading '-', at most 127 characters. Names from
     * metadata become file names (mount point entries, backup files), so nothing else may pass.
     */
    public static boolean validName(String n) {
        if (n.isEmpty() || n.length() > 127 || n.equals(".") || n.equals("..") || n.charAt(0) == '-') return false;
        for (int i = 0; i < n.length(); i++) {
            char ch = n.charAt(i);
            boolean ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '+' || ch == '_' || ch == '.' || ch == '-';
            if (!ok) return false;
        }
        return true;
    }

    /** A name from hostile metadata made safe to print on one line. */
    static String shown(String n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n.length() && i < 60; i++) {
            char ch = n.charAt(i);
            b.append(ch < 0x20 || ch == 0x7f || (ch >= 0x80 && ch < 0xa0) || ch == '\ufffd' ? '?' : ch);
        }
        return n.length() > 60 ? b + "..." : b.toString();
    }

    static Vg readVg(String name, ConfigSection v, String ctx) throws FormatException {
        if (!validName(name)) throw new FormatException(ctx + ": metadata has invalid VG name \"" + shown(name) + "\".");
        String c = ctx + ": VG " + name;
        String id = v.string("id", c);
        if (!Uuid.valid(id)) throw new FormatException(c + ": invalid id \"" + shown(id) + "\".");
        long seqno = v.number("seqno", c);
        List<String> status = v.strings("status", c);
        for (String s : status) if (!VG_STATUS.contains(s)) throw new FormatException(c + ": Unknown status flag " + shown(s) + ".");
        long extentSize = v.number("extent_size", c);
        if (extentSize <= 0 || extentSize > (1L << 32)) throw new FormatException(c + ": invalid extent_size " + extentSize + ".");
        List<Section.Entry> extras = extras(v, VG_KEYS);
        ConfigSection pvsSec = v.sub("physical_volumes");
        if (pvsSec == null) throw new FormatException(c + ": missing physical_volumes section.");
        Map<String, String> pvKeyToId = new HashMap<>();
        List<Pv> pvs = new ArrayList<>();
        Set<String> pvIds = new HashSet<>();
        for (Section.Entry e : pvsSec.sections()) {
            Pv pv = readPv(e.key(), ConfigSection.of(e.section()), c);
            if (pvKeyToId.containsKey(e.key())) throw new FormatException(c + ": duplicate PV section " + shown(e.key()) + ".");
            if (!pvIds.add(pv.id())) throw new FormatException(c + ": PV id " + Uuid.withDashes(pv.id()) + " appears twice.");
            pvKeyToId.put(e.key(), pv.id());
            pvs.add(pv);
        }
        ConfigSection lvsSec = v.sub("logical_volumes");
        List<Lv> lvs = new ArrayList<>();
        Set<String> lvNames = new HashSet<>();
        if (lvsSec != null) {
            for (Section.Entry e : lvsSec.sections()) {
                if (!validName(e.key())) throw new FormatException(c + ": LV name \"" + shown(e.key()) + "\" has invalid form.");
                if (!lvNames.add(e.key())) throw new FormatException(c + ": LV " + e.key() + " appears twice.");
            }
            for (Section.Entry e : lvsSec.sections()) lvs.add(readLv(e.key(), ConfigSection.of(e.section()), pvKeyToId, lvNames, c));
        }
        Vg vg = new Vg(name, Uuid.strip(id), seqno, status, v.strings("flags", c), extentSize, v.numberOr("max_lv", 0),
                v.numberOr("max_pv", 0), v.numberOr("metadata_copies", 0), extras, pvs, lvs);
        checkExtents(vg, c);
        return vg;
    }

    private static List<Section.Entry> extras(ConfigSection s, Set<String> known) {
        List<Section.Entry> out = new ArrayList<>();
        for (Section.Entry e : s.entries()) if (!known.contains(e.key()) && e.section() == null) out.add(e);
        return out;
    }

    static Pv readPv(String key, ConfigSection p, String ctx) throws FormatException {
        String c = ctx + ": PV " + shown(key);
        String id = p.string("id", c);
        if (!Uuid.valid(id)) throw new FormatException(c + ": invalid id \"" + shown(id) + "\".");
        List<String> status = p.strings("status", c);
        for (String s : status) if (!PV_STATUS.contains(s)) throw new FormatException(c + ": Unknown status flag " + shown(s) + ".");
        long peStart = p.number("pe_start", c);
        long peCount = p.number("pe_count", c);
        if (peStart < 0 || peCount < 0 || peCount > (1L << 40)) throw new FormatException(c + ": invalid pe_start or pe_count.");
        return new Pv(Uuid.strip(id), p.stringOr("device", null), status, p.strings("flags", c), p.numberOr("dev_size", 0), peStart,
                peCount, extras(p, PV_KEYS));
    }

    static Lv readLv(String name, ConfigSection l, Map<String, String> pvKeys, Set<String> lvNames, String ctx) throws FormatException {
        String c = ctx + ": LV " + name;
        String id = l.string("id", c);
        if (!Uuid.valid(id)) throw new FormatException(c + ": invalid id \"" + shown(id) + "\".");
        List<String> status = l.strings("status", c);
        for (String s : status) if (!LV_STATUS.contains(s)) throw new FormatException(c + ": Unknown status flag " + shown(s) + ".");
        long segCount = l.number("segment_count", c);
        List<Segment> segs = new ArrayList<>();
        for (Section.Entry e : l.sections()) segs.add(readSegment(ConfigSection.of(e.section()), pvKeys, lvNames, c + " " + shown(e.key())));
        if (segs.size() != segCount) throw new FormatException(c + ": segment_count is " + segCount + " but " + segs.size() + " segments are present.");
        segs.sort((a, b) -> Long.compare(a.start(), b.start()));
        long next = 0;
        for (Segment s : segs) {
            if (s.start() != next) throw new FormatException(c + ": segments are not contiguous at extent " + next + ".");
            next = s.end();
        }
        Object ct = l.value("creation_time");
        return new Lv(name, Uuid.strip(id), status, l.strings("flags", c), l.strings("tags", c), ct instanceof Long t ? t : null,
                l.stringOr("creation_host", null), l.stringOr("allocation_policy", null), extras(l, LV_KEYS), segs);
    }

    static Segment readSegment(ConfigSection s, Map<String, String> pvKeys, Set<String> lvNames, String c) throws FormatException {
        long start = s.number("start_extent", c);
        long count = s.number("extent_count", c);
        if (start < 0 || count <= 0 || count > (1L << 40)) throw new FormatException(c + ": invalid start_extent or extent_count.");
        String type = s.string("type", c);
        return SegmentTypes.named(type).read(s, start, count, new SegmentText() {
            @Override public List<Area> areas(List<?> raw) throws FormatException { return VgTextReader.areas(raw, pvKeys, lvNames, c); }

            @Override public Set<String> lvNames() { return lvNames; }

            @Override public String context() { return c; }

            @Override public String shown(String name) { return VgTextReader.shown(name); }
        });
    }

    private static List<Area> areas(List<?> raw, Map<String, String> pvKeys, Set<String> lvNames, String c) throws FormatException {
        if (raw.size() % 2 != 0) throw new FormatException(c + ": area list has an odd number of entries.");
        List<Area> out = new ArrayList<>();
        for (int i = 0; i < raw.size(); i += 2) {
            if (!(raw.get(i) instanceof String n) || !(raw.get(i + 1) instanceof Long pe) || pe < 0)
                throw new FormatException(c + ": bad area entry.");
            if (pvKeys.containsKey(n)) out.add(new Area.OnPv(pvKeys.get(n), pe));
            else if (lvNames.contains(n)) out.add(new Area.OnLv(n, pe));
            else throw new FormatException(c + ": area refers to unknown PV or LV \"" + n + "\".");
        }
        return out;
    }

    /** Every PV area lies within its PV and no PE is used twice (LVM2: "PV segments corrupted"). */
    static void checkExtents(Vg vg, String c) throws FormatException {
        Map<String, Pv> byId = new HashMap<>();
        for (Pv p : vg.pvs()) byId.put(p.id(), p);
        Map<String, List<long[]>> ranges = new HashMap<>();
        for (Lv lv : vg.lvs()) {
            for (Segment s : lv.segments()) {
                for (Area a : s.areas()) {
                    if (!(a instanceof Area.OnPv on)) continue;
                    Pv pv = byId.get(on.pvId());
                    long len = s.areaLength();
                    if (on.pe() + len > pv.peCount())
                        throw new FormatException(c + ": LV " + lv.name() + " uses extents " + on.pe() + "-" + (on.pe() + len - 1) + " past the end of a PV with " + pv.peCount() + " extents.");
                    ranges.computeIfAbsent(on.pvId(), k -> new ArrayList<>()).add(new long[] {on.pe(), on.pe() + len, 0});
                }
            }
        }
        for (Map.Entry<String, List<long[]>> e : ranges.entrySet()) {
            List<long[]> r = e.getValue();
            r.sort((a, b) -> Long.compare(a[0], b[0]));
            for (int i = 1; i < r.size(); i++)
                if (r.get(i)[0] < r.get(i - 1)[1])
                    throw new FormatException(c + ": PV segments corrupted: extent " + r.get(i)[0] + " of PV " + Uuid.withDashes(e.getKey()) + " is used twice.");
        }
    }
}
