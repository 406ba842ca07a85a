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
import ulvm.raid.Raid1Array;
import ulvm.raid.RaidSettings;

/**
 * The running raid1 arrays of an {@link Activation}, by LV id. An array starts with its LV's first table, is held
 * and reconciled around every metadata change of the LV or its sub-LVs, and stops cleanly on deactivation (or without
 * writing anything when its LV was removed). Called under the Activation's lock.
 */
final class RunningArrays {
    private final Map<String, Raid1Array> byLv = new LinkedHashMap<>();
    private final List<Raid1Array> suspended = new ArrayList<>();
    private final Consumer<String> messages;
    private final RaidSettings settings;
    /** The raid4/5/6/10 arrays: their events follow the raid1 ones'. */
    final RunningMdArrays md;

    RunningArrays(Consumer<String> messages, RaidSettings settings) {
        this.messages = messages;
        this.settings = settings;
        this.md = new RunningMdArrays(messages, settings);
    }

    /** The target of a raid segment of another level than raid1: raid0 as striped, raid4/5/6/10 a running md array. */
    Target levelTarget(Vg vg, Lv lv, ulvm.model.Segment s, Function<String, BlockDevice> devices) throws IOException {
        if (ulvm.raid.MdRaidArray.handles(lv)) return md.target(vg, lv, devices);
        return ulvm.raid.RaidLevelTargets.target(vg, lv, s, devices);
    }

    Raid1Array get(String lvId) { return byLv.get(lvId); }

    /** Told "VG/LV" when a leg of a running array fails and the array goes on degraded. */
    private volatile Consumer<String> legFailed = x -> { };

    void onLegFailure(Consumer<String> listener) {
        this.legFailed = listener;
        md.onLegFailure(listener);
    }

    /** The target of a raid1 segment: the LV's running array, started now if it is not running. */
    Target target(Vg vg, Lv lv, Function<String, BlockDevice> devices) throws IOException {
        Raid1Array a = byLv.get(lv.id());
        if (a == null) {
            a = Raid1Array.open(vg, lv, devices, settings, messages);
            a.onLegFailure(legFailed);
            byLv.put(lv.id(), a);
        }
        return a.target();
    }

    void suspend(String lvId) {
        md.suspend(lvId);
        Raid1Array a = byLv.get(lvId);
        if (a != null && !suspended.contains(a)) {
            a.suspend();
            suspended.add(a);
        }
    }

    /** Applies the committed metadata to every held array (before the LVs' new tables are built). */
    void committed(Vg vg, Function<String, BlockDevice> devices) throws IOException {
        md.committed(vg);
        IOException first = null;
        for (Raid1Array a : suspended) {
            Lv now = null;
            for (Lv l : vg.lvs()) if (l.id().equals(a.lvId())) now = l;
            if (now == null || !Raid1Array.handles(now)) {
                a.abandon(); // removed, or no raid layer left: its rmeta may be free space now
                byLv.remove(a.lvId());
                continue;
            }
            try {
                a.reconcile(vg, now, devices);
            } catch (IOException e) {
                if (first == null) first = e;
            }
        }
        if (first != null) throw first;
    }

    void resumeAll() {
        md.resumeAll();
        for (Raid1Array a : suspended) a.resume();
        suspended.clear();
    }

    /** Clean stop of the LV's array (deactivation). */
    void close(String lvId) {
        md.close(lvId);
        Raid1Array a = byLv.remove(lvId);
        if (a == null) return;
        try {
            a.close();
        } catch (IOException e) {
            messages.accept(a.lvId() + ": stopping the array: " + e.getMessage());
        }
    }

    /** Stop without writing (the LV or its VG is gone). */
    void abandon(String lvId) {
        md.abandon(lvId);
        Raid1Array a = byLv.remove(lvId);
        if (a != null) a.abandon();
    }

    void closeAll() {
        md.closeAll();
        for (String id : new ArrayList<>(byLv.keySet())) close(id);
    }
}
