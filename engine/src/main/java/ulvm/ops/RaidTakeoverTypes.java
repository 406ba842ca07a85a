package ulvm.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import ulvm.api.LvmException;
import ulvm.model.RaidLevels;

/**
 * Which takeovers LVM2 2.03.16 does directly (lib/metadata/raid_manip.c): its raid levels (_cmp_level), the table of
 * direct conversions (_possible_takeover_reshape_types) and the raid5 to raid6 layout pairs (_r5_to_r6). A type
 * given by its alias is the layout the alias stands for ("raid5" is raid5_ls, "raid6" raid6_zr, "raid10" raid10_near).
 */
final class RaidTakeoverTypes {
    private RaidTakeoverTypes() {}

    private static final Set<String> PARITY_N = Set.of("raid4", "raid5_n", "raid6_n_6");

    /** The layout an alias stands for. */
    static String layout(String type) {
        return switch (type) {
            case "raid5" -> "raid5_ls";
            case "raid6" -> "raid6_zr";
            case "raid10" -> "raid10_near";
            default -> type;
        };
    }

    /** _cmp_level: raid10 is a level of its own, raid4 and raid5_n are one, else the first five letters decide. */
    static boolean sameLevel(String a, String b) {
        if (RaidLevels.raid10(a) != RaidLevels.raid10(b)) return false;
        if (a.equals("raid4") && b.equals("raid5_n") || a.equals("raid5_n") && b.equals("raid4")) return true;
        return a.regionMatches(0, b, 0, 5);
    }

    /** striped, raid0 and raid0_meta (segtype_is_striped: the SEG_AREAS_STRIPED types). */
    static boolean stripedAreas(String type) { return type.equals("striped") || RaidLevels.raid0(type); }

    /** _get_r56_flag: raid5_ls and raid6_ls_6, la, rs, ra, n; null when {@code type} has no pair (raid6_zr, nr, nc). */
    static String raid5To6(String type) {
        return switch (layout(type)) {
            case "raid5_ls" -> "raid6_ls_6";
            case "raid5_la" -> "raid6_la_6";
            case "raid5_rs" -> "raid6_rs_6";
            case "raid5_ra" -> "raid6_ra_6";
            case "raid5_n" -> "raid6_n_6";
            default -> null;
        };
    }

    static String raid6To5(String type) {
        for (String r5 : new String[] {"raid5_ls", "raid5_la", "raid5_rs", "raid5_ra", "raid5_n"})
            if (raid5To6(r5).equals(type)) return r5;
        return null;
    }

    /** _possible_takeover_reshape_types: whether LVM2 converts {@code from} with {@code images} to {@code to} directly. */
    static boolean direct(String from, int images, String to) {
        String f = layout(from), t = layout(to);
        if (images < 2) return false;
        boolean sf = stripedAreas(f), st = stripedAreas(t);
        if (sf && (st || PARITY_N.contains(t) || t.equals("raid10_near"))) return true;
        if ((PARITY_N.contains(f) || f.equals("raid10_near")) && st) return true;
        if (PARITY_N.contains(f) && PARITY_N.contains(t)) return true;
        if (RaidLevels.raid5(f) && RaidLevels.raid5(t) || RaidLevels.raid6(f) && RaidLevels.raid6(t)) return true;
        if (f.equals("raid10_near") && t.equals("raid10_near")) return true;
        if (t.equals(raid5To6(f)) || f.equals(raid5To6(t))) return true;
        if (f.equals("raid1")) return images == 2 && (t.equals("raid4") || RaidLevels.raid5(t));
        return images == 2 && (f.equals("raid4") || RaidLevels.raid5(f)) && t.equals("raid1");
    }

    /**
     * What lvconvert takes instead of {@code to} (_set_convenient_raid145610_segtype_to): {@code type} with the lines
     * LVM2 prints on the way ("Replaced LV type ..."), or, when {@code reshape}, the stripe count has to change first.
     */
    record Choice(String type, boolean reshape, List<String> lines) {}

