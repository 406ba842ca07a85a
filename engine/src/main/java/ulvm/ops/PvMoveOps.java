package ulvm.ops;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import ulvm.alloc.Policy;
import ulvm.alloc.PvRange;
import ulvm.api.LvmException;
import ulvm.model.Lv;
import ulvm.model.Pv;
import ulvm.model.Vg;
import ulvm.move.MoveLvs;
import ulvm.move.MoveRanges;
import ulvm.move.MoveSetup;
import ulvm.store.MetadataWriter;
import ulvm.store.Scan;
import ulvm.store.VgCopies;

/**
 * pvmove: the set-up of a new move as LVM2 (one commit) from its arguments ({@link PvMoveArgs}), then its copy and
 * finish ({@link PvMoveRunner}), or in a detached process ({@code -b}); moves found in metadata resumed or aborted
 * ({@link PvMoveRecovery}).
 */
public final class PvMoveOps {
    /**
     * What the command line asked. {@code source} null: the no-argument form. {@code interval} seconds between
     * progress lines (0: none); {@code waitFirst}: "+N", no line at once. {@code poll}: the copy that {@code -b} started
     * without a mount ({@link MovePoller}).
     */
    public record Spec(String source, List<String> dests, String lvName, Policy alloc, boolean atomic, boolean abort,
                       long interval, boolean waitFirst, boolean background, boolean poll) {
        public Spec(String source, List<String> dests, String lvName, Policy alloc, boolean atomic, boolean abort, long interval,
                    boolean waitFirst, boolean background) {
            this(source, dests, lvName, alloc, atomic, abort, interval, waitFirst, background, false);
        }
    }

    /** Starts the copy in a detached process running {@code ulvm ARGS}. */
    public interface Detach { void start(List<String> args) throws IOException; }

    private final Session s;
    private final Detach detach;
    private final PvMoveArgs args;
    private final PvMoveRunner runner;
    private final PvMoveRecovery recovery;

    public PvMoveOps(Session s, Detach detach) {
        this.s = s;
        this.detach = detach;
        this.args = new PvMoveArgs(s);
        this.runner = new PvMoveRunner(s);
        this.recovery = new PvMoveRecovery(s, args, runner);
    }

    /** Bytes copied by this command (tests: a resume copies only what is left). */
    public long bytesCopied() { return runner.bytesCopied(); }

    public void pvmove(Spec sp) throws LvmException {
        if (sp.abort()) recovery.abort(sp.source());
        else if (sp.poll()) poll(sp);
        else if (sp.source() == null) resumeAll(sp);
        else move(sp);
    }

    // ---- a new move ----------------------------------------------------------------------------------------

    private void move(Spec sp) throws LvmException {
        try (Scan scan = s.scan(true)) {
            PvMoveArgs.Source src = args.source(scan, sp.source());
            VgCopies vc = src.vc();
            Vg vg = vc.vg();
            String lvName = sp.lvName() == null ? null : PvMoveArgs.lvName(sp.lvName(), vg);
            Optional<Lv> running = PvMoveArgs.moveFrom(vg, src.dev().uuid());
            if (running.isPresent()) {
                s.say("Detected pvmove in progress for " + src.display() + ".");
                if (!sp.dests().isEmpty() || lvName != null) s.tell("WARNING: Ignoring remaining command line arguments.");
                if (sp.background()) { background(List.of(src.display())); return; }
                runner.run(vc, running.get().name(), src.display(), sp);
                return;
            }
            Pv pv = vg.pv(src.dev().uuid()).orElseThrow();
            List<PvRange> ranges = new ArrayList<>();
            MoveRanges.parse(src.suffix(), pv.id(), pv.peCount(), vc.path(pv.id()), ranges);
            if (src.suffix() == null) ranges.clear();
            Policy policy = sp.alloc() == null || sp.alloc() == Policy.INHERIT ? PvMoveArgs.vgPolicy(vg) : sp.alloc();
            Map<String, List<PvRange>> destRanges = new LinkedHashMap<>();
            List<String> candidates = args.destinations(vc, sp.dests(), destRanges);
            Map<String, List<long[]>> used = ulvm.alloc.FreeSpace.usedRanges(vg);
            candidates.removeIf(id -> policy != Policy.ANYWHERE && id.equals(pv.id()) || PvMoveArgs.full(vg, used, id));
            if (candidates.isEmpty()) throw new LvmException("No extents available for allocation.");
            MoveSetup.Request req = new MoveSetup.Request(pv.id(), ranges, candidates, destRanges, lvName, policy, sp.atomic(),
                    System.currentTimeMillis() / 1000, MetadataWriter.hostname(), new LvOps(s).clingRules(vg));
            Vg next = MoveSetup.build(vg, req, s::say);
            String name = MoveLvs.pvmoveLvs(next).get(MoveLvs.pvmoveLvs(next).size() - 1).name();
            Vg done = s.commit(vc, next);
            runner.step("setup", done);
            VgCopies now = new VgCopies(done, vc.devices(), List.of());
            if (sp.background()) { background(List.of(src.display())); return; }
            runner.run(now, name, src.display(), sp);
        }
    }

    private void background(List<String> sourceArgs) throws LvmException {
        if (s.hooks().movesInBackground()) return; // the daemon's mover picks the move up when this command returns
        List<String> args = new ArrayList<>(List.of("pvmove"));
        if (s.devicesOverridden()) {
            List<String> d = new ArrayList<>();
            for (Path p : s.devices()) d.add(p.toString());
            args.add("--devices");
            args.add(String.join(",", d));
        }
        args.addAll(List.of("--poll", "-i", "0"));
        for (String a : sourceArgs) args.add(s.resolve(a).toString());
        try {
            detach.start(args);
        } catch (IOException e) {
            throw new LvmException("Failed to start the background pvmove: " + e.getMessage());
        }
    }

    /**
     * The copy {@code pvmove -b} left to a new process (no mount): the move from {@code source}, or every move; under
     * {@link MovePoller}'s hooks other commands run between its chunks.
     */
    private void poll(Spec sp) throws LvmException {
        if (sp.source() == null) {
            recovery.resume(sp, null);
            return;
        }
        try (Scan scan = recovery.firstScan()) {
            PvMoveArgs.Source src = args.source(scan, sp.source());
            Optional<Lv> mv = PvMoveArgs.moveFrom(src.vc().vg(), src.dev().uuid());
            if (mv.isEmpty()) {
                s.say(src.display() + ": No pvmove in progress - already finished or aborted.");
                return;
            }
            runner.run(src.vc(), mv.get().name(), src.display(), sp);
        }
    }

    // ---- resume and abort ----------------------------------------------------------------------------------

    /** Finishes every move recorded in VG {@code vg} (the daemon's background mover). */
    public void resumeVg(String vg, long interval) throws LvmException {
        recovery.resume(new Spec(null, List.of(), null, null, false, false, interval, true, false), vg);
    }

    private void resumeAll(Spec sp) throws LvmException {
        if (sp.background()) {
            try (Scan scan = s.scan(false)) {
                boolean any = false;
                for (VgCopies vc : scan.vgs().values()) any |= !MoveLvs.pvmoveLvs(vc.vg()).isEmpty();
                if (!any) return;
            }
            background(List.of());
            return;
        }
        recovery.resume(new Spec(null, List.of(), null, null, false, false, sp.interval() == 0 ? 15 : sp.interval(), sp.waitFirst(), false), null);
    }
}
