package ulvm.e2e.crash;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import ulvm.io.fault.Fault;
import ulvm.io.fault.FaultyDevice;
import ulvm.model.Area;
import ulvm.model.Lv;
import ulvm.model.RaidSegment;
import ulvm.model.Segment;
import ulvm.model.Vg;
import ulvm.raid.RaidStatus;

/**
 * One seeded walk (issue 13.1): a written LV "r" goes through a random sequence of image-count changes
 * ({@code -m +N}, {@code -m -N}, {@code -m 0} with and without PV lists), tracked splits and their merges, splits
 * with {@code --name}, pvmoves of its PVs, leg failures (writes to a PV's extents fail) with {@code --repair} or
 * {@code --refresh}, recovery-rate changes (so that removals meet legs still recovering) and daemon restarts with
 * steps run offline, while a writer
 * thread writes it. After every step, with the writer stopped, every block of r reads exactly its last returned
 * write: no conversion may drop the last image holding a region's current data. A command may succeed or be refused
 * (exit 5, one line in LVM2's words from {@link #REFUSALS}); anything else fails the walk.
 */
final class ConversionWalk {
    static final String LV = "r";
    private static final int PVS = 6;
    private static final int BLOCKS = Builds.BLOCKS;
    /** The refusals a step may meet (LVM2's words); any other failure is a bug. */
    static final Pattern REFUSALS = Pattern.compile(String.join("|",
            "Unable to remove all primary source devices\\.?",
            "Unable to remove primary RAID image while array resyncing\\.?",
            "Unable to remove RAID image while array is performing \"\\w+\"\\.?",
            "Can't add image to RAID LV that is still initializing\\.",
            "Unable to split image from .* while not in-sync\\.",
            "Unable to split .* while it is not in-sync\\.",
            "Cannot track more than one split image at a time\\.",
            "Conversion of tracking raid1 LV .* is not supported\\.",
            "Conversion of tracked raid1 subvolume .* is not supported\\.",
            "Unable to split additional image from .*",
            "Unable to replace devices in .* while it is not in-sync\\.",
            "Insufficient suitable allocatable extents .*",
            "No extents available for allocation\\.",
            "Command on LV .* does not accept LV type \\w+\\.",
            "Insufficient free space: .*",
            "Unable to allocate mirror extents for .*",
            "Failed to convert pvmove LV to mirrored\\.",
            "No data to move for .*",
            "Unable to pvmove when .*",
            "Cannot move in clustered VG .*|Unable to move .*",
            "Unable to remove \\d+ images:  Only \\d+ devices? given\\.",
            "Failed to extract images from .*",
            "Unable to reduce images by specified amount\\.",
            "Unable to split images by specified amount\\.",
            "Unable to find image to satisfy request\\.",
            "Only up to \\d+ mirrors in raid1 LV .* supported currently\\.",
            "Physical volume .* is already in use.*|.*is being moved.*|.*already has image count.*",
            ".* has no failed images to repair.*|.*does not contain devices specified to replace.*|"
                    + "Unable to replace all PVs from .* at once\\.|.*Faulty devices in .* successfully replaced.*"));

    private final Rig rig;
    private final Random random;
    private final FaultyDevice[] disks = new FaultyDevice[PVS];
    private final long[] latest = new long[BLOCKS];
    private final List<String> log = new ArrayList<>();
    final Map<String, Integer> refused = new LinkedHashMap<>();
    private long version = 1;
    /** The command under way (for the failure's report). */
    private volatile String current = "";
    private int splits;
    /** What r held when its tracked image was split off (null: unknown, split offline). */
    private byte[] tracked;

    private ConversionWalk(Rig rig, Random random) {
        this.rig = rig;
        this.random = random;
    }

    /** Runs walk {@code seed} of {@code steps} steps in {@code dir}; throws what it finds wrong, with the steps taken. */
    static Map<String, Integer> run(Path dir, long seed, int steps) throws Exception {
        try (CrashOpener opener = new CrashOpener(null); Rig rig = new Rig(dir, PVS)) {
            rig.devices = opener;
            rig.opener = opener;
            ConversionWalk w = new ConversionWalk(rig, new Random(seed));
            try {
                w.walk(steps);
            } catch (Throwable t) {
                throw new AssertionError("walk seed " + seed + " failed (replay: -Dulvm.walk.seed=" + seed + "): " + t.getMessage()
                        + "\nsteps:\n  " + String.join("\n  ", w.log) + "\n  (then) " + w.current + "\ndaemon: " + rig.messages, t);
            }
            return w.refused;
        }
    }

