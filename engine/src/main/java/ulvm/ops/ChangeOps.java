package ulvm.ops;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import ulvm.alloc.Policy;
import ulvm.api.LvmException;
import ulvm.live.ActivationMode;
import ulvm.model.Lv;
import ulvm.model.Vg;
import ulvm.store.Scan;
import ulvm.store.VgCopies;

/** lvchange and vgchange: activation (through the mount), permission, allocation policy, resizeability. */
public final class ChangeOps {
    private final Session s;

    public ChangeOps(Session s) { this.s = s; }

    /** {@code yes}: -y, answers LVM2's questions (a snapshot's activation changes its origin). */
    public record LvChange(Boolean activate, Boolean readOnly, Policy alloc, boolean yes, ActivationMode mode) {
        public LvChange(Boolean activate, Boolean readOnly, Policy alloc) { this(activate, readOnly, alloc, false); }

        public LvChange(Boolean activate, Boolean readOnly, Policy alloc, boolean yes) { this(activate, readOnly, alloc, yes, ActivationMode.DEGRADED); }
    }

    /**
     * lvchange VG|VG/LV...: each LV in turn (a VG names its visible LVs); as LVM2's process_each_lv, a refusal of one
     * LV is told and the others still change, the exit code being the worst.
     */
    public void lvchange(List<String> args, LvChange c) throws LvmException {
        // lvchange_activate_cmd: one component LV named (VG/POOL_tmeta) is asked about before anything is read
        activateComponent = false;
        if (Boolean.TRUE.equals(c.activate()) && args.size() == 1 && Names.component(args.get(0))
                && (c.yes() || s.console().ask("Do you want to activate component LV in read-only mode? [y/n]: "))) {
            s.say("Allowing activation of component LV.");
            activateComponent = true;
        }
        try (Scan scan = s.scan(true)) {
            LvArgs.forEach(s, scan, args, t -> lvchange(scan, t, c));
        }
    }

    /** Set by the prompt of lvchange -ay VG/COMPONENT (LVM2's cmd->activate_component). */
    private boolean activateComponent;

    private static final String NO_MOUNT = "WARNING: No ulvm mount is running: the LVs are shown when one starts (ulvm mount MOUNTPOINT).";
    private boolean ignoreSkip;

    /** -K|--ignoreactivationskip: activation takes LVs flagged to skip it (lvchange -k y) too. */
    public ChangeOps ignoringActivationSkip(boolean on) {
        ignoreSkip = on;
        return this;
    }

    /** Set once the missing mount was told (once per command, not for every LV). */
    private boolean toldNoMount;

