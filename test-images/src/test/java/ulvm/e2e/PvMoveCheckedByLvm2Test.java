package ulvm.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ulvm.model.Lv;
import ulvm.model.MirrorSegment;
import ulvm.model.Vg;
import ulvm.ops.Wiring;
import ulvm.store.Scan;
import ulvm.testing.EnvironmentPacing;
import ulvm.testing.MoveSteps;

/**
 * pvmove offline, judged by real LVM2 after every step: the set-up metadata equals what real pvmove writes on a
 * copy of the same images, vgck is clean and {@code lvs -a} agrees at every stage (set up, half done, finished),
 * the LVs' bytes are unchanged, a killed pvmove resumes, and the disk-replacement workflow works.
 */
class PvMoveCheckedByLvm2Test {
    @TempDir Path dir;
    Ulvm u;
    Path a, b, c;
    List<Path> all;
    /** lv_attr is left out: real LVM2 without activation shows "XX" in columns 5-6 of every LV. */
    static final String FIELDS = "lv_name,seg_start_pe,seg_size_pe,devices,seg_pe_ranges,move_pv,lv_allocation_locked,lv_role,segtype";

    @BeforeAll
    static void lvm2() { Needs.lvm2(); }

    @BeforeEach
    void setUp() throws Exception {
        u = Ulvm.inProcess(dir);
        a = u.image("a.img", 64 << 20);
        b = u.image("b.img", 64 << 20);
        c = u.image("c.img", 64 << 20);
        all = List.of(a, b, c);
    }


    void ok(String... args) {
        Ulvm.Result r = u.on(all, args[0], java.util.Arrays.copyOfRange(args, 1, args.length));
        assertEquals(0, r.rc(), String.join(" ", args) + "\n" + r);
    }

