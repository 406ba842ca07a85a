package ulvm.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import ulvm.format.VgTextReader;
import ulvm.model.Vg;
import ulvm.ops.Wiring;
import ulvm.testing.MoveSteps;

/**
 * The table of moves, after LVM2's test/shell/pvmove-basic.sh: five PVs d1..d5 with a multi-segment linear LV, a
 * 3-stripe LV and two more linear LVs; every row a pvmove command from that same start and its expected result (per
 * LV the PVs it ends on and its segment count; unnamed LVs stay as they were), run plain and {@code --atomic}.
 * Every row is also run by real LVM2 on twin images: its set-up (all real pvmove does without device-mapper) must
 * equal ulvm's, ulvm's finished layout must equal LVM2's finish rules applied to real LVM2's set-up metadata (areas
 * take their destinations, adjacent segments merge), real vgck must be clean and every LV's bytes unchanged.
 * Refusals must print real LVM2's words with its exit code and write nothing.
 *
 * <pre>
 * d1: lv1 LE0-1 @0-1, lv1 LE6-7 @2-3, lv4 LE2-3 @4-5      d4: lv2 stripe 3 @0-2, lv4 LE0-1 @3-4
 * d2: lv2 stripe 1 @0-2, lv1 LE2-3 @3-4, lv3 @5           d5: empty (14 extents of 256 KiB each PV)
 * d3: lv2 stripe 2 @0-2, lv1 LE4-5 @3-4
 * </pre>
 */
class PvMoveTableTest {
    static final int PVS = 5;
    static final String FIELDS = "lv_name,seg_start_pe,seg_size_pe,devices,seg_pe_ranges,move_pv,lv_allocation_locked,lv_role,segtype";

    @TempDir static Path tmp;
    /** Rows run in memory when they can: every commit flushes the images, and a flush to disk costs more than the row. */
    static final Path SHM = Path.of("/dev/shm");
    static List<Path> base;
    static Map<String, String> names, baseLayout, baseSums;
    /**
     * Every row reuses the same files, rewritten from the base images: ulvm's (dN.img) and real LVM2's twins
     * (real-dN.img), each on a loop device attached once for the class (losetup costs more than a row's LVM2 work).
     * LVM2 reads and writes its devices with O_DIRECT, so it sees the files' current bytes.
     */
    static Path rows;
    static List<Path> mine, twins;
    static List<byte[]> baseBytes;
    static List<String> mineLoops, twinLoops;

    /** {@code cmd}: pvmove arguments with d1..d5 for the PVs; {@code expect}: "lv=d1,d5/4 ..." or the error. */
    record Row(String cmd, String expect, int rc, String lvm2Bug) {
        boolean refused() { return rc != 0; }

        /** Atomic differs from plain in the set-up and the allocation, not in the checks before them. */
        boolean atomicToo() { return !refused() || expect.startsWith("Insufficient"); }
    }

    static Row ok(String cmd, String expect) { return new Row(cmd, expect, 0, null); }

    static Row no(String cmd, String error) { return new Row(cmd, error, 5, null); }

    /** Real LVM2 2.03.16 fails with {@code error} (a bug of its own); ulvm moves as {@code expect} says. */
    static Row lvm2Bug(String cmd, String error, String expect) { return new Row(cmd, expect, 0, error); }

    static final String NO_MIRROR = "\nUnable to allocate mirror extents for vg/pvmove0.\nFailed to convert pvmove LV to mirrored.";

