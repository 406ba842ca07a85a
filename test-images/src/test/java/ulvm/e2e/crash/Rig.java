package ulvm.e2e.crash;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import ulvm.cli.Main;
import ulvm.cli.StdConsole;
import ulvm.io.Devices;
import ulvm.live.Activation;
import ulvm.live.LiveVolume;
import ulvm.model.Vg;
import ulvm.ops.CopyPacing;
import ulvm.ops.Wiring;
import ulvm.raid.RaidSettings;
import ulvm.raid.RaidStatus;
import ulvm.store.MetadataWriter;
import ulvm.store.Scan;
import ulvm.store.SystemDir;
import ulvm.store.VgCopies;

/**
 * One trial's machine: {@value #PVS} (or more) sparse PV images in a directory, ulvm's commands run in-process on them (real
 * LVM2 command lines, with {@code --devices}), and the daemon's core, an {@link Activation}, for the live volumes.
 */
final class Rig implements AutoCloseable {
    static final int PVS = 3;
    static final long MiB = 1 << 20;
    static final long PV_BYTES = 24 * MiB;
    static final String VG = "crashvg"; // not "vg": real LVM2 locks by VG name, and other suites run beside

    record Result(int rc, String out, String err) {
        Result ok() {
            if (rc != 0) throw new IllegalStateException("rc=" + rc + "\n" + out + err);
            return this;
        }
    }

    final Path dir;
    final List<Path> images = new ArrayList<>();
    final SystemDir sys;
    final Versions versions = new Versions();
    final Map<String, LiveVolume> shown = new ConcurrentHashMap<>();
    final List<String> messages = java.util.Collections.synchronizedList(new ArrayList<>());
    private final RigHooks hooks = new RigHooks(this);
    volatile Activation act;
    /** The power of the work under way, if any: waits end once it is cut (nothing more can happen). */
    volatile ulvm.io.fault.PowerLoss power;
    /** The opener of the work under way (dry run or trial), for scenarios that inject faults; null after it. */
    volatile CrashOpener opener;
    /** Where the rig's commands, activation and scans open the images (a trial's crash opener, a test's own); null: plain files. */
    volatile Devices.Opener devices;
    /** Told the phases of every metadata commit of the rig's commands; null: nobody. */
    volatile MetadataWriter.Phases phases;

    Rig(Path dir) throws IOException { this(dir, PVS); }

    /** A rig of {@code pvs} PV images. */
    Rig(Path dir, int pvs) throws IOException {
        this.dir = dir;
        this.sys = new SystemDir(dir.resolve("sys"));
        for (int i = 0; i < pvs; i++) {
            Path p = dir.resolve("pv" + i + ".img");
            try (FileChannel ch = FileChannel.open(p, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                ch.write(ByteBuffer.allocate(1), PV_BYTES - 1);
            }
            images.add(p);
        }
    }

    String pv(int i) { return images.get(i).toString(); }

    /** {@code ulvm CMD --devices IMAGES ARGS} in-process, with the rig's hooks. */
    Result cli(String... args) {
        List<String> line = new ArrayList<>(List.of(args[0], "--devices", String.join(",", images.stream().map(Path::toString).toList())));
        line.addAll(List.of(args).subList(1, args.length));
        StringWriter o = new StringWriter(), e = new StringWriter();
        StdConsole c = new StdConsole(new PrintWriter(o, true), new PrintWriter(e, true), java.io.InputStream.nullInputStream());
        int rc = Main.run(line.toArray(new String[0]), sys, c, hooks, false, Path.of("").toAbsolutePath(), wiring());
        return new Result(rc, o.toString(), e.toString());
    }

    /** What the engine runs over now: {@link #devices} and {@link #phases}. */
    Wiring wiring() {
        Devices.Opener d = devices;
        MetadataWriter.Phases p = phases;
        return new Wiring(d == null ? Devices.FILES : d, p == null ? MetadataWriter.Phases.NONE : p, CopyPacing.NONE);
    }

    Result ok(String... args) {
        Result r = cli(args);
        if (r.rc != 0) throw new IllegalStateException(String.join(" ", args) + ": rc=" + r.rc + "\n" + r.out + r.err);
        return r;
    }

    /** The daemon starts: every VG on the images activates (opened through {@link #devices}). */
    void activate() {
        act = new Activation(new Activation.Listener() {
            @Override public void shown(String vg, String lv, LiveVolume v) { shown.put(lv, v); }
            @Override public void hidden(String vg, String lv) { shown.remove(lv); }
        }, messages::add, new RaidSettings(200, 0), wiring().images());
        try (Scan scan = Scan.of(images, false, wiring().images())) {
            List<String> problems = act.activateAll(scan);
            if (!problems.isEmpty()) throw new IllegalStateException("activation: " + problems);
        }
    }

    /** The daemon stops (or dies): nothing more is written through it. */
    void deactivate() {
        Activation a = act;
        act = null;
        shown.clear();
        if (a != null) {
            try {
                a.close();
            } catch (RuntimeException ignored) {
                // after a power cut the arrays cannot write their records: as a crash
            }
        }
    }

    /**
     * Runs (or resumes) the merge of {@code origin}'s merging snapshot as the daemon's background merger does:
     * {@link ulvm.ops.SnapshotMerge#run} with the rig's hooks, the live volumes of the running activation.
     */
    void snapshotMerge(String origin) throws ulvm.api.LvmException {
        ulvm.api.Console log = new ulvm.api.Console() {
            @Override public void out(String line) { messages.add("merge: " + line.trim()); }
            @Override public void err(String line) { out(line); }
            @Override public boolean ask(String q) { return false; }
        };
        ulvm.ops.Session s = new ulvm.ops.Session(sys, images, log, "lvconvert --merge", dir, wiring());
        s.setHooks(hooks);
        new ulvm.ops.SnapshotMerge(s).run(VG, origin, 0, false);
    }

    LiveVolume lv(String name) {
        LiveVolume v = shown.get(name);
        if (v == null) throw new IllegalStateException("LV " + name + " is not active (active: " + shown.keySet() + ")");
        return v;
    }

    VgCopies scan() {
        try (Scan scan = Scan.of(images, false, wiring().images())) {
            return scan.vg(VG).orElseThrow(() -> new IllegalStateException("no VG " + VG + " on the images: " + scan.warnings() + scan.damaged()));
        }
    }

    Vg vg() { return scan().vgWithPaths(); }

    /** Polls until the raid LV's array is in sync (resync or merge done); fails after {@code seconds}. */
    RaidStatus awaitInSync(String lv, int seconds) throws InterruptedException {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (true) {
            RaidStatus s = act.raidStatus(VG, lv);
            if (s == null) throw new IllegalStateException("raid LV " + lv + " is not running");
            if (s.inSync() && s.legs().chars().allMatch(c -> c == 'A')) return s;
            ulvm.io.fault.PowerLoss p = power;
            if (p != null && p.isCut()) throw new IllegalStateException("power lost while waiting for " + lv + " to sync");
            if (System.nanoTime() > end) throw new IllegalStateException("raid LV " + lv + " not in sync after " + seconds + " s: " + s);
            Thread.sleep(5);
        }
    }

    @Override
    public void close() { deactivate(); }
}
