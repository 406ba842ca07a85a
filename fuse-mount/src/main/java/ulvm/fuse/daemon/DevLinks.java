package ulvm.fuse.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import ulvm.api.DevPaths;
import ulvm.io.Volume;

/**
 * `ulvm mount --dev-links`: each active LV, the file MOUNTPOINT/VG/LV, gets a loop device with direct I/O over it
 * and the links DEVDIR/VG/LV and DEVDIR/mapper/VG-LV to that device (DEVDIR: {@link DevPaths#devDir()}).
 *
 * <p>The activation listener only records which LVs are wanted ({@link #shown}, {@link #hidden}, {@link #vgGone}); one
 * thread of our own runs losetup, because losetup opens the LV file this same daemon serves: it must never run on a
 * thread holding the daemon's locks. Nothing runs before {@link #start} (the mount must answer first).
 */
final class DevLinks implements AutoCloseable {
    /** A loop device of ours: {@code v} the live volume it was attached over, {@code readOnly} as attached (-r). */
    record Link(String vg, String lv, String device, Volume v, boolean readOnly) {}

    private record Want(String vg, String lv, Volume v) {}

    private final Path mountpoint;
    private final Path ownedFile;
    private final Map<String, Want> wanted = new LinkedHashMap<>();
    private final Map<String, Link> links = new ConcurrentHashMap<>();
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ulvm-dev-links");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean queued = new AtomicBoolean();
    private volatile boolean started;
    /** LVs whose mapping changed under their loop (a merge started, an extension): its cached blocks are dropped. */
    private final java.util.Set<String> changed = new java.util.HashSet<>();
    /** Mount points frozen by {@link #freeze} (the command thread's, or a background commit's under the command lock). */
    private final List<String> frozen = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** {@code ownedFile}: where the loop devices of ours are listed, one a line (`ulvm umount` leaves them to us). */
    DevLinks(Path mountpoint, Path ownedFile) {
        this.mountpoint = mountpoint;
        this.ownedFile = ownedFile;
    }

    // ---- the activation listener's side: no I/O, no waiting ----

    synchronized void shown(String vg, String lv, Volume v) {
        Want was = wanted.put(key(vg, lv), new Want(vg, lv, v));
        if (was != null && was.v() == v) changed.add(key(vg, lv));
        kick();
    }

    synchronized void hidden(String vg, String lv) {
        wanted.remove(key(vg, lv));
        kick();
    }

    synchronized void vgGone(String vg) {
        wanted.keySet().removeIf(k -> k.startsWith(vg + "/"));
        kick();
    }

    // ---- the daemon's side ----

    /** The mount answers: the links follow the active LVs from now on. */
    void start() {
        started = true;
        worker.execute(this::reconcile);
    }

    /** Waits until the links follow every change made so far (a command returns once its LVs are linked). */
    void await() {
        thaw();
        if (!started) return;
        waitFor(worker.submit(this::reconcile));
    }

    /** The loop device linked to the LV, or null. */
    String device(String vg, String lv) {
        Link l = links.get(key(vg, lv));
        return l == null ? null : l.device();
    }

    /**
     * Whether the LV is in use: with a loop of ours, when that loop is held (mounted, open) or another file handle is
     * open on the LV file besides the loop's own; {@code fileHandles}: the open handles on the LV file.
     */
    boolean isOpen(String vg, String lv, int fileHandles) {
        Link l = links.get(key(vg, lv));
        if (l == null) return fileHandles > 0;
        return fileHandles > 1 || LoopDevices.busy(l.device());
    }

    /** Freezes the file systems mounted on the loops of ours of {@code vg}/{@code lvs}: a snapshot of them follows, then {@link #thaw}. */
    void freeze(String vg, java.util.Set<String> lvs) {
        for (Link l : links.values()) {
            if (!l.vg().equals(vg) || !lvs.contains(l.lv())) continue;
            String at = FsFreeze.mountPointOf(l.device());
            if (at != null && !frozen.contains(at) && FsFreeze.freeze(at)) frozen.add(at);
        }
    }

    /** Thaws what {@link #freeze} froze (after the resume; again after each command, whatever failed). */
    void thaw() {
        for (String at : frozen) FsFreeze.thaw(at);
        frozen.clear();
    }

    /** A loop of ours still held (mounted, open), or null. */
    String busyDevice() {
        for (Link l : links.values()) if (LoopDevices.busy(l.device())) return l.device();
        return null;
    }

    /** Detaches every loop of ours and removes its links (the daemon stops). */
    @Override
    public void close() {
        synchronized (this) {
            wanted.clear();
        }
        if (started) waitFor(worker.submit(this::reconcile));
        worker.shutdownNow();
    }

    // ---- the worker ----

    /**
     * A change from the listener: followed a little later, so a command's hidden-then-shown (vgrename) is seen whole;
     * a command's own changes are followed at once by {@link #await} when it returns. Background changes (a merge
     * ending) need the delay only.
     */
    private void kick() {
        if (started && queued.compareAndSet(false, true)) worker.schedule(this::reconcile, 500, TimeUnit.MILLISECONDS);
    }