    private void lvchange(Scan scan, LvArgs.Target t, LvChange c) throws LvmException {
        // activation alone reads the VG (LVM2 activates in a partial VG); changes need every PV
        VgCopies vc = c.readOnly() == null && c.alloc() == null ? s.vg(scan, t.vg()) : s.writableVg(scan, t.vg());
        Vg vg = vc.vg();
        Vg vg0 = vg;
        Lv component = c.activate() != null && c.readOnly() == null && c.alloc() == null
                ? vg.lv(t.lv()).filter(l -> !l.visible() && ulvm.segtype.ThinPoolType.owner(vg0, l.name()) != null).orElse(null) : null;
        if (component != null) {
            activateComponent(vc, t, component, c.activate());
            return;
        }
        Lv lv = vg.lv(t.lv()).filter(l -> SnapshotRoles.userVisible(vg0, l)).orElseThrow(() -> new LvmException("Failed to find logical volume \"" + t.display() + "\""));
        if (c.alloc() != null && SnapshotRoles.isOrigin(vg, lv.name())) // command-lines.in: RULE: --alloc ... not lv_is_thick_origin
            throw LvArgs.typeRefused(t, "Command on LV " + t.display() + " uses options that are invalid with LV properties: lv_is_thick_origin .");
        Lv next = lv;
        if (c.readOnly() != null) {
            if (lv.writable() != c.readOnly())
                throw new LvmException(c.readOnly() ? "Logical volume \"" + t.display() + "\" is already read only." // quoted, as LVM2
                        : "Logical volume " + t.display() + " is already writable.");
            next = next.withStatusFlag("WRITE", !c.readOnly());
        }
        if (c.alloc() != null && c.alloc().text().equals(lv.allocationPolicy() == null ? "inherit" : lv.allocationPolicy()))
            throw new LvmException("Allocation policy of logical volume " + t.display() + " is already " + c.alloc().text() + ".");
        if (c.alloc() != null)
            next = new Lv(next.name(), next.id(), next.status(), next.flags(), next.tags(), next.creationTime(), next.creationHost(),
                    c.alloc() == Policy.INHERIT ? null : c.alloc().text(), next.extras(), next.segments());
        if (!next.equals(lv)) {
            Vg done = s.commit(vc, vg.withLv(next));
            scan.vgs().put(t.vg(), new VgCopies(done, vc.devices(), List.of()));
            vg = done;
        }
        if (c.activate() != null) {
            if (c.activate() && (lv.hasStatus("LOCKED") || !SnapshotRoles.userVisible(vg, lv)))
                throw new LvmException("Unable to change internal LV " + lv.name() + " directly.");
            if (c.activate()) refuseWithActiveComponent(vg, lv);
            if (c.activate() && ThinMerge.mergingInto(vg, lv.name()) != null) { // a thin snapshot's merge waited for this activation
                vg = new ThinMerge(s).finishPending(vc, vg, lv.name());
                vc = new VgCopies(vg, vc.devices(), List.of());
                scan.vgs().put(t.vg(), vc);
                lv = vg.lv(lv.name()).orElseThrow();
            }
            if (ulvm.segtype.ThinPoolType.of(lv) != null) { // lvchange -ay VG/POOL (or VG: every visible LV) runs the pool alone
                activate(new VgCopies(vg, vc.devices(), List.of()).vgWithPaths(), Set.of(lv.name()), c.activate(), false);
                return;
            }
            // a snapshot is active exactly when its origin is
            Lv target = new SnapshotOps(s).activationTarget(vg, lv, c.yes());
            Vg withPaths = new VgCopies(vg, vc.devices(), List.of()).vgWithPaths();
            String no = c.activate() ? c.mode().refusal(withPaths, target, ActivationMode.missingPvs(withPaths)) : null;
            if (no != null) throw new LvmException(no);
            activate(withPaths, Set.of(target.name()), c.activate(), c.mode() == ActivationMode.PARTIAL);
        }
        // LVM2 tells of a metadata change only; activation is quiet
        if (c.readOnly() != null || c.alloc() != null) s.say("Logical volume " + t.display() + " changed.");
    }

    /**
     * lvchange -ay|-an VG/POOL_tmeta|_tdata (LVM2's component activation): shown read-only by the mount while its pool
     * is inactive; without the prompt's yes, LVM2's refusal of a hidden LV.
     */
    private void activateComponent(VgCopies vc, LvArgs.Target t, Lv component, boolean on) throws LvmException {
        Vg vg = vc.vg();
        if (on && !activateComponent) throw new LvmException("Operation not permitted on hidden LV " + t.display() + ".");
        Lv pool = ulvm.segtype.ThinPoolType.owner(vg, component.name());
        if (on && s.hooks().isActive(vg.name(), pool.name())) // activate_lv: lv_holder_is_active
            throw new LvmException("Activation of logical volume " + t.display() + " is prohibited while logical volume "
                    + vg.name() + "/" + pool.name() + " is active.");
        activate(new VgCopies(vg, vc.devices(), List.of()).vgWithPaths(), Set.of(component.name()), on, false);
    }

    /** activate_lv: lv_component_is_active, for a pool or a thin LV whose pool has its data or metadata LV active. */
    private void refuseWithActiveComponent(Vg vg, Lv lv) throws LvmException {
        ulvm.model.ThinSegment thin = ulvm.segtype.ThinType.of(lv);
        Lv pool = thin != null ? vg.lv(thin.pool()).orElse(null) : lv;
        ulvm.model.ThinPoolSegment ps = pool == null ? null : ulvm.segtype.ThinPoolType.of(pool);
        if (ps == null || s.hooks().isActive(vg.name(), pool.name())) return;
        for (String sub : List.of(ps.metadataLv(), ps.dataLv()))
            if (s.hooks().isActive(vg.name(), sub))
                throw new LvmException("Activation of logical volume " + vg.name() + "/" + lv.name() + " is prohibited while logical volume "
                        + vg.name() + "/" + sub + " is active.");
    }

