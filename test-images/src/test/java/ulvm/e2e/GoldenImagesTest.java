package ulvm.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tukaani.xz.XZInputStream;
import ulvm.live.Activation;
import ulvm.live.LiveVolume;
import ulvm.raid.RaidSettings;
import ulvm.store.Scan;

/**
 * The golden images in {@code src/test/resources/golden/SET/}: PVs written by real LVM2 2.03.16 (made by
 * {@code test-images/golden/regenerate.sh}, nothing generated here), read by ulvm directly. For each set ulvm's
 * reports say what real LVM2 said when it wrote them ({@code expected.txt}), vgck is clean, and every LV reads as the
 * pattern regenerate.sh wrote where LVM2's report placed it ({@code golden/fill.py}). The raid1 set is a fresh array
 * (zeroed rmetas), synced from its first image; the pvmove0 set is a move real pvmove set up and committed, which
 * ulvm resumes or aborts (LVM2's test/shell/pvmove-restart.sh, pvmove-abort.sh), real LVM2 agreeing afterwards.
 */
class GoldenImagesTest {
    static final int BLOCK = 4096;
    static final long EXTENT = 1 << 20;
    static final List<String> SETS = List.of("linear", "striped", "multi-segment", "raid1", "snapshot", "pvmove0");
    /** Each set's LVs and the pattern each must read as (a new snapshot reads as its origin). */
    static final Map<String, Map<String, String>> CONTENTS = Map.of(
            "linear", Map.of("lin", "lin"),
            "striped", Map.of("s2", "s2"),
            "multi-segment", Map.of("multi", "multi", "gap", "gap"),
            "raid1", Map.of("r1", "r1"),
            "snapshot", Map.of("lin", "lin", "snap", "lin"),
            "pvmove0", Map.of("lv1", "lv1", "gap", "gap"));

    @TempDir Path dir;
    Ulvm u;

    /** Block {@code i} of a pattern: "NAME %08d\n" repeated, cut to 4096 bytes (as fill.py writes it). */
    static byte[] block(String name, long i) {
        byte[] line = String.format("%s %08d\n", name, i).getBytes(StandardCharsets.US_ASCII);
        byte[] b = new byte[BLOCK];
        for (int k = 0; k < BLOCK; k++) b[k] = line[k % line.length];
        return b;
    }

    /** The set's PV images, decompressed into the test's directory. */
    List<Path> unpack(String set) throws Exception {
        u = Ulvm.inProcess(Files.createDirectories(dir.resolve(set)));
        List<Path> imgs = new ArrayList<>();
        for (String name : resources(set)) {
            if (!name.endsWith(".img.xz")) continue;
            Path img = u.dir.resolve(name.substring(0, name.length() - 3));
            try (InputStream in = new XZInputStream(resource(set + "/" + name))) {
                Files.copy(in, img);
            }
            imgs.add(img.toAbsolutePath());
        }
        assertFalse(imgs.isEmpty(), "no images in golden/" + set);
        return imgs;
    }

    static InputStream resource(String path) {
        InputStream in = GoldenImagesTest.class.getResourceAsStream("/golden/" + path);
        if (in == null) throw new IllegalStateException("no resource golden/" + path);
        return in;
    }