    /** The seed's Example 1: lv1 in two segments with lv2 between them on a; random data everywhere. */
    void example1() throws Exception {
        ok("pvcreate", a.toString(), b.toString(), c.toString());
        ok("vgcreate", "vg", a.toString(), b.toString(), c.toString());
        ok("lvcreate", "-Zn", "-l", "2", "-n", "lv1", "vg", a.toString());
        ok("lvcreate", "-Zn", "-l", "3", "-n", "lv2", "vg", a.toString());
        ok("lvextend", "-l", "+3", "vg/lv1", a.toString());
        Random rnd = new Random(42);
        for (Path p : all) {
            try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
                byte[] buf = new byte[1 << 20];
                for (long at = 1 << 20; at < f.length(); at += buf.length) {
                    rnd.nextBytes(buf);
                    f.seek(at);
                    f.write(buf);
                }
            }
        }
    }

    /** SHA-256 of an LV's bytes, read from the image files as LVM2 maps them (through pvmove0 while a move runs). */
    String sha(String lv) {
        return MoveLayout.lvSums(all, "vg").get(lv);
    }

    /** Every LV's bytes, at any stage of a move. */
    Map<String, String> sums() { return MoveLayout.lvSums(all, "vg"); }

    void agrees(String step) {
        Checks.realVgckClean(all, "vg", step);
        Checks.sameLvs(u, all, FIELDS, step);
        MoveLayout.samePvs(u, all, step);
    }

    /** Real LVM2 pvmove (activation off: it sets up and commits pvmove0, then stops) on copies of the images. */
    String realSetup(String... args) throws Exception {
        List<Path> copies = new ArrayList<>();
        for (Path p : all) {
            Path q = dir.resolve("real-" + p.getFileName());
            Files.copy(p, q, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            copies.add(q);
        }
        List<String> loops = new ArrayList<>();
        try {
            for (Path q : copies) loops.add(RealLvm.exec(List.of("losetup", "-f", "--show", q.toString())).out().trim());
            List<String> cmd = new ArrayList<>(List.of("pvmove", "--devices", String.join(",", loops), "--config", RealLvm.CONFIG, "-i", "0"));
            for (String x : args) {
                for (int i = 0; i < all.size(); i++) x = x.replace(all.get(i).toString(), loops.get(i));
                cmd.add(x);
            }
            RealLvm.Result r = RealLvm.exec(cmd);
            assertTrue(r.rc() == 0 && r.out().contains("Interrupted: No longer active."), "real pvmove\n" + r);
        } finally {
            for (String l : loops) RealLvm.exec(List.of("losetup", "-d", l));
        }
        RealLvm.Result lvs = RealLvm.run(copies, "lvs", "-a", "--noheadings", "--separator", "|", "-o", FIELDS);
        String out = lvs.out();
        for (int i = 0; i < all.size(); i++) out = out.replace(copies.get(i).toString(), all.get(i).toString());
        return out;
    }

    void stopAt(String step, java.util.function.Predicate<Vg> when) {
        u.wiring = Wiring.PLAIN.withPacing(MoveSteps.told((s, vg) -> {
            if (s.equals(step) && when.test(vg)) throw new java.io.IOException("stopped by the test at " + s);
        }));
    }

    /** Segments of pvmove0 marked moved in the metadata now; -1 before pvmove0 is committed (or while unreadable). */
    int movedSegments() {
        try (Scan s = Scan.of(all, false)) {
            var move = s.vg("vg").orElseThrow().vg().lv("pvmove0");
            if (move.isEmpty()) return -1;
            int n = 0;
            for (var seg : move.get().segments()) if (seg instanceof MirrorSegment m && m.extentsMoved() != null && m.extentsMoved() == m.count()) n++;
            return n;
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /** Every PV holds the same metadata version (no commit half done). */
    boolean settled() {
        try (Scan s = Scan.of(all, false)) {
            var vc = s.vg("vg").orElseThrow();
            return vc.copies().stream().allMatch(c -> c.vg() != null && c.vg().seqno() == vc.vg().seqno());
        } catch (RuntimeException e) {
            return false;
        }
    }

    static boolean firstSegmentDone(Vg vg) {
        MirrorSegment m = (MirrorSegment) vg.lv("pvmove0").orElseThrow().segments().get(0);
        return m.extentsMoved() == m.count();
    }

    @Test
    void bySegmentAgreesWithRealLvm2AtEveryStep() throws Exception {
        example1();
        String lv1 = sha("lv1"), lv2 = sha("lv2");
        Map<String, String> before = sums();
        String real = realSetup(a.toString());
        stopAt("setup", vg -> true);
        assertEquals(5, u.on(all, "pvmove", a.toString()).rc());
        assertEquals(real, u.on(all, "lvs", "-a", "--noheadings", "--separator", "|", "-o", FIELDS).out(), "set-up as real pvmove does it");
        assertEquals(before, sums(), "set up: the LVs read the same through pvmove0");
        assertEquals("  -wI-------\n  -wI-------\n  p-C---m---\n", u.on(all, "lvs", "-a", "--noheadings", "-o", "lv_attr").out());
        agrees("set up");
        stopAt("checkpoint", PvMoveCheckedByLvm2Test::firstSegmentDone);
        assertEquals(5, u.on(all, "pvmove", "-i", "0", a.toString()).rc());
        agrees("first segment moved");
        assertEquals(before, sums(), "first segment moved: lv1 reads its destination, lv2 its source");
        u.wiring = Wiring.PLAIN;
        Ulvm.Result r = u.on(all, "pvmove");
        assertEquals(0, r.rc(), r.toString());
        assertEquals("  " + a + ": Moved: 25.00%\n  " + a + ": Moved: 100.00%\n", r.out());
        agrees("finished");
        MoveLayout.lvm2Agrees(u, all, "vg", "finished");
        assertEquals(lv1, sha("lv1"));
        assertEquals(lv2, sha("lv2"));
        assertEquals("  lv1|0|5|" + b + "(0)\n  lv2|0|3|" + b + "(5)\n",
                u.on(all, "lvs", "-a", "--noheadings", "--separator", "|", "-o", "lv_name,seg_start_pe,seg_size_pe,devices").out());
    }

    /**
     * Inside a segment the progress goes to the move's record, not the metadata (issue 17.1): stopped after the first
     * chunk of lv1's first segment, the images hold pvmove0 as set up (real vgck clean, real {@code lvs -a} agrees, the
     * LVs read the same), the record holds one extent, and the resume starts from it (12.50%: 1 of 8 extents) and
     * removes it with the finish.
     */
    @Test
    void progressInsideASegmentIsRecordedNotCommitted() throws Exception {
        example1();
        String lv1 = sha("lv1"), lv2 = sha("lv2");
        Map<String, String> before = sums();
        stopAt("checkpoint", vg -> ulvm.move.MoveProgress.moved(vg.lv("pvmove0").orElseThrow()) == 1);
        assertEquals(5, u.on(all, "pvmove", "-i", "0", a.toString()).rc());
        Vg vg;
        try (Scan scan = Scan.of(all, false)) {
            vg = scan.vg("vg").orElseThrow().vg();
        }
        Lv mv = vg.lv("pvmove0").orElseThrow();
        assertEquals(0, ulvm.move.MoveProgress.moved(mv), "no extents_moved committed inside the first segment");
        Path record = ulvm.move.MoveRecord.file(u.sys.root(), mv.id());
        assertTrue(Files.exists(record), "the progress record " + record);
        assertEquals(1, ulvm.move.MoveProgress.moved(ulvm.move.MoveRecord.apply(ulvm.io.Devices.FILES, record, vg, "pvmove0").lv("pvmove0").orElseThrow()));
        agrees("one chunk recorded inside the first segment");
        assertEquals(before, sums(), "one chunk recorded: the LVs read the same through pvmove0");
        u.wiring = Wiring.PLAIN;
        Ulvm.Result r = u.on(all, "pvmove");
        assertEquals(0, r.rc(), r.toString());
        assertEquals("  " + a + ": Moved: 12.50%\n  " + a + ": Moved: 100.00%\n", r.out(), "resumed from the record");
        assertTrue(Files.notExists(record), "the finish removes the record");
        MoveLayout.lvm2Agrees(u, all, "vg", "finished from the record");
        assertEquals(lv1, sha("lv1"));
        assertEquals(lv2, sha("lv2"));
    }

    @Test
    void atomicAgreesWithRealLvm2AndAbortRestores() throws Exception {
        example1();
        String lv1 = sha("lv1"), lv2 = sha("lv2");
        Map<String, String> before = sums();
        String real = realSetup("--atomic", a.toString(), c.toString());
        stopAt("setup", vg -> true);
        assertEquals(5, u.on(all, "pvmove", "--atomic", a.toString(), c.toString()).rc());
        assertEquals(real, u.on(all, "lvs", "-a", "--noheadings", "--separator", "|", "-o", FIELDS).out(), "atomic set-up as real pvmove does it");
        agrees("atomic set up");
        assertEquals(before, sums(), "atomic set up");
        stopAt("checkpoint", vg -> true);
        assertEquals(5, u.on(all, "pvmove", "-i", "0", a.toString()).rc());
        agrees("atomic partly copied");
        assertEquals(before, sums(), "atomic partly copied: everything still read from the source");
        u.wiring = Wiring.PLAIN;
        ok("pvmove", "--abort", a.toString());
        MoveLayout.lvm2Agrees(u, all, "vg", "atomic aborted");
        assertEquals(before, sums(), "atomic aborted");
        assertTrue(u.on(all, "lvs", "-a", "-o", "devices").out().contains(a + "(5)"), "everything back on the source");
        ok("pvmove", "--atomic", "-i", "0", a.toString(), c.toString());
        MoveLayout.lvm2Agrees(u, all, "vg", "atomic finished");
        assertEquals(lv1, sha("lv1"));
        assertEquals(lv2, sha("lv2"));
        assertEquals("  lv1|" + c + "(0)\n  lv2|" + c + "(5)\n", u.on(all, "lvs", "-a", "--noheadings", "--separator", "|", "-o", "lv_name,devices").out());
    }

    /**
     * Example 1 moved one LV at a time: {@code -n lv1} (its two segments land next to each other on c and merge),
     * then lv2 by its PE range with {@code --atomic}; each set-up equals real LVM2's, bytes unchanged throughout.
     */
    @Test
    void byLvThenAtomicRangeAgreesWithRealLvm2() throws Exception {
        example1();
        Map<String, String> before = sums();
        String[][] steps = {{"-n", "lv1", a.toString(), c.toString()}, {"--atomic", a + ":2-4", c.toString()}};
        for (String[] args : steps) {
            String step = String.join(" ", args);
            String real = realSetup(args);
            stopAt("setup", vg -> true);
            assertEquals(5, u.on(all, "pvmove", args).rc(), step);
            assertEquals(real, u.on(all, "lvs", "-a", "--noheadings", "--separator", "|", "-o", FIELDS).out(), step + ": set-up as real pvmove's");
            agrees(step + ": set up");
            assertEquals(before, sums(), step + ": set up");
            u.wiring = Wiring.PLAIN;
            ok("pvmove", "-i", "0", a.toString());
            Checks.realVgckClean(all, "vg", step + ": finished");
            assertEquals(before, sums(), step + ": finished");
        }
        MoveLayout.lvm2Agrees(u, all, "vg", "both moved");
        assertEquals("  lv1|0|5|" + c + "(0)\n  lv2|0|3|" + c + "(5)\n",
                u.on(all, "lvs", "-a", "--noheadings", "--separator", "|", "-o", "lv_name,seg_start_pe,seg_size_pe,devices").out(),
                "lv1's two segments merged on c");
    }

    @Test
    void killNineAtSeveralPointsThenResume() throws Exception {
        example1();
        String lv1 = sha("lv1"), lv2 = sha("lv2");
        Map<String, String> before = sums();
        for (int done = 0; done < 3; done++) { // killed once set up, then after one and after two segments moved
            String when = "killed with " + done + " segments moved";
            List<String> cmd = new ArrayList<>(List.of(Ulvm.launcherScript().toString(), "pvmove", "--devices",
                    String.join(",", all.stream().map(Path::toString).toList()), "-i", "1", a.toString()));
            ProcessBuilder pb = new ProcessBuilder(cmd);
            pb.environment().put("ULVM_SKIP_BUILD", "1");
            pb.environment().put("ULVM_SYSTEM_DIR", u.sys.root().toString());
            pb.environment().put("ULVM_PVMOVE_TEST_DELAY_MS", "300");
            EnvironmentPacing.onClassPathOf(pb.environment());
            pb.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
            Process p = pb.start();
            long deadline = System.nanoTime() + 60_000_000_000L;
            // a commit is written PV by PV: kill between commits (the test delay), not inside one, whose PVs would disagree
            while (p.isAlive() && (movedSegments() < done || !settled()) && System.nanoTime() < deadline) Thread.sleep(10);
            assertTrue(p.isAlive(), when + ": the pvmove is still running when killed");
            p.destroyForcibly(); // SIGKILL
            p.waitFor();
            Checks.realVgckClean(all, "vg", when);
            Checks.sameLvs(u, all, FIELDS, when);
            assertTrue(movedSegments() >= done, when);
            assertEquals(before, sums(), when + ": the LVs read the same as LVM2 would map them");
        }
        Ulvm.Result r = u.on(all, "pvmove", "-i", "0");
        assertEquals(0, r.rc(), r.toString());
        MoveLayout.lvm2Agrees(u, all, "vg", "resumed after kill -9");
        assertEquals(lv1, sha("lv1"));
        assertEquals(lv2, sha("lv2"));
        String devs = u.on(all, "lvs", "-a", "--noheadings", "-o", "lv_name,devices").out();
        assertTrue(devs.contains(b + "(0)") && !devs.contains(a.toString()) && !devs.contains("pvmove"), devs);
    }

    @Test
    void diskReplacementWorkflow() throws Exception {
        example1();
        String lv1 = sha("lv1");
        ok("pvchange", "-x", "n", a.toString());
        MoveLayout.lvm2Agrees(u, all, "vg", "pvchange -x n");
        ok("pvmove", "-i", "0", a.toString());
        MoveLayout.lvm2Agrees(u, all, "vg", "pvmove");
        ok("vgreduce", "vg", a.toString());
        MoveLayout.lvm2Agrees(u, List.of(b, c), "vg", "vgreduce");
        all = List.of(b, c);
        assertEquals(lv1, sha("lv1"));
    }

    @Test
    void backgroundMoveFinishesOnItsOwn() throws Exception {
        example1();
        String lv1 = sha("lv1");
        long t0 = System.nanoTime();
        Ulvm.Result r = u.on(all, "pvmove", "-b", a.toString());
        assertEquals(0, r.rc(), r.toString());
        assertEquals("", r.out() + r.err());
        for (int i = 0; i < 600 && u.on(all, "lvs", "-a", "--noheadings", "-o", "lv_name").out().contains("pvmove0"); i++) Thread.sleep(100);
        assertTrue(!u.on(all, "lvs", "-a", "--noheadings", "-o", "lv_name").out().contains("pvmove0"), "the background pvmove finished");
        MoveLayout.lvm2Agrees(u, all, "vg", "background pvmove");
        assertEquals(lv1, sha("lv1"));
        assertTrue(System.nanoTime() - t0 > 0);
        for (Lv l : Scan.of(all, false).vg("vg").orElseThrow().vg().lvs()) assertTrue(!l.hasStatus("LOCKED"));
    }
}