    static final List<Row> TABLE = List.of(
            // by LV (-n): only that LV's extents move
            ok("-n vg/lv1 d2 d5", "lv1=d1,d3,d5/4"),
            ok("-n lv1 d1 d4", "lv1=d2,d3,d4/4"),
            ok("-n lv1 d3 d4", "lv1=d1,d2,d4/4"),
            ok("-n lv1 d1 d5 d4", "lv1=d2,d3,d5/4"),
            // whole PVs: one, two, three LVs
            ok("d4 d5", "lv2=d2,d3,d5/1 lv4=d1,d5/2"),
            ok("d3 d5", "lv1=d1,d2,d5/4 lv2=d2,d4,d5/1"),
            ok("d2 d5", "lv1=d1,d3,d5/4 lv2=d3,d4,d5/1 lv3=d5/1"),
            ok("d2", "lv1=d1,d3/4 lv2=d1,d3,d4/1 lv3=d1/1"),
            // stripes: never onto a PV holding another stripe of the segment
            ok("-n lv2 d2 d1", "lv2=d1,d3,d4/1"),
            ok("-n lv2 d3 d1", "lv2=d1,d2,d4/1"),
            ok("-n lv2 d4 d1", "lv2=d1,d2,d3/1"),
            // PE ranges split the striped segment (and it stays split)
            ok("d2:0-0 d5", "lv2=d2,d3,d4,d5/2"),
            ok("d2:1-1 d5", "lv2=d2,d3,d4,d5/3"),
            ok("d2:2-2 d5", "lv2=d2,d3,d4,d5/2"),
            ok("d2:0-2 d5", "lv2=d3,d4,d5/1"),
            ok("d2:0+1:2-2 d5", "lv2=d2,d3,d4,d5/3"),
            ok("d2:4-5 d5", "lv1=d1,d2,d3,d5/5 lv3=d5/1"),
            ok("d1:0-1:4-5 d5", "lv1=d1,d2,d3,d5/4 lv4=d4,d5/2"),
            // destination ranges and several destinations
            ok("--alloc anywhere d2:0-2 d5:5-5 d4:5-6", "lv2=d3,d4,d5/2"),
            ok("--alloc anywhere d2:0-2 d3:5-5 d4:5-5 d5:5-5", "lv2=d3,d4,d5/3"),
            ok("d1:0-3 d5:10-13 d4:5-8", "lv1=d2,d3,d5/4"),
            // a chunk placed in pieces splits the LV's segment: a stripe 2+1, a linear segment 1+1 on two PVs
            ok("-n lv2 d2 d5:0-0 d5:2-3", "lv2=d3,d4,d5/2"),
            ok("-n lv1 d1 d5:0-0 d4:5-7", "lv1=d2,d3,d4,d5/5"),
            // --alloc anywhere: within the source PV, or the source kept as a candidate
            ok("--alloc anywhere d3:0-2 d3:5-7", "lv2=d2,d3,d4/1"),
            ok("--alloc anywhere d3:0-2 d3:5-7 d5:5-6 d4:5-5", "lv2=d2,d3,d4,d5/2"),
            ok("--alloc anywhere -n lv1 d1:0-1 d1:10-13", "lv1=d1,d2,d3/4"),
            ok("--alloc anywhere d1", "lv1=d2,d3/4 lv4=d2,d4/2"),
            // --alloc contiguous: one piece
            ok("--alloc contiguous d2:0-2 d5:0-0 d5:3-5 d4:5-6", "lv2=d3,d4,d5/1"),
            ok("--alloc contiguous -n lv3 d2 d5", "lv3=d5/1"),
            // segments merge after the move: lv4 LE2-3 lands right after LE0-1 on d4
            ok("d1:4-5 d4", "lv4=d4/1"),
            ok("-n lv4 d1 d4:5-6", "lv4=d4/1"),
            // refusals, in LVM2's words, nothing written
            no("d5 d1", "No data to move for vg."),
            no("-n lv2 d1 d5", "No data to move for vg."),
            no("d1:6-13 d5", "No data to move for vg."),
            no("d1 d1", "No extents available for allocation."),
            no("d3:0-2 d3:5-7", "No extents available for allocation."),
            no("d2:0-0 d1:0-0", "Insufficient free space: 1 extents needed, but only 0 available" + NO_MIRROR),
            no("--alloc anywhere d1:0-2 d1:0-2 d5:0-0", "Insufficient free space: 3 extents needed, but only 1 available" + NO_MIRROR),
            no("--alloc contiguous d2:0-2 d5:5-5 d4:5-6",
                    "Insufficient suitable contiguous allocatable extents for logical volume : 3 more required" + NO_MIRROR),
            no("d1:3-1", "PE range error: start extent 3 to end extent 1."),
            no("d1:0-14", "PE range error: start extent 0 to end extent 14."),
            no("d1:x", "Physical extent parsing error at x."),
            no("d1:1-1:1-1", "Overlapping PE ranges specified (1-1, 1-1) on d1."),
            no("-n lvX d1", "Logical volume lvX not found."),
            // spec 7.1, lvmteam/lvm2#148: a range that splits lv2 after lv1 got its layer; ulvm does not copy the bug
            lvm2Bug("d2:2-3 d5", "Internal error: Referenced LV pvmove0 not listed in VG vg.", "lv1=d1,d2,d3,d5/5 lv2=d2,d3,d4,d5/2"));