    /** {@code name}: the LV as displayed; {@code stripes}: lvconvert --stripes, 0 when not given. */
    static Choice convenient(String name, String from, int images, String to, int stripes) throws LvmException {
        List<String> lines = new ArrayList<>();
        if (sameLevel(from, to)) return new Choice(to, false, lines);
        String f = layout(from), t = layout(to);
        String want = null;
        boolean reshape = false;
        int firstImages = 0;
        if (stripedAreas(f)) {
            if (RaidLevels.raid6(t)) want = images < 3 ? "raid5_n" : "raid6_n_6";
            else if (!t.equals("raid4") && !RaidLevels.raid10(t) && !stripedAreas(t)) want = "raid5_n";
        } else if (f.equals("raid1")) {
            if (images != 2) throw new LvmException("Convert raid1 LV " + name + " to 2 images first.\n" + possible(name, from, images));
            if (stripedAreas(t) || RaidLevels.raid10(t)) want = "raid5_n";
            else if (!t.equals("raid4") && !RaidLevels.raid5(t)) want = "raid5_ls";
        } else if (f.equals("raid4") || RaidLevels.raid5(f)) {
            int parity = 1;
            if (f.equals("raid4") && RaidLevels.raid5(t)) {
                if (!t.equals("raid5_n")) want = "raid5_n";
            } else if (RaidLevels.raid5(f) && t.equals("raid4")) {
                if (!f.equals("raid5_n")) want = "raid5_n";
            } else if (t.equals("raid1")) {
                if (images != 2) {
                    firstImages = 2;
                    reshape = true;
                    lines.add("Converting " + from + " LV " + name + " to 2 stripes first.");
                } else want = "raid1";
            } else if (RaidLevels.raid6(t)) {
                if (images < 4) {
                    firstImages = stripes > 3 ? stripes + parity : 4;
                    reshape = true;
                    lines.add("Converting " + from + " LV " + name + " to " + firstImages + " stripes first.");
                } else want = f.equals("raid4") ? "raid6_n_6" : raid5To6(f);
            } else if (stripedAreas(t) || RaidLevels.raid10(t)) {
                if (!f.equals("raid4") && !f.equals("raid5_n")) want = "raid5_n";
                else if (stripes > 2 && stripes != images - parity) firstImages = stripes + parity;
                else if (images < 3) firstImages = 3;
                else if (!stripedAreas(t)) want = "raid0_meta";
                if (firstImages > 0) {
                    want = "raid5_n";
                    reshape = true;
                    lines.add("Converting " + from + " LV " + name + " to " + firstImages + " stripes first.");
                }
            }
        } else if (RaidLevels.raid6(f)) {
            if (t.equals("raid1")) want = "raid6_ls_6";
            else if (RaidLevels.raid10(t)) want = f.equals("raid6_n_6") ? "raid0_meta" : "raid6_n_6";
            else if (stripedAreas(t)) {
                if (!f.equals("raid6_n_6")) want = "raid6_n_6";
            } else if (t.equals("raid4") && !f.equals("raid6_n_6")) want = "raid6_n_6";
            else if (RaidLevels.raid5(t)) want = raid6To5(f) != null ? raid6To5(f) : raid5To6(t);
        } else if (t.equals("raid1")) {
            throw new LvmException("Convert " + from + " LV " + name + " to raid4/raid5 first.\n" + possible(name, from, images));
        } else if (RaidLevels.raid10(f) && !stripedAreas(t)) {
            want = "raid0_meta";
        }
        if (want != null && !want.equals(to)) {
            lines.add("Replaced LV type " + to + alias(to) + " with possible type " + want + ".");
            lines.add("Repeat this command to convert to " + to + " after an interim conversion has finished.");
        }
        return new Choice(reshape ? from : want == null ? to : want, reshape, lines);
    }

    /** _get_segtype_alias_str. */
    static String alias(String type) {
        return switch (type) {
            case "raid5" -> " (same as raid5_ls)";
            case "raid6" -> " (same as raid6_zr)";
            case "raid5_ls" -> " (same as raid5)";
            case "raid6_zr" -> " (same as raid6)";
            case "raid10" -> " (same as raid10_near)";
            case "raid10_near" -> " (same as raid10)";
            default -> "";
        };
    }