    /**
     * lvchange --refresh VG/LV...: an active raid LV's failed legs whose devices work again come back and recover what
     * they missed (in the daemon); an inactive LV, or no mount, leaves nothing to do. Quiet as LVM2.
     */
    public void refresh(List<String> args, boolean partialMode) throws LvmException {
        try (Scan scan = s.scan(false)) {
            LvArgs.forEach(s, scan, args, t -> {
                VgCopies vc = s.vg(scan, t.vg());
                Lv lv = vc.vg().lv(t.lv()).orElseThrow(() -> new LvmException("Failed to find logical volume \"" + t.display() + "\""));
                if (!SnapshotRoles.userVisible(vc.vg(), lv)) throw new LvmException("Operation not permitted on hidden LV " + t.display() + ".");
                refresh(vc, lv, partialMode);
            });
        }
    }

    /** vgchange --refresh [VG...]: lvchange --refresh of every visible LV of the VGs (all VGs when none is named). */
    public void vgRefresh(List<String> names) throws LvmException {
        try (Scan scan = s.scan(false)) {
            List<String> todo = names.isEmpty() ? s.vgNames(scan) : names;
            boolean failed = false;
            for (String n : todo) {
                VgCopies vc = s.vg(scan, n);
                for (Lv lv : vc.vg().lvs()) {
                    if (!SnapshotRoles.userVisible(vc.vg(), lv)) continue;
                    try {
                        refresh(vc, lv, false);
                    } catch (LvmException e) { // as LVM2's vg_refresh_visible: the other LVs are still refreshed
                        if (e.getMessage() != null) s.tell(e.getMessage());
                        failed = true;
                    }
                }
            }
            if (failed) throw new LvmException(LvmException.FAILED, null);
        }
    }

    /** LVM2's lv_refresh: a partial LV (on a missing PV) is refused unless --activationmode partial. */
    private void refresh(VgCopies vc, Lv lv, boolean partialMode) throws LvmException {
        Vg vg = vc.vg();
        if (!partialMode && vc.partial()) {
            Set<String> missing = new java.util.HashSet<>();
            for (var p : vc.missingPvs()) missing.add(p.id());
            if (ActivationMode.partial(vg, lv, missing))
                throw new LvmException("Refusing refresh of partial LV " + vg.name() + "/" + lv.name() + ". Use '--activationmode partial' to override.");
        }
        try {
            s.hooks().refresh(vg.name(), lv.name());
        } catch (IOException e) {
            throw new LvmException("Failed to refresh " + vg.name() + "/" + lv.name() + ": " + e.getMessage());
        }
    }

    private void activate(Vg vg, Set<String> lvs, boolean on, boolean partial) throws LvmException {
        if (!on && lvs != null)
            for (String l : withSnapshots(vg, lvs))
                if (s.hooks().isOpen(vg.name(), l)) throw new LvmException("Logical volume " + vg.name() + "/" + l + " in use.");
        if (!on && lvs == null) {
            List<String> open = new ArrayList<>();
            for (Lv l : vg.lvs()) if (s.hooks().isOpen(vg.name(), l.name())) open.add(l.name());
            if (!open.isEmpty())
                throw new LvmException("Logical volume " + vg.name() + "/" + open.get(0) + " in use.\nCan't deactivate volume group \"" + vg.name() + "\" with " + open.size() + " open logical volume(s)");
        }
        if (on && ignoreSkip && lvs == null) { // -K: every visible LV, those flagged to skip activation too (no components)
            lvs = new java.util.LinkedHashSet<>();
            for (Lv l : vg.lvs()) if (l.visible()) lvs.add(l.name());
        } else if (on && !ignoreSkip && lvs != null) { // lv_activation_skip: quietly left out (the mount skips them for a whole VG)
            Set<String> keep = new java.util.LinkedHashSet<>(lvs);
            keep.removeIf(n -> vg.lv(n).map(l -> l.flags().contains("ACTIVATION_SKIP")).orElse(false));
            if (keep.isEmpty()) return;
            lvs = keep;
        }
        try {
            // offline there is nothing to activate or deactivate (as LVM2 without device-mapper): -an is done, -ay is told once
            if (!s.hooks().activate(vg, lvs, on, partial) && on && !toldNoMount) {
                toldNoMount = true;
                s.tell(NO_MOUNT);
            }
        } catch (IOException e) {
            throw new LvmException("Activation of " + vg.name() + " failed: " + e.getMessage());
        }
    }