    @BeforeAll
    static void layout() throws Exception {
        Needs.lvm2();
        Ulvm u = Ulvm.inProcess(Files.createDirectories(tmp.resolve("base")));
        base = new ArrayList<>();
        for (int i = 1; i <= PVS; i++) base.add(u.image("d" + i + ".img", (1 << 20) + 14 * (256 << 10)));
        run(u, "pvcreate", d(1), d(2), d(3), d(4), d(5));
        run(u, "vgcreate", "-s", "256k", "vg", d(1), d(2), d(3), d(4), d(5));
        run(u, "lvcreate", "-Zn", "-l", "2", "-n", "lv1", "vg", d(1));
        run(u, "lvcreate", "-Zn", "-l", "9", "-i", "3", "-n", "lv2", "vg", d(2), d(3), d(4));
        run(u, "lvextend", "-l", "+2", "vg/lv1", d(2));
        run(u, "lvextend", "-l", "+2", "vg/lv1", d(3));
        run(u, "lvextend", "-l", "+2", "vg/lv1", d(1));
        run(u, "lvcreate", "-Zn", "-l", "1", "-n", "lv3", "vg", d(2));
        run(u, "lvcreate", "-Zn", "-l", "2", "-n", "lv4", "vg", d(4));
        run(u, "lvextend", "-l", "+2", "vg/lv4", d(1));
        MoveLayout.fillRandom(base, 5);
        MoveLayout.lvm2Agrees(u, base, "vg", "the table's start");
        names = MoveLayout.pvNames(base, "vg");
        baseLayout = MoveLayout.layout(MoveLayout.vg(base, "vg"), names);
        assertEquals("{lv1=d1:0-1 d2:3-4 d3:3-4 d1:2-3, lv2=d2:0-2+d3:0-2+d4:0-2, lv3=d2:5-5, lv4=d4:3-4 d1:4-5}",
                baseLayout.toString());
        baseSums = MoveLayout.lvSums(base, "vg");
        rows = Files.createTempDirectory(Files.isDirectory(SHM) && Files.isWritable(SHM) ? SHM : tmp, "ulvm-table");
        mine = new ArrayList<>();
        twins = new ArrayList<>();
        baseBytes = new ArrayList<>();
        mineLoops = new ArrayList<>();
        twinLoops = new ArrayList<>();
        for (Path p : base) {
            baseBytes.add(Files.readAllBytes(p));
            mine.add(Files.copy(p, rows.resolve(p.getFileName())));
            twins.add(Files.copy(p, rows.resolve("real-" + p.getFileName())));
        }
        for (Path p : mine) mineLoops.add(attach(p));
        for (Path p : twins) twinLoops.add(attach(p));
    }

    static String attach(Path p) {
        RealLvm.Result r = RealLvm.exec(List.of("losetup", "-f", "--show", p.toString()));
        assertEquals(0, r.rc(), "losetup " + p + "\n" + r);
        return r.out().trim();
    }

