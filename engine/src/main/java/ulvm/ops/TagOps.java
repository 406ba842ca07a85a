package ulvm.ops;

import java.util.List;
import ulvm.api.LvmException;
import ulvm.model.Lv;
import ulvm.model.Tags;
import ulvm.model.Vg;
import ulvm.store.Scan;
import ulvm.store.VgCopies;

/**
 * lvchange and vgchange --addtag/--deltag (LVM2's change_tag) and --metadataprofile/--detachprofile: one commit per LV
 * or VG, with LVM2's messages.
 */
public final class TagOps {
    private final Session s;

    public TagOps(Session s) { this.s = s; }

    /** lvchange --addtag/--deltag VG|VG/LV...: "Logical volume VG/LV changed." for each. */
    public void lvTags(List<String> args, List<String> add, List<String> del) throws LvmException {
        eachLv(args, lv -> new Lv(lv.name(), lv.id(), lv.status(), lv.flags(), Tags.change(lv.tags(), add, del), lv.creationTime(),
                lv.creationHost(), lv.allocationPolicy(), lv.extras(), lv.segments()));
    }

    /** lvchange --metadataprofile NAME (null: --detachprofile) VG|VG/LV.... */
    public void lvProfile(List<String> args, String name) throws LvmException { eachLv(args, lv -> lv.withProfile(name)); }

    private void eachLv(List<String> args, java.util.function.UnaryOperator<Lv> change) throws LvmException {
        try (Scan scan = s.scan(true)) {
            LvArgs.forEach(s, scan, args, t -> {
                VgCopies vc = s.writableVg(scan, t.vg());
                Vg vg = vc.vg();
                Lv lv = vg.lv(t.lv()).filter(l -> SnapshotRoles.userVisible(vg, l))
                        .orElseThrow(() -> new LvmException("Failed to find logical volume \"" + t.display() + "\""));
                Vg done = s.commit(vc, vg.withLv(change.apply(lv)));
                scan.vgs().put(t.vg(), new VgCopies(done, vc.devices(), List.of()));
                s.say("Logical volume " + t.display() + " changed.");
            });
        }
    }

    /** vgchange --addtag/--deltag [VG...] (all VGs when none is named). */
    public void vgTags(List<String> names, List<String> add, List<String> del) throws LvmException {
        eachVg(names, vg -> new Vg(vg.name(), vg.id(), vg.seqno(), vg.status(), vg.flags(), vg.extentSize(), vg.maxLv(), vg.maxPv(),
                vg.metadataCopies(), Tags.with(vg.extras(), Tags.change(Tags.of(vg.extras()), add, del)), vg.pvs(), vg.lvs()));
    }

    /** vgchange --metadataprofile NAME (null: --detachprofile) [VG...]. */
    public void vgProfile(List<String> names, String name) throws LvmException { eachVg(names, vg -> vg.withSetting("profile", name)); }

    private void eachVg(List<String> names, java.util.function.UnaryOperator<Vg> change) throws LvmException {
        try (Scan scan = s.scan(true)) {
            for (String n : names.isEmpty() ? s.vgNames(scan) : names) {
                VgCopies vc = s.writableVg(scan, n);
                Vg done = s.commit(vc, change.apply(vc.vg()));
                scan.vgs().put(n, new VgCopies(done, vc.devices(), List.of()));
                s.say("Volume group \"" + n + "\" successfully changed");
            }
        }
    }
}
