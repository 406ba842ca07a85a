package ulvm.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Tags of VGs, PVs and LVs as LVM2 keeps them: {@code tags = ["a", "b"]} in the object's section, in the order added
 * (--addtag appends, --deltag removes; an empty list is not written). Valid tags are those of LVM2's validate_tag:
 * A-Z a-z 0-9 and {@code _ + . - / = ! : & #}, not empty; a leading '@' of an argument is dropped (tag_arg).
 */
public final class Tags {
    private Tags() {}

    /** The tags in a section's extra entries (VGs and PVs keep them there). */
    public static List<String> of(List<Section.Entry> extras) {
        List<String> out = new ArrayList<>();
        for (Section.Entry e : extras)
            if (e.key().equals("tags") && e.section() == null && e.value() instanceof List<?> l) for (Object o : l) out.add(String.valueOf(o));
        return out;
    }

    /** {@code extras} with its tags entry set to {@code tags} (in its place, or first when new), or dropped when empty. */
    public static List<Section.Entry> with(List<Section.Entry> extras, List<String> tags) {
        List<Section.Entry> out = new ArrayList<>();
        boolean put = tags.isEmpty();
        for (Section.Entry e : extras) {
            if (!e.key().equals("tags")) out.add(e);
            else if (!put) {
                out.add(new Section.Entry("tags", List.copyOf(tags), null));
                put = true;
            }
        }
        if (!put) out.add(0, new Section.Entry("tags", List.copyOf(tags), null));
        return out;
    }

    /** {@code tags} with {@code add} appended (each once) and then {@code del} removed, as LVM2's change_tag. */
    public static List<String> change(List<String> tags, List<String> add, List<String> del) {
        List<String> out = new ArrayList<>(tags);
        for (String t : add) if (!out.contains(t)) out.add(t);
        out.removeAll(del);
        return out;
    }

    /** LVM2's validate_tag. */
    public static boolean valid(String tag) {
        if (tag == null || tag.isEmpty()) return false;
        for (char c : tag.toCharArray())
            if (!(c < 128 && Character.isLetterOrDigit(c)) && "._-+/=!:&#".indexOf(c) < 0) return false;
        return true;
    }

    /** An --addtag/--deltag argument: without a leading '@'; null when not a valid tag. */
    public static String arg(String a) {
        String t = a.startsWith("@") ? a.substring(1) : a;
        return valid(t) ? t : null;
    }
}