    /** The LVs and the snapshots (COW LVs) of those that are origins: they go down together. */
    private static List<String> withSnapshots(Vg vg, Set<String> lvs) {
        List<String> out = new ArrayList<>(lvs);
        for (String l : lvs)
            for (Lv in : SnapshotRoles.internalsOfOrigin(vg, l)) out.add(((ulvm.model.SnapshotSegment) in.segments().get(0)).cowStore());
        return out;
    }

    public void vgchange(List<String> names, Boolean activate, Policy alloc, Boolean resizeable) throws LvmException {
        vgchange(names, activate, alloc, resizeable, ActivationMode.DEGRADED);
    }

    /** {@code mode}: which LVs with extents on missing PVs -ay activates (the others are refused, and the exit is 5). */
    public void vgchange(List<String> names, Boolean activate, Policy alloc, Boolean resizeable, ActivationMode mode) throws LvmException {
        boolean refused = false;
        try (Scan scan = s.scan(true)) {
            List<String> todo = names.isEmpty() ? s.vgNames(scan) : names;
            for (String n : todo) {
                // activation alone (up or down) reads the VG, as LVM2 does in a partial VG; changes need every PV
                VgCopies vc = activate != null && alloc == null && resizeable == null ? s.vg(scan, n) : s.writableVg(scan, n);
                Vg vg = vc.vg();
                if (alloc != null || resizeable != null) {
                    Vg next = vg;
                    if (resizeable != null) next = next.withStatusFlag("RESIZEABLE", resizeable);
                    if (alloc != null) {
                        List<ulvm.model.Section.Entry> ex = new ArrayList<>(next.extras());
                        ex.removeIf(e -> e.key().equals("allocation_policy"));
                        if (alloc != Policy.NORMAL) ex.add(new ulvm.model.Section.Entry("allocation_policy", alloc.text(), null));
                        next = new Vg(next.name(), next.id(), next.seqno(), next.status(), next.flags(), next.extentSize(), next.maxLv(), next.maxPv(),
                                next.metadataCopies(), ex, next.pvs(), next.lvs());
                    }
                    vg = s.commit(vc, next);
                    s.say("Volume group \"" + n + "\" successfully changed");
                }
                if (Boolean.TRUE.equals(activate)) // thin snapshot merges that waited for their origins' activation
                    for (Lv lv : List.copyOf(vg.lvs())) {
                        if (ThinMerge.mergingInto(vg, lv.name()) == null) continue;
                        vg = new ThinMerge(s).finishPending(vc, vg, lv.name());
                        vc = new VgCopies(vg, vc.devices(), List.of());
                    }
                if (activate != null) {
                    Vg withPaths = new VgCopies(vg, vc.devices(), List.of()).vgWithPaths();
                    Set<String> only = null;
                    Set<String> missing = ActivationMode.missingPvs(withPaths);
                    if (activate && !missing.isEmpty()) { // lv_activate_with_filter for each LV: refusals, the rest goes on
                        only = new java.util.LinkedHashSet<>();
                        for (Lv lv : withPaths.lvs()) {
                            if (!lv.visible() || lv.hasStatus("LOCKED") || !SnapshotRoles.userVisible(withPaths, lv)) continue;
                            String no = mode.refusal(withPaths, lv, missing);
                            if (no == null) only.add(lv.name());
                            else {
                                s.tell(no);
                                refused = true;
                            }
                        }
                    }
                    activate(withPaths, only, activate, mode == ActivationMode.PARTIAL);
                    s.say(s.hooks().activeCount(n) + " logical volume(s) in volume group \"" + n + "\" now active");
                }
            }
        }
        if (refused) throw new LvmException(LvmException.FAILED, null);
    }
}