    private void walk(int steps) throws Exception {
        for (int i = 0; i < PVS; i++) disks[i] = rig.opener.faulty(rig.images.get(i));
        rig.ok("vgcreate", "-s", "1m", Rig.VG, rig.pv(0), rig.pv(1), rig.pv(2), rig.pv(3), rig.pv(4), rig.pv(5));
        rig.ok("lvcreate", "-L", Builds.LV_MIB + "m", "-n", LV, Rig.VG, rig.pv(0));
        rig.activate();
        fill();
        check("start");
        for (int s = 0; s < steps; s++) {
            Writer w = new Writer(new Random(random.nextLong()));
            String what;
            try {
                what = step();
            } finally {
                w.stop();
            }
            log.add(what + state());
            check(what);
        }
        if (rig.act == null) rig.activate();
        log.add("end: full speed, wait for the sync");
        clearFaults();
        for (Lv l : rig.vg().lvs()) if (l.name().startsWith(LV + "_rimage_") && l.visible()) log.add(cmd("lvconvert", "--merge", Rig.VG + "/" + l.name()));
        if (isRaid()) {
            cmd("lvchange", "--maxrecoveryrate", "0", Rig.VG + "/" + LV);
            awaitInSync();
            Scenario.imagesEqual(rig, LV, legs().size());
        }
        check("end");
    }

    /** One random step; returns what it did. */
    private String step() throws Exception {
        int k = random.nextInt(100);
        if (rig.act == null && k >= 85) {
            rig.activate();
            return "activate (daemon restart)";
        }
        if (k >= 88 && k < 94 && rig.act != null) {
            synchronized (this) { // not in the middle of a write
                rig.deactivate();
            }
            return "deactivate (daemon stops; steps run offline)";
        }
        if (k < 22) return addImages();
        if (k < 44) return removeImages();
        if (k < 50) return toLinear();
        if (k < 60) return trackOrMerge();
        if (k < 64) return splitNamed();
        if (k < 72) return pvmove();
        if (k < 80) return rate();
        if (k < 88) return failLeg();
        return rig.act == null ? "nothing (offline)" : "writes " + writes(50 + random.nextInt(200), random);
    }

    private String addImages() throws Exception {
        int n = 1 + random.nextInt(2);
        List<String> args = new ArrayList<>(List.of("lvconvert", "-y", "-m", "+" + n, Rig.VG + "/" + LV));
        args.addAll(randomPvs(random.nextInt(3)));
        return cmd(args.toArray(String[]::new));
    }

    private String removeImages() throws Exception {
        int n = 1 + random.nextInt(2);
        List<String> args = new ArrayList<>(List.of("lvconvert", "-y", "-m", "-" + n, Rig.VG + "/" + LV));
        args.addAll(random.nextBoolean() ? legPvs(n + random.nextInt(2)) : randomPvs(random.nextInt(3)));
        return cmd(args.toArray(String[]::new));
    }

    private String toLinear() throws Exception {
        List<String> args = new ArrayList<>(List.of("lvconvert", "-y", "-m", "0", Rig.VG + "/" + LV));
        args.addAll(legPvs(Math.max(0, legs().size() - 1)));
        return cmd(args.toArray(String[]::new));
    }

    /** Merges the tracked image back, or splits one off with tracking (writer paused: r's content is kept). */
    private synchronized String trackOrMerge() throws Exception {
        Vg vg = rig.vg();
        for (Lv l : vg.lvs())
            if (l.name().startsWith(LV + "_rimage_") && l.visible()) return cmd("lvconvert", "--merge", Rig.VG + "/" + l.name());
        byte[] before = rig.act == null ? null : readAll(LV);
        String r = cmd("lvconvert", "-y", "--splitmirrors", "1", "--trackchanges", Rig.VG + "/" + LV);
        tracked = tracking() ? before : null;
        return r;
    }

    /**
     * Splits one image off as a new LV and removes it. Writer paused: the new LV must hold what r holds, or what r
     * held at the tracked split when the tracked image is the one split off.
     */
    private synchronized String splitNamed() throws Exception {
        String name = "split" + splits++;
        byte[] before = tracking() ? tracked : rig.act == null ? null : readAll(LV);
        String r = cmd("lvconvert", "-y", "--splitmirrors", "1", "--name", name, Rig.VG + "/" + LV);
        if (rig.vg().lv(name).isPresent()) {
            if (before != null) {
                int d = LvImage.firstDifference(before, LvImage.read(rig.vg(), name));
                Scenario.expect(d < 0, "split image " + name + " differs from what " + LV + " held at block " + d);
            }
            cmd("lvremove", "-y", Rig.VG + "/" + name);
        }
        return r;
    }

