package ulvm.mapping;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import ulvm.io.BlockDevice;
import ulvm.model.Area;
import ulvm.model.Lv;
import ulvm.model.Pv;
import ulvm.model.Segment;
import ulvm.model.StripedSegment;
import ulvm.model.Vg;
import ulvm.segtype.StripedType;

/**
 * Builds the mapping table of an LV from the model. Striped and linear segments on PVs are mapped here; other
 * segment types (raid1) by the {@link SegmentTargets} the caller passes, which owns their running state.
 */
public final class TableBuilder {
    private TableBuilder() {}

    /** Targets for segment types this class does not map itself. */
    public interface SegmentTargets {
        SegmentTargets NONE = (vg, lv, s) -> { throw new IOException("segment type " + s.type() + " is not mapped yet"); };

        Target target(Vg vg, Lv lv, Segment s) throws IOException;
    }

    /** {@code devices}: PV id to its open image (null when missing: I/O there fails). */
    public static LvTable build(Vg vg, Lv lv, Function<String, BlockDevice> devices) throws IOException {
        return build(vg, lv, devices, SegmentTargets.NONE);
    }

    /** As {@link #build(Vg, Lv, Function)}, with {@code others} mapping the segments that are not striped. */
    public static LvTable build(Vg vg, Lv lv, Function<String, BlockDevice> devices, SegmentTargets others) throws IOException {
        List<Long> starts = new ArrayList<>();
        List<Target> targets = new ArrayList<>();
        long eb = vg.extentBytes();
        Map<String, BlockDevice> layers = new HashMap<>();
        for (Segment s : lv.segments()) {
            starts.add(s.start() * eb);
            targets.add(StripedType.view(s) != null ? target(vg, s, devices, layers) : others.target(vg, lv, s));
        }
        long[] st = new long[starts.size()];
        for (int i = 0; i < st.length; i++) st[i] = starts.get(i);
        return new LvTable(st, targets.toArray(new Target[0]), lv.extents() * eb);
    }

    static Target target(Vg vg, Segment s, Function<String, BlockDevice> devices, Map<String, BlockDevice> layers) throws IOException {
        StripedSegment st = StripedType.view(s);
        if (st != null) {
            int n = st.stripes().size();
            BlockDevice[] devs = new BlockDevice[n];
            long[] bases = new long[n];
            for (int i = 0; i < n; i++) {
                Area a = st.stripes().get(i);
                if (a instanceof Area.OnLv l) { // a stripe being moved: through the pvmove LV
                    devs[i] = layer(vg, l.lv(), devices, layers);
                    bases[i] = l.le() * vg.extentBytes();
                    continue;
                }
                Area.OnPv on = (Area.OnPv) a;
                Pv pv = vg.pv(on.pvId()).orElseThrow();
                devs[i] = devices.apply(on.pvId());
                if (devs[i] == null) throw new IOException("PV " + on.pvId() + " is missing");
                bases[i] = pv.peStart() * 512 + on.pe() * vg.extentBytes();
            }
            return new StripedTarget(devs, bases, st.stripeSize() * 512);
        }
        throw new IOException("segment type " + s.type() + " is not mapped yet");
    }

    /** The device of a pvmove LV that stripes point into (one per table, shared by its stripes). */
    private static BlockDevice layer(Vg vg, String name, Function<String, BlockDevice> devices, Map<String, BlockDevice> layers)
            throws IOException {
        BlockDevice d = layers.get(name);
        if (d != null) return d;
        Lv mv = vg.lv(name).orElseThrow(() -> new IOException("LV " + name + " not found"));
        if (!mv.hasStatus("PVMOVE")) throw new IOException("segment on LV " + name + " is not mapped yet");
        MoveLocks locks = devices instanceof DeviceMap m ? m.moveLocks() : new MoveLocks();
        d = PvMoveDevice.of(vg, mv, devices, locks.of(vg.name(), mv.id()));
        layers.put(name, d);
        return d;
    }
}
