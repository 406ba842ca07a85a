package ulvm.raid;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import ulvm.io.BlockDevice;
import ulvm.mapping.LvTable;
import ulvm.mapping.TableBuilder;
import ulvm.model.Lv;
import ulvm.model.RaidSegment;
import ulvm.model.Vg;
import ulvm.segtype.RaidType;

/** A raid1 LV's images as the metadata describes them: sub-LV ids, names, write permission, tables. */
final class Raid1Layout {
    static final long DEFAULT_REGION_SECTORS = 4096;

    /** One image: {@code image} null when a PV under it is missing; {@code meta} null without an rmeta. */
    record Image(String id, String name, boolean writable, LvTable image, BlockDevice meta) {}

    private Raid1Layout() {}

    /** The LV's only segment, which must be raid1 starting at extent 0. */
    static RaidSegment segment(Lv lv) throws IOException {
        RaidSegment r = RaidType.raid1(lv);
        if (r == null) throw new IOException(lv.name() + ": only a single raid1 segment is supported");
        return r;
    }

    static boolean isRaid1(Lv lv) {
        return RaidType.raid1(lv) != null;
    }

    static long regionSectors(RaidSegment seg) {
        return seg.regionSize() > 0 ? seg.regionSize() : DEFAULT_REGION_SECTORS;
    }

    /** max_recovery_rate in bytes per second (LVM2 stores KiB/s), 0 when unset. */
    static long maxRecoveryRate(RaidSegment seg) {
        for (var e : seg.extras())
            if (e.key().equals("max_recovery_rate") && e.value() instanceof Number n) return Math.max(0, n.longValue()) * 1024;
        return 0;
    }

    static List<Image> images(Vg vg, Lv lv, Function<String, BlockDevice> devices) throws IOException {
        RaidSegment seg = segment(lv);
        List<Image> out = new ArrayList<>();
        for (int i = 0; i < seg.imageLvs().size(); i++) {
            String imgName = seg.imageLvs().get(i);
            Lv img = vg.lv(imgName).orElseThrow(() -> new IOException(lv.name() + ": image " + imgName + " not found"));
            LvTable t;
            try {
                t = TableBuilder.build(vg, img, devices);
            } catch (IOException e) {
                t = null; // a missing PV: the leg starts failed
            }
            String metaName = i < seg.metaLvs().size() ? seg.metaLvs().get(i) : null;
            BlockDevice meta = null;
            if (metaName != null) {
                Lv m = vg.lv(metaName).orElseThrow(() -> new IOException(lv.name() + ": metadata " + metaName + " not found"));
                try {
                    meta = LinearLvDevice.of(vg, m, devices);
                } catch (IOException e) {
                    meta = null;
                }
            }
            out.add(new Image(img.id(), img.name(), img.writable(), t, meta));
        }
        return out;
    }
}
