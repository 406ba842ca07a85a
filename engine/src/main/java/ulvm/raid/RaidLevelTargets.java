package ulvm.raid;

import java.io.IOException;
import java.util.List;
import java.util.function.Function;
import ulvm.io.BlockDevice;
import ulvm.mapping.StripedTarget;
import ulvm.mapping.Target;
import ulvm.model.Lv;
import ulvm.model.RaidLevels;
import ulvm.model.RaidSegment;
import ulvm.model.Segment;
import ulvm.model.Vg;

/**
 * Targets of the raid levels other than raid1. raid0 and raid0_meta map as striped does (md's raid0 with equal
 * images is dm-striped's layout) over their rimage LVs; raid4/5/6 and raid10 run as {@link MdRaidArray}s (the
 * activation hands them there); any other segment reaching this is refused with a message that says so.
 */
public final class RaidLevelTargets {
    private RaidLevelTargets() {}

    public static Target target(Vg vg, Lv lv, Segment s, Function<String, BlockDevice> devices) throws IOException {
        RaidSegment r = ulvm.segtype.RaidType.view(s);
        if (r == null || !RaidLevels.raid0(r.type()))
            throw new IOException("Activation of " + s.type() + " LV " + vg.name() + "/" + lv.name()
                    + " is not supported by this version of ulvm yet (no " + s.type() + " data path).");
        List<String> images = r.imageLvs();
        BlockDevice[] devs = new BlockDevice[images.size()];
        long[] bases = new long[images.size()];
        for (int i = 0; i < devs.length; i++) {
            String name = images.get(i);
            Lv img = vg.lv(name).orElseThrow(() -> new IOException(lv.name() + ": image " + name + " not found"));
            devs[i] = LinearLvDevice.of(vg, img, devices);
        }
        return new StripedTarget(devs, bases, ulvm.segtype.RaidType.number(r, "stripe_size") * 512);
    }
}
