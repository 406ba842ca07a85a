package ulvm.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import ulvm.api.LvmException;
import ulvm.model.Lv;
import ulvm.model.Vg;
import ulvm.move.MoveLvs;
import ulvm.store.Scan;
import ulvm.store.VgCopies;

/**
 * Moves found in metadata: resumed (a crash, {@code pvmove} without arguments, the daemon's mover), the error LV an
 * interrupted finish left removed ({@link #leftovers}), or aborted back to their source.
 */
final class PvMoveRecovery {
    private final Session s;
    private final PvMoveArgs args;
    private final PvMoveRunner runner;

    PvMoveRecovery(Session s, PvMoveArgs args, PvMoveRunner runner) {
        this.s = s;
        this.args = args;
        this.runner = runner;
    }

    /** Finishes every move recorded (in VG {@code only}, or in every VG), after removing what an interrupted finish left. */
    void resume(PvMoveOps.Spec every, String only) throws LvmException {
        try (Scan scan = firstScan()) {
            for (String vgName : new ArrayList<>(scan.vgs().keySet())) {
                if (only != null && !only.equals(vgName)) continue;
                VgCopies vc = scan.vgs().get(vgName);
                if (MoveLvs.pvmoveLvs(vc.vg()).isEmpty() && leftovers(vc.vg()).isEmpty()) continue;
                vc = s.writableVg(scan, vgName);
                if (!leftovers(vc.vg()).isEmpty()) {
                    try (AutoCloseable held = s.hooks().exclusive()) {
                        if (s.hooks().concurrent()) vc = runner.reread(vc);
                        for (String left : leftovers(vc.vg())) vc = runner.commit(vc, vc.vg().withoutLv(left), 1);
                    } catch (LvmException e) {
                        throw e;
                    } catch (Exception e) {
                        throw new LvmException(e.getMessage());
                    }
                }
                for (Lv mv : MoveLvs.pvmoveLvs(vc.vg())) {
                    if (s.hooks().concurrent()) vc = runner.reread(vc);
                    String display = MoveLvs.sourcePv(vc.vg(), mv).map(vc::path).orElse(mv.name());
                    runner.run(vc, mv.name(), display, every);
                    vc = runner.reread(vc);
                }
            }
        }
    }

    /** pvmove LVs a crash left after the finish's first commit: a 1-extent error LV without PVMOVE. */
    private static List<String> leftovers(Vg vg) {
        List<String> out = new ArrayList<>();
        for (Lv l : vg.lvs())
            if (l.name().matches("pvmove[0-9]+") && !l.hasStatus("PVMOVE") && l.segments().size() == 1 && l.segments().get(0).type().equals("error"))
                out.add(l.name());
        return out;
    }

    /** The first scan of a move; a background move takes it between two commands. */
    Scan firstScan() throws LvmException {
        try (AutoCloseable held = s.hooks().exclusive()) {
            return s.scan(true);
        } catch (LvmException e) {
            throw e;
        } catch (Exception e) {
            throw new LvmException(e.getMessage());
        }
    }

    /** pvmove --abort: the move from {@code sourceArg}, or every move, returns to its source. */
    void abort(String sourceArg) throws LvmException {
        try (Scan scan = s.scan(true)) {
            if (sourceArg != null) {
                PvMoveArgs.Source src = args.source(scan, sourceArg);
                Optional<Lv> mv = PvMoveArgs.moveFrom(src.vc().vg(), src.dev().uuid());
                if (mv.isEmpty()) {
                    s.say(src.display() + ": No pvmove in progress - already finished or aborted.");
                    return;
                }
                runner.finish(src.vc(), src.vc().vg(), mv.get().name(), true);
                return;
            }
            for (String vgName : new ArrayList<>(scan.vgs().keySet())) {
                VgCopies vc = scan.vgs().get(vgName);
                if (MoveLvs.pvmoveLvs(vc.vg()).isEmpty()) continue;
                vc = s.writableVg(scan, vgName);
                for (Lv mv : MoveLvs.pvmoveLvs(vc.vg())) {
                    runner.finish(vc, vc.vg(), mv.name(), true);
                    vc = runner.reread(vc);
                }
            }
        }
    }
}
