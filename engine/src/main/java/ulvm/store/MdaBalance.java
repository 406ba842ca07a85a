package ulvm.store;

import java.util.List;
import ulvm.format.MdaHeader;

/**
 * Which metadata areas of a VG a commit leaves in use, as LVM2 2.03.16's _vg_adjust_ignored_mdas: each area keeps its
 * ignore flag unless its PV asks otherwise (pvchange --metadataignore); then, with a preferred number of copies
 * (vgmetadatacopies), areas are ignored or taken back until that many are in use (all of them when there are fewer);
 * unmanaged (0), one area is taken back when none would be in use. LVM2 picks the areas at random; ulvm takes back the
 * first ignored ones and ignores the last ones in use, so the result is the same on every run.
 */
final class MdaBalance {
    private MdaBalance() {}

    /** One flag per area, in the order given: true for an area to be ignored after the commit. */
    static boolean[] wanted(long copies, List<MdaHeader> headers, List<PvDevice> owners) {
        int n = headers.size();
        boolean[] ignore = new boolean[n];
        int used = 0;
        for (int i = 0; i < n; i++) {
            Boolean asked = owners.get(i).ignoreMdas();
            ignore[i] = asked != null ? asked : headers.get(i).committed().ignored();
            if (!ignore[i]) used++;
        }
        long target;
        if (copies == 0) target = used == 0 && n > 0 ? 1 : used;
        else target = Math.min(copies, n);
        for (int i = 0; i < n && used < target; i++) {
            if (ignore[i]) {
                ignore[i] = false;
                used++;
            }
        }
        for (int i = n - 1; i >= 0 && used > target; i--) {
            if (!ignore[i]) {
                ignore[i] = true;
                used--;
            }
        }
        return ignore;
    }
}
