package ulvm.ops;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import ulvm.alloc.FreeSpace;
import ulvm.model.Pv;
import ulvm.model.Vg;
import ulvm.store.PvDevice;

/**
 * devices/issue_discards = 1: the PV extents a commit freed (lvremove, lvreduce, images or a pvmove source released)
 * are discarded, which leaves holes in the image files, as LVM2's discard_pv_segment discards them on its PVs.
 */
final class PvDiscards {
    private PvDiscards() {}

    static void freed(Vg before, Vg after, Map<String, PvDevice> devices, Consumer<String> warn) {
        Map<String, List<long[]>> was = FreeSpace.usedRanges(before), now = FreeSpace.usedRanges(after);
        for (Pv pv : after.pvs()) {
            PvDevice d = devices.get(pv.id());
            if (d == null || before.pv(pv.id()).isEmpty()) continue;
            for (long[] r : minus(was.getOrDefault(pv.id(), List.of()), now.getOrDefault(pv.id(), List.of()))) {
                try {
                    d.device().discard(pv.peStart() * 512 + r[0] * after.extentBytes(), (r[1] - r[0]) * after.extentBytes());
                } catch (IOException e) {
                    warn.accept("WARNING: Failed to discard extents " + r[0] + "-" + (r[1] - 1) + " of " + d.path() + ": " + e.getMessage());
                }
            }
        }
    }

    /** The parts of the sorted ranges {@code a} that no range of {@code b} covers. */
    static List<long[]> minus(List<long[]> a, List<long[]> b) {
        List<long[]> out = new ArrayList<>();
        for (long[] r : a) {
            long at = r[0];
            for (long[] c : b) {
                if (c[1] <= at || c[0] >= r[1]) continue;
                if (c[0] > at) out.add(new long[] {at, c[0]});
                at = Math.max(at, c[1]);
            }
            if (at < r[1]) out.add(new long[] {at, r[1]});
        }
        return out;
    }
}
