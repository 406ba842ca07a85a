package ulvm.live;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import ulvm.io.BlockDevice;
import ulvm.mapping.Target;
import ulvm.model.Lv;
import ulvm.model.Vg;
import ulvm.raid.MdRaidArray;
import ulvm.raid.RaidSettings;

/**
 * The running raid4/5/6 and raid10 arrays of an {@link Activation}, by LV id, beside the raid1 ones
 * ({@link RunningArrays} hands their events on). An array starts with its LV's first table; a metadata change of
 * the LV (or its sub-LVs) stops it cleanly and its next table starts it again from the records (a replaced image is
 * then rebuilt, a resized LV resyncs its new regions). Called under the Activation's lock.
 */
final class RunningMdArrays {
    private final Map<String, MdRaidArray> byLv = new LinkedHashMap<>();
    private final List<MdRaidArray> suspended = new ArrayList<>();
    private final Consumer<String> messages;
    private final RaidSettings settings;
    private volatile Consumer<String> legFailed = x -> { };

    RunningMdArrays(Consumer<String> messages, RaidSettings settings) {
        this.messages = messages;
        this.settings = settings;
    }

    void onLegFailure(Consumer<String> listener) { legFailed = listener; }

    MdRaidArray get(String lvId) { return byLv.get(lvId); }

    /** The target of a raid4/5/6/10 segment: the LV's running array, started now if it is not running. */
    Target target(Vg vg, Lv lv, Function<String, BlockDevice> devices) throws IOException {
        MdRaidArray a = byLv.get(lv.id());
        if (a == null) {
            a = MdRaidArray.open(vg, lv, devices, settings, messages);
            a.onLegFailure(legFailed);
            byLv.put(lv.id(), a);
        }
        return a.target();
    }

    void suspend(String lvId) {
        MdRaidArray a = byLv.get(lvId);
        if (a != null && !suspended.contains(a)) {
            a.suspend();
            suspended.add(a);
        }
    }

    /** Stops every held array (cleanly when its LV is still raid, else without writing): the new tables restart them. */
    void committed(Vg vg) {
        for (MdRaidArray a : suspended) {
            byLv.remove(a.lvId());
            Lv now = vg.lvs().stream().filter(l -> l.id().equals(a.lvId())).findFirst().orElse(null);
            if (now == null || !MdRaidArray.handles(now)) {
                a.abandon();
                continue;
            }
            try {
                a.close();
            } catch (IOException e) {
                messages.accept(a.lvId() + ": stopping the array for a metadata change: " + e.getMessage());
            }
        }
        suspended.clear();
    }

    void resumeAll() {
        for (MdRaidArray a : suspended) a.resume();
        suspended.clear();
    }

    void close(String lvId) {
        MdRaidArray a = byLv.remove(lvId);
        if (a == null) return;
        try {
            a.close();
        } catch (IOException e) {
            messages.accept(a.lvId() + ": stopping the array: " + e.getMessage());
        }
    }

    void abandon(String lvId) {
        MdRaidArray a = byLv.remove(lvId);
        if (a != null) a.abandon();
    }

    void closeAll() {
        for (String id : new ArrayList<>(byLv.keySet())) close(id);
    }
}