    private String pvmove() throws Exception {
        List<String> used = legPvs(PVS);
        if (used.isEmpty()) return "pvmove: nothing";
        String src = used.get(random.nextInt(used.size()));
        List<String> args = new ArrayList<>(List.of("pvmove", "-i", "0", src));
        if (random.nextBoolean()) args.add(rig.pv(random.nextInt(PVS)));
        return cmd(args.toArray(String[]::new));
    }

    private String rate() throws Exception {
        if (!isRaid()) return "rate: not raid";
        return cmd("lvchange", "--maxrecoveryrate", random.nextBoolean() ? "0" : (256 << random.nextInt(3)) + "k", Rig.VG + "/" + LV);
    }

    /**
     * A leg's disk fails under writes (only in a synced array of two or more images, which keeps the data); then
     * {@code --refresh} once the fault is gone, or {@code --repair} onto another PV before it goes.
     */
    private String failLeg() throws Exception {
        if (rig.act == null || !isRaid() || legs().size() < 2 || tracking() || !rig.act.raidStatus(Rig.VG, LV).inSync()) return "fail: skipped";
        List<String> legPvs = legPvs(PVS);
        String pv = legPvs.get(random.nextInt(legPvs.size()));
        FaultyDevice d = disks[rig.images.indexOf(Path.of(pv))];
        long dataStart = rig.vg().pvs().stream().filter(p -> p.device().equals(pv)).findFirst().orElseThrow().peStart() * 512;
        d.add(new Fault.WriteError(dataStart, Long.MAX_VALUE)); // its extents fail; its metadata area still takes commits
        for (int i = 0; i < 200 && !rig.act.raidStatus(Rig.VG, LV).legs().contains("D"); i++) writes(4, random);
        String out = "fail " + pv + " (" + rig.act.raidStatus(Rig.VG, LV).legs() + ")";
        if (random.nextBoolean()) {
            d.clear();
            return out + "; " + cmd("lvchange", "--refresh", Rig.VG + "/" + LV);
        }
        String r = cmd("lvconvert", "--repair", "-y", Rig.VG + "/" + LV);
        d.clear();
        return out + "; " + r;
    }

    private void clearFaults() {
        for (FaultyDevice d : disks) d.clear();
    }

    // ---- commands and state ----

    /** Runs a command; it succeeds, or is refused in one of LVM2's words. Returns the line for the log. */
    private String cmd(String... args) {
        current = String.join(" ", args).replace(rig.dir + "/", "");
        Rig.Result r = rig.cli(args);
        String line = current + " -> " + r.rc();
        if (r.rc() == 0) return line;
        List<String> errors = new ArrayList<>();
        for (String l : r.err().split("\n")) {
            String t = l.trim();
            if (t.isEmpty() || t.startsWith("WARNING") || t.startsWith("Run `lvconvert") || t.startsWith("Use ")) continue;
            errors.add(t);
        }
        boolean known = r.rc() == 5 && !errors.isEmpty() && errors.stream().allMatch(e -> REFUSALS.matcher(e).matches());
        if (!known) throw new AssertionError(line + ": unexpected failure\n" + r.out() + r.err());
        refused.merge(errors.get(0).replaceAll("\"?[\\w./-]*(crashvg|pv\\d)[\\w./-]*\"?", "X"), 1, Integer::sum);
        return line + " (" + errors.get(0) + ")";
    }

    /** The array's state after a step, for the log: " [legs action]", or "" when stopped or linear. */
    private String state() {
        RaidStatus st = rig.act == null ? null : rig.act.raidStatus(Rig.VG, LV);
        return st == null ? "" : " [" + st.legs() + " " + st.syncAction() + " " + st.inSyncRegions() + "/" + st.regions() + "]";
    }

    private boolean isRaid() {
        Lv lv = rig.vg().lv(LV).orElseThrow();
        return !lv.segments().isEmpty() && lv.segments().get(0) instanceof RaidSegment;
    }

    private boolean tracking() {
        for (Lv l : rig.vg().lvs()) if (l.name().startsWith(LV + "_rimage_") && l.visible()) return true;
        return false;
    }