    private void reconcile() {
        queued.set(false);
        Map<String, Want> want;
        List<String> remapped;
        synchronized (this) {
            want = new LinkedHashMap<>(wanted);
            remapped = new ArrayList<>(changed);
            changed.clear();
        }
        Map<Volume, String> wantedAt = new HashMap<>();
        for (var e : want.entrySet()) wantedAt.put(e.getValue().v(), e.getKey());
        for (Link l : new ArrayList<>(links.values())) {
            String k = key(l.vg(), l.lv());
            Want w = want.get(k);
            // lvchange -p r|rw: a loop nobody holds is attached again with the LV's new mode
            if (w != null && w.v() == l.v() && (w.v().readOnly() == l.readOnly() || LoopDevices.busy(l.device()))) continue;
            removeLinks(l);
            links.remove(k);
            String moved = wantedAt.get(l.v()); // the same volume under a new name (vgrename): the loop stays
            if (moved != null && !moved.equals(k) && !links.containsKey(moved)) {
                Want m = want.get(moved);
                Link n = new Link(m.vg(), m.lv(), l.device(), l.v(), l.readOnly());
                links.put(moved, n);
                makeLinks(n);
            } else detach(l.device());
        }
        for (var e : want.entrySet()) {
            if (links.containsKey(e.getKey())) continue;
            Want w = e.getValue();
            String dev = attach(w);
            if (dev == null) continue;
            Link l = new Link(w.vg(), w.lv(), dev, w.v(), w.v().readOnly());
            links.put(e.getKey(), l);
            makeLinks(l);
        }
        for (Link l : links.values()) {
            if (LoopDevices.sizeBytes(l.device()) != l.v().size()) run("losetup", "-c", l.device()); // lvextend, lvreduce
        }
        for (String k : remapped) { // e.g. a snapshot merging into its origin: what the loop cached is stale
            Link l = links.get(k);
            if (l != null && !LoopDevices.busy(l.device())) run("blockdev", "--flushbufs", l.device());
        }
        writeOwned();
    }

    private String attach(Want w) {
        Path file = mountpoint.resolve(w.vg()).resolve(w.lv());
        List<String> cmd = new ArrayList<>(List.of("losetup", "--direct-io=on", "-f", "--show"));
        if (w.v().readOnly()) cmd.add("-r");
        cmd.add(file.toString());
        String out = run(cmd.toArray(new String[0]));
        if (out == null || !out.strip().startsWith("/dev/loop")) return null;
        return out.strip().lines().filter(s -> s.startsWith("/dev/loop")).findFirst().orElse(null);
    }

    private void detach(String device) {
        run("losetup", "-d", device);
        long deadline = System.currentTimeMillis() + 10_000; // asynchronous while the kernel lets go
        while (LoopDevices.attached(device) && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void makeLinks(Link l) {
        Path dev = Path.of(l.device());
        for (Path p : paths(l)) {
            try {
                Files.createDirectories(p.getParent());
                Files.deleteIfExists(p);
                Files.createSymbolicLink(p, dev);
            } catch (IOException e) {
                say("cannot link " + p + " to " + dev + ": " + e.getMessage());
            }
        }
    }

    private void removeLinks(Link l) {
        for (Path p : paths(l)) {
            try {
                if (Files.isSymbolicLink(p) && Files.readSymbolicLink(p).toString().equals(l.device())) Files.delete(p);
            } catch (IOException e) {
                say("cannot remove " + p + ": " + e.getMessage());
            }
        }
        Path vgDir = Path.of(DevPaths.devDir(), l.vg());
        try (var d = Files.list(vgDir)) {
            if (d.findAny().isEmpty()) Files.delete(vgDir); // as LVM2, /dev/VG goes with its last LV
        } catch (IOException ignored) { }
    }

    private static List<Path> paths(Link l) {
        String dir = DevPaths.devDir();
        return List.of(Path.of(dir, l.vg(), l.lv()), Path.of(dir, "mapper", DevPaths.dmName(l.vg(), l.lv())));
    }

    private void writeOwned() {
        StringBuilder b = new StringBuilder();
        for (Link l : links.values()) b.append(l.device()).append('\n');
        try {
            Files.writeString(ownedFile, b);
        } catch (IOException e) {
            say("cannot write " + ownedFile + ": " + e.getMessage());
        }
    }

    /** The loop devices a running daemon lists as its own (for `ulvm umount`). */
    static List<String> owned(Path ownedFile) {
        try {
            return Files.exists(ownedFile) ? Files.readAllLines(ownedFile).stream().filter(s -> !s.isBlank()).toList() : List.of();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The loop devices attached to files under the mount, but those of ours nobody holds (they go with the mount). */
    static List<LoopDevices.Attached> holding(Path mountpoint, Path ownedFile) {
        List<String> ours = owned(ownedFile);
        List<LoopDevices.Attached> out = new ArrayList<>(LoopDevices.under(mountpoint));
        out.removeIf(a -> ours.contains(a.device()) && !LoopDevices.busy(a.device()));
        return out;
    }

    /** Runs a command (60 s at most); its stdout, or null when it failed (said in the daemon's log). */
    private static String run(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                say(String.join(" ", cmd) + " timed out");
                return null;
            }
            if (p.exitValue() != 0) {
                say(String.join(" ", cmd) + " failed (exit " + p.exitValue() + ")");
                return null;
            }
            return out;
        } catch (IOException e) {
            say(String.join(" ", cmd) + ": " + e.getMessage());
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static void waitFor(Future<?> f) {
        try {
            f.get(120, TimeUnit.SECONDS);
        } catch (Exception e) {
            say("the dev links did not follow in time: " + e);
        }
    }

    private static void say(String msg) { System.err.println("ulvm daemon: dev-links: " + msg); }

    private static String key(String vg, String lv) { return vg + "/" + lv; }
}