    @AfterAll
    static void detach() throws Exception {
        for (List<String> loops : Arrays.asList(mineLoops, twinLoops))
            if (loops != null) for (String l : loops) RealLvm.exec(List.of("losetup", "-d", l));
        if (rows != null) try (Stream<Path> w = Files.walk(rows)) {
            w.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** Puts the base images' bytes back into the files (same inodes: the loop devices stay). */
    static void reset(List<Path> files) throws Exception {
        for (int i = 0; i < files.size(); i++)
            try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(files.get(i), java.nio.file.StandardOpenOption.WRITE)) {
                java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(baseBytes.get(i));
                while (b.hasRemaining()) ch.write(b, b.position());
            }
    }

    /** {@code cmd ARGS} of real LVM2 on the given loop devices. */
    static RealLvm.Result lvm(List<String> loops, String cmd, String... args) {
        List<String> line = new ArrayList<>(List.of(cmd, "--devices", String.join(",", loops), "--config", RealLvm.CONFIG));
        line.addAll(List.of(args));
        return RealLvm.exec(line);
    }

    /** Real vgck on ulvm's images: exit 0 and nothing but the activation/backup noise on stderr. */
    static void vgckClean(String step) {
        RealLvm.Result r = lvm(mineLoops, "vgck", "vg");
        assertEquals(0, r.rc(), step + ": real vgck\n" + r);
        assertEquals("", r.warnings(), step + ": real vgck warns\n" + r);
    }

    static String d(int i) { return base.get(i - 1).toString(); }

    static void run(Ulvm u, String cmd, String... args) {
        Ulvm.Result r = u.on(base, cmd, args);
        assertEquals(0, r.rc(), cmd + " " + String.join(" ", args) + "\n" + r);
    }

    @TestFactory
    Stream<DynamicTest> table() {
        List<DynamicTest> out = new ArrayList<>();
        for (Row r : TABLE)
            for (String mode : r.atomicToo() ? List.of("", "--atomic ") : List.of(""))
                out.add(DynamicTest.dynamicTest(mode + r.cmd(), () -> {
                    check(r, mode.isEmpty() ? List.of() : List.of(mode.trim()));
                }));
        return out.stream();
    }

    /** The row's pvmove arguments with dN replaced by {@code pvs.get(N-1)}. */
    static List<String> args(Row r, List<String> mode, List<String> pvs) {
        List<String> out = new ArrayList<>(mode);
        for (String a : r.cmd().split(" ")) {
            if (a.matches("d[1-5](:.*)?")) a = pvs.get(a.charAt(1) - '1') + a.substring(2);
            out.add(a);
        }
        return out;
    }

    record Real(int rc, String err, String lvs, Vg setUp) {}

    /** Real pvmove on the twins (activation off: the set-up commit only), then real lvs and vgcfgbackup of it. */
    static Real real(Path dir, Row row, List<String> mode) throws Exception {
        reset(twins);
        List<String> args = new ArrayList<>(List.of("-i", "0"));
        args.addAll(args(row, mode, twinLoops));
        RealLvm.Result r = lvm(twinLoops, "pvmove", args.toArray(new String[0]));
        String err = names(r.warnings(), twinLoops, mine);
        if (r.rc() != 0) return new Real(r.rc(), err, null, null);
        assertTrue(r.out().contains("Interrupted: No longer active."), "real pvmove\n" + r);
        String report = names(lvm(twinLoops, "lvs", "-a", "--noheadings", "--separator", "|", "-o", FIELDS).out(), twinLoops, mine);
        Path backup = dir.resolve("real-backup");
        RealLvm.Result b = lvm(twinLoops, "vgcfgbackup", "-f", backup.toString(), "vg");
        assertEquals(0, b.rc(), "real vgcfgbackup\n" + b);
        return new Real(0, err, report, VgTextReader.read(Files.readString(backup), "real backup"));
    }

    /** Loop devices of the real twins to ulvm's image paths. */
    static String names(String s, List<String> loops, List<Path> mine) {
        for (int i = loops.size() - 1; i >= 0; i--) s = s.replaceAll(loops.get(i) + "(?![0-9])", mine.get(i).toString());
        return s;
    }

    void check(Row row, List<String> mode) throws Exception {
        Path dir = Files.createTempDirectory(tmp, "row");
        try {
            Ulvm u = Ulvm.inProcess(dir);
            reset(mine);
            List<String> mineArgs = args(row, mode, mine.stream().map(Path::toString).toList());
            Real real = real(dir, row, mode);
            if (row.refused()) {
                List<String> before = MoveLayout.fingerprints(mine);
                Ulvm.Result r = u.on(mine, "pvmove", mineArgs.toArray(new String[0]));
                String expected = row.expect().replaceAll("\\bd([1-5])\\b", rows + "/d$1.img");
                assertEquals(prefix(expected), real.err(), "real LVM2 refuses in these words");
                assertEquals(row.rc(), real.rc(), "real LVM2's exit code");
                assertEquals(real.rc() + "\n" + real.err(), r.rc() + "\n" + r.err(), "ulvm refuses as real LVM2 does");
                assertEquals("", r.out());
                assertEquals(before, MoveLayout.fingerprints(mine), "nothing written");
                return;
            }
            if (row.lvm2Bug() != null) {
                assertEquals("5\n" + prefix(row.lvm2Bug()), real.rc() + "\n" + real.err(), "real LVM2's bug");
                Ulvm.Result r = u.on(mine, "pvmove", mineArgs.toArray(new String[0]));
                assertEquals(0, r.rc(), r.toString());
                vgckClean(row.cmd());
                assertEquals(baseSums, MoveLayout.lvSums(mine, "vg"), "every LV's bytes unchanged");
                assertEquals(expected(row), summary(MoveLayout.layout(MoveLayout.vg(mine, "vg"), names)), "the table's expectation");
                return;
            }
            assertEquals(0, real.rc(), "real LVM2 sets the move up\n" + real.err());
            u.wiring = Wiring.PLAIN.withPacing(MoveSteps.told((step, vg) -> {
                if (step.equals("setup")) throw new java.io.IOException("stopped by the test after set-up");
            }));
            Ulvm.Result setup = u.on(mine, "pvmove", mineArgs.toArray(new String[0]));
            assertEquals(5, setup.rc(), setup.toString());
            assertEquals(real.lvs(), u.on(mine, "lvs", "-a", "--noheadings", "--separator", "|", "-o", FIELDS).out(),
                    "set-up as real pvmove's");
            assertEquals(baseSums, MoveLayout.lvSums(mine, "vg"), "every LV's bytes unchanged through pvmove0");
            u.wiring = Wiring.PLAIN;
            String src = mineArgs.stream().filter(a -> a.startsWith(rows.toString())).findFirst().orElseThrow().replaceAll(":.*", "");
            Ulvm.Result fin = u.on(mine, "pvmove", "-i", "0", src);
            assertEquals(0, fin.rc(), fin.toString());
            vgckClean(row.cmd());
            assertEquals(baseSums, MoveLayout.lvSums(mine, "vg"), "every LV's bytes unchanged");
            Map<String, String> finished = MoveLayout.layout(MoveLayout.vg(mine, "vg"), names);
            assertEquals(MoveLayout.layout(MoveLayout.finishedByLvm2Rules(real.setUp()), names), finished,
                    "finished as LVM2's finish turns its set-up");
            assertEquals(expected(row), summary(finished), "the table's expectation");
        } finally {
            try (Stream<Path> w = Files.walk(dir)) {
                w.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Every message line with LVM2's two-space indent. */
    static String prefix(String lines) {
        StringBuilder b = new StringBuilder();
        for (String l : lines.split("\n")) b.append("  ").append(l).append('\n');
        return b.toString();
    }

    /** The row's "lv=d1,d5/4" entries; every other LV as it was. */
    static Map<String, String> expected(Row row) {
        Map<String, String> out = summary(baseLayout);
        for (String e : row.expect().split(" ")) out.put(e.substring(0, e.indexOf('=')), e.substring(e.indexOf('=') + 1));
        return out;
    }

    /** Per LV: its sorted PVs and segment count, "d1,d5/4". */
    static Map<String, String> summary(Map<String, String> layout) {
        Map<String, String> out = new LinkedHashMap<>();
        layout.forEach((lv, segs) -> {
            TreeSet<String> pvs = new TreeSet<>();
            for (String a : segs.split("[ +]")) pvs.add(a.replaceAll(":.*", ""));
            out.put(lv, String.join(",", pvs) + "/" + segs.split(" ").length);
        });
        return out;
    }
}