    static List<String> resources(String set) throws Exception {
        Path d = Path.of(GoldenImagesTest.class.getResource("/golden/" + set).toURI());
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** expected.txt: each "$ CMD ARGS" line with the lines real LVM2 printed for it. */
    static Map<List<String>, List<String>> expected(String set) throws Exception {
        Map<List<String>, List<String>> out = new LinkedHashMap<>();
        List<String> rows = null;
        for (String l : new String(resource(set + "/expected.txt").readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
            if (l.startsWith("#") || l.isBlank()) continue;
            if (l.startsWith("$ ")) out.put(List.of(l.substring(2).split(" ")), rows = new ArrayList<>());
            else rows.add(l.trim());
        }
        return out;
    }

    /**
     * Rows made comparable: image paths as file names, sorted; in lv_attr the state and open columns (5-6) masked, and
     * health (9) "X", what LVM2 without device-mapper says of raid LVs, read as "-", what it says of inactive ones.
     */
    static List<String> rows(String out, List<Path> imgs) {
        List<String> rows = new ArrayList<>();
        for (String l : out.split("\n")) {
            if (l.isBlank()) continue;
            for (Path p : imgs) l = l.replace(p.toString(), p.getFileName().toString());
            String[] f = l.trim().split("\\|", -1);
            for (int i = 0; i < f.length; i++)
                if (f[i].matches("[-a-zA-Z]{10}"))
                    f[i] = f[i].substring(0, 4) + "??" + f[i].substring(6, 8) + (f[i].charAt(8) == 'X' ? '-' : f[i].charAt(8)) + f[i].substring(9);
            rows.add(String.join("|", f));
        }
        rows.sort(null);
        return rows;
    }

    /** ulvm prints each report of expected.txt as real LVM2 did, and vgck finds nothing to say. */
    void ulvmSaysWhatLvm2Said(String set, List<Path> imgs) throws Exception {
        for (var e : expected(set).entrySet()) {
            List<String> cmd = e.getKey();
            Ulvm.Result r = u.on(imgs, cmd.get(0), cmd.subList(1, cmd.size()).toArray(new String[0]));
            assertEquals(0, r.rc(), set + ": ulvm " + cmd + "\n" + r);
            assertEquals(rows(String.join("\n", e.getValue()), imgs), rows(r.out(), imgs),
                    set + ": ulvm " + String.join(" ", cmd) + " (expected: what real LVM2 said)");
        }
        Ulvm.Result vgck = u.on(imgs, "vgck", "vg");
        assertEquals(0, vgck.rc(), set + ": ulvm vgck\n" + vgck);
        assertEquals("", vgck.err().trim(), set + ": ulvm vgck\n" + vgck);
    }

    /** The LVs active as the mount has them. */
    static final class Active implements AutoCloseable {
        final Map<String, LiveVolume> lvs = new ConcurrentHashMap<>();
        final List<String> messages = new java.util.concurrent.CopyOnWriteArrayList<>();
        final Activation act = new Activation(new Activation.Listener() {
            @Override public void shown(String vg, String lv, LiveVolume v) { lvs.put(lv, v); }
            @Override public void hidden(String vg, String lv) { lvs.remove(lv); }
        }, messages::add, new RaidSettings(200, 0));

        Active(List<Path> imgs) {
            try (Scan scan = Scan.of(imgs, true)) {
                List<String> problems = act.activateAll(scan);
                assertEquals(List.of(), problems, "activation");
            }
        }

        @Override public void close() { act.close(); }
    }

    /** Every LV of the set reads, block by block, as its pattern. */
    static void readsAsWritten(String set, Active a) throws Exception {
        assertEquals(CONTENTS.get(set).keySet(), a.lvs.keySet(), set + ": the LVs shown");
        for (var e : CONTENTS.get(set).entrySet()) {
            LiveVolume v = a.lvs.get(e.getKey());
            assertTrue(v.size() > 0 && v.size() % BLOCK == 0, e.getKey() + " size " + v.size());
            ByteBuffer b = ByteBuffer.allocate(BLOCK);
            for (long i = 0; i < v.size() / BLOCK; i++) {
                b.clear();
                assertEquals(BLOCK, v.read(i * BLOCK, b));
                if (!java.util.Arrays.equals(block(e.getValue(), i), b.array()))
                    assertEquals(new String(block(e.getValue(), i), 0, 20, StandardCharsets.US_ASCII),
                            new String(b.array(), 0, 20, StandardCharsets.US_ASCII), set + ": " + e.getKey() + " block " + i);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"linear", "striped", "multi-segment", "raid1", "snapshot", "pvmove0"})
    void ulvmReadsTheGoldenImages(String set) throws Exception {
        List<Path> imgs = unpack(set);
        ulvmSaysWhatLvm2Said(set, imgs);
        if (Needs.lvm2Part()) Checks.realVgckClean(imgs, "vg", "golden " + set + " as stored");
        try (Active a = new Active(imgs)) {
            readsAsWritten(set, a);
        }
    }

    @Test
    void everySetIsTested() throws Exception {
        Path root = Path.of(GoldenImagesTest.class.getResource("/golden").toURI());
        try (Stream<Path> s = Files.list(root)) {
            assertEquals(SETS.stream().sorted().toList(), s.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    /** The fresh array: rimage_1 was zeros; ulvm syncs it from rimage_0 and records the array in sync. */
    @Test
    void theFreshRaid1ArraySyncsFromItsFirstImage() throws Exception {
        List<Path> imgs = unpack("raid1");
        assertFalse(java.util.Arrays.equals(image(imgs.get(0), 1, 4), image(imgs.get(1), 1, 4)), "rimage_1 is not yet a copy");
        try (Active a = new Active(imgs)) {
            long until = System.currentTimeMillis() + 30_000;
            while (!a.act.raidStatus("vg", "r1").inSync()) {
                assertTrue(System.currentTimeMillis() < until, "no sync in 30 s: " + a.act.raidStatus("vg", "r1"));
                Thread.sleep(20);
            }
            readsAsWritten("raid1", a);
        }
        assertTrue(java.util.Arrays.equals(image(imgs.get(0), 1, 4), image(imgs.get(1), 1, 4)), "rimage_1 is a copy of rimage_0");
        try (Active again = new Active(imgs)) { // from the record now
            assertTrue(again.act.raidStatus("vg", "r1").inSync(), again.act.raidStatus("vg", "r1").toString());
            readsAsWritten("raid1", again);
        }
        ulvmSaysWhatLvm2Said("raid1", imgs);
        if (Needs.lvm2Part()) Checks.realVgckClean(imgs, "vg", "after ulvm synced the golden raid1 array");
    }

    /** {@code count} extents of an image from PE {@code pe} (pe_start 1 MiB, 1 MiB extents). */
    static byte[] image(Path img, long pe, int count) throws Exception {
        try (var ch = java.nio.channels.FileChannel.open(img)) {
            ByteBuffer b = ByteBuffer.allocate((int) (count * EXTENT));
            ch.read(b, EXTENT + pe * EXTENT);
            return b.array();
        }
    }

    /** {@code pvmove} with no PV resumes the move real pvmove left: the LVs end on pv1, data intact. */
    @Test
    void theGoldenMoveResumes() throws Exception {
        List<Path> imgs = unpack("pvmove0");
        Ulvm.Result r = u.on(imgs, "pvmove", "-i", "0");
        assertEquals(0, r.rc(), r.toString());
        assertEquals(List.of("gap|pv1.img(5)", "lv1|pv1.img(0)"), devices(imgs));
        movedAndRead(imgs, "after ulvm resumed real LVM2's pvmove");
    }

    /** {@code pvmove --abort}: the LVs stay on pv0, pvmove0 goes, data intact. */
    @Test
    void theGoldenMoveAborts() throws Exception {
        List<Path> imgs = unpack("pvmove0");
        Ulvm.Result r = u.on(imgs, "pvmove", "--abort");
        assertEquals(0, r.rc(), r.toString());
        assertEquals(List.of("gap|pv0.img(3)", "lv1|pv0.img(0)", "lv1|pv0.img(5)"), devices(imgs));
        movedAndRead(imgs, "after ulvm aborted real LVM2's pvmove");
    }

    /** lvs -a: each segment's LV and devices. */
    List<String> devices(List<Path> imgs) {
        Ulvm.Result r = u.on(imgs, "lvs", "-a", "--noheadings", "--separator", "|", "-o", "lv_name,devices", "vg");
        assertEquals(0, r.rc(), r.toString());
        return rows(r.out(), imgs);
    }

    void movedAndRead(List<Path> imgs, String step) throws Exception {
        Ulvm.Result vgck = u.on(imgs, "vgck", "vg");
        assertEquals(0, vgck.rc(), vgck.toString());
        assertEquals("", vgck.err().trim(), vgck.toString());
        try (Active a = new Active(imgs)) {
            readsAsWritten("pvmove0", a);
        }
        if (Needs.lvm2Part()) MoveLayout.lvm2Agrees(u, imgs, "vg", step);
    }
}
