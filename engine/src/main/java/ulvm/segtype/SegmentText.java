package ulvm.segtype;

import java.util.List;
import java.util.Set;
import ulvm.format.FormatException;
import ulvm.model.Area;

/** What a handler needs from the text reader and writer: areas by PV key, the VG's LV names, the error context. */
public interface SegmentText {
    /** The "pv0", 12, "lv", 0 list as areas; unknown names fail. */
    List<Area> areas(List<?> raw) throws FormatException;

    /** Names of all LVs of the VG being read. */
    Set<String> lvNames();

    /** The error context ("VG vg: LV lv segment1"). */
    String context();

    /** A name from the metadata, safe to print. */
    String shown(String name);

    /** Areas back to the text's list, PVs by their key. */
    interface Out {
        List<Object> areaList(List<Area> areas);
    }
}