    /** The image LVs of r (r itself when linear). */
    private List<Lv> legs() {
        Vg vg = rig.vg();
        Lv lv = vg.lv(LV).orElseThrow();
        List<Lv> out = new ArrayList<>();
        if (!lv.segments().isEmpty() && lv.segments().get(0) instanceof RaidSegment rs) {
            for (String n : rs.imageLvs()) out.add(vg.lv(n).orElseThrow());
        } else {
            out.add(lv);
        }
        return out;
    }

    /** Up to {@code n} of the PVs r's images lie on, in random order. */
    private List<String> legPvs(int n) {
        Vg vg = rig.vg();
        Set<String> ids = new TreeSet<>();
        for (Lv l : legs()) for (Segment s : l.segments()) for (Area a : s.areas()) if (a instanceof Area.OnPv p) ids.add(p.pvId());
        List<String> out = new ArrayList<>();
        for (var p : vg.pvs()) if (ids.contains(p.id())) out.add(p.device());
        java.util.Collections.shuffle(out, random);
        return out.subList(0, Math.min(n, out.size()));
    }

    private List<String> randomPvs(int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String p = rig.pv(random.nextInt(PVS));
            if (!out.contains(p)) out.add(p);
        }
        return out;
    }

    private void awaitInSync() throws InterruptedException {
        RaidStatus st = rig.awaitInSync(LV, 120);
        Scenario.expect(st.inSync(), "not in sync: " + st);
    }

    // ---- data ----

    /** {@code n} stamped writes to random blocks of r (one in four spans several blocks); returns n. */
    private synchronized int writes(int n, Random rnd) throws IOException {
        for (int i = 0; i < n; i++) {
            int count = rnd.nextInt(4) == 0 ? 2 + rnd.nextInt(31) : 1;
            write(rnd.nextInt(BLOCKS - count), count);
            if (rnd.nextInt(16) == 0) rig.lv(LV).flush();
        }
        return n;
    }

    private synchronized void fill() throws IOException {
        for (int b = 0; b < BLOCKS; b += 32) write(b, 32);
    }

    /** One write of {@code count} stamped blocks from {@code first}; each block's version is known once it returns. */
    private void write(int first, int count) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(count * Stamps.BLOCK);
        long[] vs = new long[count];
        for (int j = 0; j < count; j++) b.put(Stamps.block(first + j, vs[j] = version++));
        rig.lv(LV).write((long) first * Stamps.BLOCK, b.flip());
        for (int j = 0; j < count; j++) latest[first + j] = vs[j];
    }

    private byte[] readAll(String lv) throws IOException {
        byte[] out = new byte[BLOCKS * Stamps.BLOCK];
        rig.lv(lv).read(0, ByteBuffer.wrap(out));
        return out;
    }

    /** Every block of r reads its last returned write, through the daemon (offline: checked at the next start). */
    private void check(String after) throws Exception {
        if (rig.act == null) return;
        byte[] all = readAll(LV);
        for (int b = 0; b < BLOCKS; b++) {
            byte[] blk = java.util.Arrays.copyOfRange(all, b * Stamps.BLOCK, (b + 1) * Stamps.BLOCK);
            for (int s = 0; s < Stamps.BLOCK / Stamps.SECTOR; s++) {
                long v = Stamps.version(blk, b, s);
                if (v != latest[b])
                    Scenario.fail("after '" + after + "': block " + b + " sector " + s + " holds "
                            + (v == Stamps.GARBAGE ? "garbage" : "version " + v) + ", its last write was version " + latest[b]);
            }
        }
    }

    /** Writes r from another thread while a step runs (only while the daemon runs). */
    private final class Writer {
        private final Thread thread;
        private volatile boolean stop;
        private volatile Throwable failed;

        Writer(Random r) {
            thread = new Thread(() -> {
                try {
                    while (!stop && rig.act != null && rig.shown.containsKey(LV)) {
                        synchronized (ConversionWalk.this) {
                            if (rig.act == null || !rig.shown.containsKey(LV)) break;
                            writes(1 + r.nextInt(4), r);
                        }
                        Thread.sleep(1);
                    }
                } catch (InterruptedException ignored) {
                    // stopped
                } catch (Throwable t) {
                    failed = t;
                }
            }, "walk-writer");
            thread.start();
        }

        void stop() throws InterruptedException {
            stop = true;
            thread.join();
            if (failed != null) throw new AssertionError("writer failed: " + failed, failed);
        }
    }
}
