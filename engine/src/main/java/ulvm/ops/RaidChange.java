package ulvm.ops;

import java.io.IOException;
import java.util.List;
import ulvm.api.LvmException;
import ulvm.model.Lv;
import ulvm.model.RaidSegment;
import ulvm.model.Vg;
import ulvm.store.Scan;
import ulvm.store.VgCopies;

/** lvchange on raid1 LVs: --syncaction check|repair (sent to the running array), the recovery rates (metadata). */
public final class RaidChange {
    private final Session s;

    public RaidChange(Session s) { this.s = s; }

    /** The raid1 LV a target names; LVM2's refusal of any other (its type, or {@code optionsNeedRaid}: the rates rule). */
    private static Lv raidLv(Vg vg, LvArgs.Target t, boolean optionsNeedRaid) throws LvmException {
        Lv lv = vg.lv(t.lv()).orElseThrow(() -> new LvmException("Failed to find logical volume \"" + t.display() + "\""));
        if (RaidSegs.raid1(lv) != null && !SnapshotRoles.isCow(vg, lv.name())) return lv;
        if (!optionsNeedRaid && ulvm.raid.MdRaidArray.handles(lv)) return lv; // --syncaction: raid4/5/6/10 too
        throw LvArgs.typeRefused(t, optionsNeedRaid ? "Command on LV " + t.display() + " uses options that require LV types raid ."
                : LvTypes.notAccepted(vg, lv));
    }

    /** lvchange --syncaction VG|VG/LV...: lv_raid_message, only an active array takes a sync action. */
    public void syncAction(List<String> args, String action) throws LvmException {
        try (Scan scan = s.scan(false)) {
            LvArgs.forEach(s, scan, args, t -> {
                raidLv(s.vg(scan, t.vg()).vg(), t, false);
                boolean done;
                try {
                    done = s.hooks().syncAction(t.vg(), t.lv(), action);
                } catch (IOException e) {
                    throw new LvmException(e.getMessage());
                }
                if (!done) throw new LvmException("Unable to send message to an inactive logical volume.");
            });
        }
    }

    /** --minrecoveryrate / --maxrecoveryrate in KiB/s of VG|VG/LV...; null leaves a rate as it is. */
    public void recoveryRates(List<String> args, Long min, Long max) throws LvmException {
        try (Scan scan = s.scan(true)) {
            LvArgs.forEach(s, scan, args, t -> {
                VgCopies vc = s.writableVg(scan, t.vg());
                Vg vg = vc.vg();
                Lv lv = ulvm.raid.MdRaidArray.handles(vg.lv(t.lv()).orElse(null)) ? vg.lv(t.lv()).orElseThrow() : raidLv(vg, t, true);
                RaidSegment r = ulvm.segtype.RaidType.only(lv); // raid1, raid4/5/6 or raid10
                long lo = min != null ? min : RaidSegs.number(r, "min_recovery_rate");
                long hi = max != null ? max : RaidSegs.number(r, "max_recovery_rate");
                if (hi != 0 && hi < lo) throw new LvmException("Minimum recovery rate cannot be higher than maximum.");
                Vg done = s.commit(vc, vg.withLv(lv.withSegments(List.of(RaidSegs.withRates(r, lo, hi)))));
                scan.vgs().put(t.vg(), new VgCopies(done, vc.devices(), List.of()));
                s.say("Logical volume " + t.display() + " changed.");
            });
        }
    }

    /**
     * --writemostly PV[:y|n|t]... and --writebehind N (raid1): the image LVs on those PVs flagged WRITEMOSTLY (reads
     * avoid them), the segment's writebehind set; as LVM2, only while the array runs in sync, never every image.
     */
    public void writeMostly(List<String> args, List<String> pvSpecs, Long writeBehind) throws LvmException {
        try (Scan scan = s.scan(true)) {
            LvArgs.forEach(s, scan, args, t -> {
                VgCopies vc = s.writableVg(scan, t.vg());
                Vg vg = vc.vg();
                Lv lv = raidLv(vg, t, true);
                ulvm.raid.RaidStatus st = s.hooks().raidStatus(t.vg(), t.lv());
                if (st == null || !st.inSync())
                    throw new LvmException("Unable to change write" + (pvSpecs.isEmpty() ? "behind" : "mostly") + " on " + t.display() + " while it is not in-sync.");
                RaidSegment r = RaidSegs.raid1(lv);
                Vg next = vg;
                if (writeBehind != null) {
                    List<ulvm.model.Section.Entry> ex = new java.util.ArrayList<>(r.extras());
                    ex.removeIf(e -> e.key().equals("writebehind"));
                    if (writeBehind > 0) ex.add(new ulvm.model.Section.Entry("writebehind", writeBehind, null));
                    r = new RaidSegment(r.type(), r.start(), r.count(), r.regionSize(), r.metaLvs(), r.imageLvs(), ex);
                    next = next.withLv(lv.withSegments(List.of(r)));
                }
                for (String spec : pvSpecs) {
                    String pvName = spec, mode = "y";
                    if (spec.length() >= 3 && spec.charAt(spec.length() - 2) == ':') {
                        pvName = spec.substring(0, spec.length() - 2);
                        mode = spec.substring(spec.length() - 1);
                    }
                    String path = java.nio.file.Path.of(pvName).toAbsolutePath().normalize().toString();
                    ulvm.model.Pv pv = null;
                    for (ulvm.model.Pv p : vg.pvs()) if (path.equals(vc.path(p.id()))) pv = p;
                    if (pv == null) throw new LvmException(pvName + " not found in volume group, " + t.vg());
                    for (String img : r.imageLvs()) {
                        Lv im = next.lv(img).orElseThrow();
                        if (!RaidImages.pvsOf(im).contains(pv.id())) continue;
                        boolean now = im.hasStatus("WRITEMOSTLY");
                        boolean want = switch (mode) {
                            case "y" -> true;
                            case "n" -> false;
                            case "t" -> !now;
                            default -> throw LvmException.invalid("Invalid argument for --writemostly: " + spec);
                        };
                        next = next.withLv(im.withStatusFlag("WRITEMOSTLY", want));
                    }
                }
                long marked = 0;
                for (String img : r.imageLvs()) if (next.lv(img).orElseThrow().hasStatus("WRITEMOSTLY")) marked++;
                if (marked == r.imageLvs().size())
                    throw new LvmException("Can't set all images of " + r.type() + " LV " + t.display() + " to writemostly.");
                Vg done = s.commit(vc, next);
                scan.vgs().put(t.vg(), new VgCopies(done, vc.devices(), List.of()));
                s.say("Logical volume " + t.display() + " changed.");
            });
        }
    }
}
