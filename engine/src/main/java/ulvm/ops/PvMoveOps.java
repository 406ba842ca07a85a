package ulvm.ops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import ulvm.alloc.Policy;
import ulvm.alloc.PvRange;
import ulvm.api.LvmException;
import ulvm.io.BlockDevice;
import ulvm.model.Lv;
import ulvm.model.Pv;
import ulvm.model.Vg;
import ulvm.move.MoveCopier;
import ulvm.move.MoveFinish;
import ulvm.move.MoveLvs;
import ulvm.move.MoveProgress;
import ulvm.move.MoveRanges;
import ulvm.move.MoveSetup;
import ulvm.store.MetadataWriter;
import ulvm.store.PvDevice;
import ulvm.store.Scan;
import ulvm.store.VgCopies;

/**
 * pvmove without a daemon: validation and set-up as LVM2 (one commit), the copy through the PV image files with
 * checkpoints, the finish; resume of a move found in metadata; abort.
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
    private long bytesCopied;

    public PvMoveOps(Session s, Detach detach) {
        this.s = s;
        this.detach = detach;
    }

    /** Bytes copied by this command (tests: a resume copies only what is left). */
    public long bytesCopied() { return bytesCopied; }

    public void pvmove(Spec sp) throws LvmException {
        if (sp.abort()) abort(sp.source());
        else if (sp.poll()) poll(sp);
        else if (sp.source() == null) resumeAll(sp);
        else move(sp);
    }

    // ---- the source argument -------------------------------------------------------------------------------

    private record Source(VgCopies vc, PvDevice dev, String display, String suffix) {}

    private Source source(Scan scan, String arg) throws LvmException {
        int colon = arg.indexOf(':');
        String path = colon < 0 ? arg : arg.substring(0, colon);
        Path p = s.resolve(path);
        if (!Files.exists(p)) throw LvmException.invalid("Cannot use " + path + ": device not found");
        PvDevice dev = scan.pv(p).orElseThrow(() -> LvmException.invalid("Failed to find physical volume \"" + path + "\"."));
        Optional<VgCopies> vc = scan.vgOf(dev);
        if (vc.isEmpty()) throw new LvmException("No extents available for allocation.");
        String vg = vc.get().vg().name();
        if (vc.get().partial())
            throw LvmException.invalid("Cannot change VG " + vg + " while PVs are missing.\nSee vgreduce --removemissing and vgextend --restoremissing.\n"
                    + "Cannot process volume group " + vg + "\nFailed to find physical volume \"" + path + "\".");
        return new Source(s.writableVg(scan, vg), dev, path, colon < 0 ? null : arg.substring(colon));
    }

    /** _extract_lvname and the checks after it. */
    private static String lvName(String arg, Vg vg) throws LvmException {
        String n = arg;
        if (arg.contains("/")) {
            n = arg.startsWith("/dev/") ? arg.substring(5) : arg;
            while (n.startsWith("/")) n = n.substring(1);
            if (!n.contains("/")) throw LvmException.invalid("--name takes a logical volume name.\nFailed to find an LV name.");
            if (!n.startsWith(vg.name()) || n.length() == vg.name().length() || n.charAt(vg.name().length()) != '/')
                throw LvmException.invalid("Named LV and old PV must be in the same VG.\nFailed to find an LV name.");
            n = n.substring(vg.name().length());
            while (n.startsWith("/")) n = n.substring(1);
            if (n.isEmpty()) throw LvmException.invalid("Incomplete LV name supplied with --name.\nFailed to find an LV name.");
        }
        if (Names.reason(n) != null || n.contains("/")) throw LvmException.invalid("Logical volume name " + n + " is invalid.");
        if (vg.lv(n).isEmpty()) throw new LvmException("Logical volume " + n + " not found.");
        return n;
    }

    private static Optional<Lv> moveFrom(Vg vg, String pvId) {
        for (Lv l : MoveLvs.pvmoveLvs(vg)) if (MoveLvs.sourcePv(vg, l).map(pvId::equals).orElse(false)) return Optional.of(l);
        return Optional.empty();
    }

    // ---- a new move ----------------------------------------------------------------------------------------

    private void move(Spec sp) throws LvmException {
        try (Scan scan = s.scan(true)) {
            Source src = source(scan, sp.source());
            VgCopies vc = src.vc();
            Vg vg = vc.vg();
            String lvName = sp.lvName() == null ? null : lvName(sp.lvName(), vg);
            Optional<Lv> running = moveFrom(vg, src.dev().uuid());
            if (running.isPresent()) {
                s.say("Detected pvmove in progress for " + src.display() + ".");
                if (!sp.dests().isEmpty() || lvName != null) s.tell("WARNING: Ignoring remaining command line arguments.");
                if (sp.background()) { background(List.of(src.display())); return; }
                run(vc, running.get().name(), src.display(), sp);
                return;
            }
            Pv pv = vg.pv(src.dev().uuid()).orElseThrow();
            List<PvRange> ranges = new ArrayList<>();
            MoveRanges.parse(src.suffix(), pv.id(), pv.peCount(), vc.path(pv.id()), ranges);
            if (src.suffix() == null) ranges.clear();
            Policy policy = sp.alloc() == null || sp.alloc() == Policy.INHERIT ? vgPolicy(vg) : sp.alloc();
            Map<String, List<PvRange>> destRanges = new LinkedHashMap<>();
            List<String> candidates = destinations(vc, sp.dests(), destRanges);
            Map<String, List<long[]>> used = ulvm.alloc.FreeSpace.usedRanges(vg);
            candidates.removeIf(id -> policy != Policy.ANYWHERE && id.equals(pv.id()) || full(vg, used, id));
            if (candidates.isEmpty()) throw new LvmException("No extents available for allocation.");
            MoveSetup.Request req = new MoveSetup.Request(pv.id(), ranges, candidates, destRanges, lvName, policy, sp.atomic(),
                    System.currentTimeMillis() / 1000, MetadataWriter.hostname());
            Vg next = MoveSetup.build(vg, req, s::say);
            String name = MoveLvs.pvmoveLvs(next).get(MoveLvs.pvmoveLvs(next).size() - 1).name();
            Vg done = s.commit(vc, next);
            step("setup", done);
            VgCopies now = new VgCopies(done, vc.devices(), List.of());
            if (sp.background()) { background(List.of(src.display())); return; }
            run(now, name, src.display(), sp);
        }
    }

    private static Policy vgPolicy(Vg vg) {
        for (var e : vg.extras())
            if (e.key().equals("allocation_policy") && e.value() instanceof String p) {
                Policy x = Policy.parse(p);
                return x == Policy.INHERIT ? Policy.NORMAL : x;
            }
        return Policy.NORMAL;
    }

    private static boolean full(Vg vg, Map<String, List<long[]>> used, String id) {
        long n = 0;
        for (long[] r : used.getOrDefault(id, List.of())) n += r[1] - r[0];
        return n >= vg.pv(id).orElseThrow().peCount();
    }

    /** The destination list (create_pv_list with allocatable_only), or every PV of the VG. */
    private List<String> destinations(VgCopies vc, List<String> args, Map<String, List<PvRange>> ranges) throws LvmException {
        Vg vg = vc.vg();
        List<String> out = new ArrayList<>();
        if (args.isEmpty()) {
            for (Pv p : vg.pvs()) out.add(p.id());
            return out;
        }
        Map<String, List<long[]>> used = ulvm.alloc.FreeSpace.usedRanges(vg);
        List<PvRange> all = new ArrayList<>();
        for (String arg : args) {
            if (arg.startsWith("@")) {
                String tag = arg.substring(1);
                if (tag.isEmpty() || !tag.matches("[A-Za-z0-9_+.\\-/=!:&#]+")) {
                    s.tell("Skipping invalid tag " + tag + ".");
                    continue;
                }
                for (Pv p : vg.pvs()) if (tags(p).contains(tag)) entry(vc, p, null, used, out, all);
                continue;
            }
            int colon = arg.indexOf(':');
            String path = colon < 0 ? arg : arg.substring(0, colon);
            Path pth = s.resolve(path);
            Pv pv = null;
            for (var e : vc.devices().entrySet())
                if (e.getValue().path().toAbsolutePath().normalize().equals(pth)) pv = vg.pv(e.getKey()).orElse(null);
            if (pv == null) throw new LvmException("Physical Volume \"" + path + "\" not found in Volume Group \"" + vg.name() + "\".");
            entry(vc, pv, colon < 0 ? null : arg.substring(colon), used, out, all);
        }
        if (out.isEmpty()) throw new LvmException("No specified PVs have space available.");
        for (PvRange r : all) ranges.computeIfAbsent(r.pvId(), k -> new ArrayList<>()).add(r);
        return out;
    }

    private static List<String> tags(Pv p) {
        List<String> out = new ArrayList<>();
        for (var e : p.extras()) if (e.key().equals("tags") && e.value() instanceof List<?> l) for (Object o : l) out.add(String.valueOf(o));
        return out;
    }

    private void entry(VgCopies vc, Pv pv, String suffix, Map<String, List<long[]>> used, List<String> out, List<PvRange> ranges)
            throws LvmException {
        String name = vc.path(pv.id());
        if (!pv.allocatable()) { s.tell("WARNING: Physical volume " + name + " not allocatable."); return; }
        if (name == null || pv.missingFlag()) { s.tell("WARNING: Physical volume " + pv.device() + " is missing."); return; }
        if (full(vc.vg(), used, pv.id())) { s.tell("WARNING: No free extents on physical volume \"" + name + "\"."); return; }
        if (!out.contains(pv.id())) out.add(pv.id());
        if (suffix != null) MoveRanges.parse(suffix, pv.id(), pv.peCount(), name, ranges);
        else ranges.add(new PvRange(pv.id(), 0, pv.peCount()));
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
            resume(sp, null);
            return;
        }
        try (Scan scan = firstScan()) {
            Source src = source(scan, sp.source());
            Optional<Lv> mv = moveFrom(src.vc().vg(), src.dev().uuid());
            if (mv.isEmpty()) {
                s.say(src.display() + ": No pvmove in progress - already finished or aborted.");
                return;
            }
            run(src.vc(), mv.get().name(), src.display(), sp);
        }
    }

    // ---- copy and finish -----------------------------------------------------------------------------------

    private void step(String what, Vg done) throws LvmException {
        try {
            s.wiring().pacing().moveCommitted(what, done);
        } catch (IOException e) {
            throw new LvmException(e.getMessage());
        }
    }

    /** Commits with LVM2's description: "Write from ..." and, for later writes of one VG struct, "Write[N] from ...". */
    private VgCopies commit(VgCopies vc, Vg next, int n) throws LvmException {
        Vg done = n <= 1 ? s.commit(vc, next) : s.commit(vc, next, "Write[" + n + "] from " + s.commandLine() + ".");
        return new VgCopies(done, vc.devices(), List.of());
    }

    private void progress(String display, long moved, long total) {
        s.say(display + ": Moved: " + MoveProgress.percent(moved, total) + "%");
    }

    /** Copies what is left of the move {@code name}, then finishes it. */
    private void run(VgCopies vc, String name, String display, Spec sp) throws LvmException {
        if (!s.hooks().concurrent()) {
            try {
                if (s.hooks().awaitMove(vc.vg().name(), name, sp.interval(), !sp.waitFirst(), (moved, total) -> progress(display, moved, total))) return;
            } catch (IOException e) {
                if (e.getCause() instanceof LvmException le) throw le;
                throw new LvmException(e.getMessage());
            }
        }
        Map<String, BlockDevice> devs = new LinkedHashMap<>();
        for (var e : vc.devices().entrySet()) devs.put(e.getKey(), e.getValue().device());
        VgCopies[] cur = {vc};
        long delay = s.wiring().pacing().movePauseMillis();
        MoveCopier.ChunkLock lock = s.hooks().chunkLock(vc.vg().name(), vc.vg().lv(name).orElseThrow().id());
        MoveCopier copier = new MoveCopier(vc.vg(), name, devs, next -> {
            try {
                try (AutoCloseable held = s.hooks().exclusive()) {
                    VgCopies base = s.hooks().concurrent() ? reread(cur[0]) : cur[0];
                    cur[0] = commit(base, rebase(base.vg(), next, name), 1);
                }
                step("checkpoint", cur[0].vg());
                pause(delay);
                return cur[0].vg();
            } catch (LvmException e) {
                throw new IOException(e.getMessage(), e);
            } catch (IOException | RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IOException(e.getMessage(), e);
            }
        }, lock);
        long intervalMs = sp.interval() * 1000;
        long last = System.nanoTime();
        if (intervalMs > 0 && !sp.waitFirst()) progress(display, copier.movedExtents(), copier.totalExtents());
        try {
            while (copier.step()) {
                if (s.hooks().stopRequested()) throw new IOException(new LvmException("pvmove of " + display + " stopped."));
                if (intervalMs > 0 && (System.nanoTime() - last) / 1_000_000 >= intervalMs && !copier.done()) {
                    progress(display, copier.movedExtents(), copier.totalExtents());
                    last = System.nanoTime();
                }
            }
        } catch (IOException e) {
            bytesCopied += copier.bytesCopied();
            if (e.getCause() instanceof LvmException le) throw le;
            throw new LvmException("ABORTING: Mirror percentage check failed.\n" + e.getMessage());
        }
        bytesCopied += copier.bytesCopied();
        if (intervalMs > 0) progress(display, copier.totalExtents(), copier.totalExtents());
        finish(cur[0], copier.vg(), name, false);
    }

    /** The finish (or abort) commits of MoveFinish, from {@code vg} (committed state plus in-memory progress). */
    private void finish(VgCopies vc, Vg vg, String name, boolean abort) throws LvmException {
        try (AutoCloseable held = s.hooks().exclusive()) {
            VgCopies cur = s.hooks().concurrent() ? reread(vc) : vc;
            int n = 1;
            for (Vg next : MoveFinish.steps(rebase(cur.vg(), vg, name), name, abort)) {
                cur = commit(cur, next, n);
                step("finish" + n, cur.vg());
                n++;
            }
        } catch (LvmException e) {
            throw e;
        } catch (Exception e) {
            throw new LvmException(e.getMessage());
        }
    }

    /**
     * {@code fresh} (the VG as committed now) with the pvmove LV's segments of {@code moving} (its progress). The same
     * VG when nothing else committed; a background move re-reads first, as commands may have changed other LVs.
     */
    private static Vg rebase(Vg fresh, Vg moving, String name) throws LvmException {
        Lv mine = moving.lv(name).orElseThrow();
        Lv now = fresh.lv(name).filter(l -> l.id().equals(mine.id()) && l.segments().size() == mine.segments().size())
                .orElseThrow(() -> new LvmException("pvmove " + name + " of VG " + fresh.name() + " changed by another command: stopped."));
        return now == mine ? fresh : fresh.withLv(now.withSegments(mine.segments()));
    }

    /** The pacing's pause after a checkpoint, cut short when the move is asked to stop. */
    private void pause(long ms) throws InterruptedException {
        long end = System.nanoTime() + ms * 1_000_000;
        while (ms > 0 && System.nanoTime() < end && !s.hooks().stopRequested()) Thread.sleep(Math.min(20, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
    }

    // ---- resume and abort ----------------------------------------------------------------------------------

    /** Finishes every move recorded in VG {@code vg} (the daemon's background mover). */
    public void resumeVg(String vg, long interval) throws LvmException {
        resume(new Spec(null, List.of(), null, null, false, false, interval, true, false), vg);
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
        resume(new Spec(null, List.of(), null, null, false, false, sp.interval() == 0 ? 15 : sp.interval(), sp.waitFirst(), false), null);
    }

    private void resume(Spec every, String only) throws LvmException {
        try (Scan scan = firstScan()) {
            for (String vgName : new ArrayList<>(scan.vgs().keySet())) {
                if (only != null && !only.equals(vgName)) continue;
                VgCopies vc = scan.vgs().get(vgName);
                if (MoveLvs.pvmoveLvs(vc.vg()).isEmpty() && leftovers(vc.vg()).isEmpty()) continue;
                vc = s.writableVg(scan, vgName);
                if (!leftovers(vc.vg()).isEmpty()) {
                    try (AutoCloseable held = s.hooks().exclusive()) {
                        if (s.hooks().concurrent()) vc = reread(vc);
                        for (String left : leftovers(vc.vg())) vc = commit(vc, vc.vg().withoutLv(left), 1);
                    } catch (LvmException e) {
                        throw e;
                    } catch (Exception e) {
                        throw new LvmException(e.getMessage());
                    }
                }
                for (Lv mv : MoveLvs.pvmoveLvs(vc.vg())) {
                    if (s.hooks().concurrent()) vc = reread(vc);
                    String display = MoveLvs.sourcePv(vc.vg(), mv).map(vc::path).orElse(mv.name());
                    run(vc, mv.name(), display, every);
                    vc = reread(vc);
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

    private VgCopies reread(VgCopies vc) throws LvmException {
        try (AutoCloseable held = s.hooks().exclusive(); Scan scan = s.scan(false)) {
            VgCopies fresh = scan.vg(vc.vg().name()).orElseThrow(() -> new LvmException("Can't find VG " + vc.vg().name() + ". No longer active."));
            return new VgCopies(fresh.vg(), vc.devices(), List.of());
        } catch (LvmException e) {
            throw e;
        } catch (Exception e) {
            throw new LvmException(e.getMessage());
        }
    }

    /** The first scan of a move; a background move takes it between two commands. */
    private Scan firstScan() throws LvmException {
        try (AutoCloseable held = s.hooks().exclusive()) {
            return s.scan(true);
        } catch (LvmException e) {
            throw e;
        } catch (Exception e) {
            throw new LvmException(e.getMessage());
        }
    }

    private void abort(String sourceArg) throws LvmException {
        try (Scan scan = s.scan(true)) {
            if (sourceArg != null) {
                Source src = source(scan, sourceArg);
                Optional<Lv> mv = moveFrom(src.vc().vg(), src.dev().uuid());
                if (mv.isEmpty()) {
                    s.say(src.display() + ": No pvmove in progress - already finished or aborted.");
                    return;
                }
                finish(src.vc(), src.vc().vg(), mv.get().name(), true);
                return;
            }
            for (String vgName : new ArrayList<>(scan.vgs().keySet())) {
                VgCopies vc = scan.vgs().get(vgName);
                if (MoveLvs.pvmoveLvs(vc.vg()).isEmpty()) continue;
                vc = s.writableVg(scan, vgName);
                for (Lv mv : MoveLvs.pvmoveLvs(vc.vg())) {
                    finish(vc, vc.vg(), mv.name(), true);
                    vc = reread(vc);
                }
            }
        }
    }
}
