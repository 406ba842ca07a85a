package ulvm.segtype;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import ulvm.model.Area;

/** Area lists as handlers rebuild them. */
final class Areas {
    private Areas() {}

    /** The areas with the LVs they name passed through {@code rename}. */
    static List<Area> renamed(List<Area> in, UnaryOperator<String> rename) {
        List<Area> out = new ArrayList<>();
        for (Area a : in) out.add(a instanceof Area.OnLv on ? new Area.OnLv(rename.apply(on.lv()), on.le()) : a);
        return out;
    }

    /** {@code rename} of a name that may be null. */
    static String name(String n, UnaryOperator<String> rename) { return n == null ? null : rename.apply(n); }
}