    /** The segment type flags by bit (lib/metadata/segtype.h), named as get_segtype_from_flag finds them. */
    private static final List<String> BITS = List.of("mirror", "raid0", "raid0_meta", "raid1", "raid10_near", "raid4", "raid5_n",
            "raid5_la", "raid5_ls", "raid5_ra", "raid5_rs", "raid6_nc", "raid6_nr", "raid6_zr", "raid6_la_6", "raid6_ls_6", "raid6_ra_6",
            "raid6_rs_6", "raid6_n_6", "striped");

    /** _possible_takeover_reshape_types: the current types, the image count (0: any above 1), the possible types. */
    private record Entry(Set<String> from, int images, Set<String> to) {}

    private static final Set<String> STRIPED = Set.of("striped", "raid0", "raid0_meta");
    private static final Set<String> RAID5 = Set.of("raid5_ls", "raid5_rs", "raid5_ra", "raid5_la", "raid5_n");
    private static final Set<String> RAID6 = Set.of("raid6_zr", "raid6_nr", "raid6_nc", "raid6_ls_6", "raid6_rs_6", "raid6_ra_6", "raid6_la_6",
            "raid6_n_6");
    private static final Set<String> RAID45 = Set.of("raid4", "raid5_ls", "raid5_rs", "raid5_ra", "raid5_la", "raid5_n");
    private static final List<Entry> TABLE = List.of(new Entry(Set.of("raid5_n"), 2, Set.of("striped")), new Entry(STRIPED, 0, STRIPED),
            new Entry(STRIPED, 0, Set.of("raid4", "raid5_n", "raid6_n_6", "raid10_near")),
            new Entry(Set.of("raid4", "raid5_n", "raid6_n_6", "raid10_near"), 0, STRIPED), new Entry(PARITY_N, 0, PARITY_N),
            new Entry(RAID5, 0, RAID5), new Entry(RAID6, 0, RAID6), new Entry(Set.of("raid5_ls", "raid6_ls_6"), 0, Set.of("raid5_ls", "raid6_ls_6")),
            new Entry(Set.of("raid5_rs", "raid6_rs_6"), 0, Set.of("raid5_rs", "raid6_rs_6")),
            new Entry(Set.of("raid5_la", "raid6_la_6"), 0, Set.of("raid5_la", "raid6_la_6")),
            new Entry(Set.of("raid5_ra", "raid6_ra_6"), 0, Set.of("raid5_ra", "raid6_ra_6")),
            new Entry(Set.of("raid10_near"), 0, Set.of("raid10_near")), new Entry(Set.of("mirror", "raid1"), 0, Set.of("mirror", "raid1")),
            new Entry(Set.of("raid1"), 2, RAID45), new Entry(RAID45, 2, Set.of("raid1")));

    /**
     * _log_possible_conversion_types, what LVM2 adds when it refuses a takeover: the types {@code from} with
     * {@code images} converts to directly, in the table's order and each by its flag's order.
     */
    static String possible(String name, String from, int images) {
        String f = layout(from);
        List<String> names = new ArrayList<>();
        int count = 0;
        for (Entry e : TABLE) {
            if (!e.from().contains(f) || (e.images() == 0 ? images < 2 : images != e.images())) continue;
            for (String t : BITS)
                if (e.to().contains(t) && !t.equals(f)) {
                    count++;
                    if (!names.contains(t)) names.add(t);
                }
        }
        if (count == 0) return "Direct conversion of " + from + " LV " + name + " is not possible.";
        StringBuilder out = new StringBuilder("Converting " + name + " from " + from + alias(from) + " is directly possible to the following layout"
                + (count > 1 ? "s" : "") + ":");
        for (String t : names) out.append("\n    ").append(t); // log_error("  %s"), under the usual indent
        return out.toString();
    }
}
