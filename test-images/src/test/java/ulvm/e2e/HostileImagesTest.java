package ulvm.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged PV images, made at run time from good images that ulvm creates (the damage of the stored corpus's cases
 * comes from HostileCases; HostileCorpusTest reads the stored images): every one is refused with a
 * clear message (LVM2's words where LVM2 has them) or read correctly; never a stack trace, and nothing is written
 * to a damaged image by read commands or by refused write commands. Real LVM2's verdict on the same image is
 * checked where it says something.
 */
class HostileImagesTest {
    static final String VG_NOT_FOUND = Refusals.VG_NOT_FOUND;

    @TempDir Path root;
    Path dir;
    Ulvm u;
    Path a, b;

    @BeforeEach
    void goodImages() throws Exception {
        dir = Files.createDirectories(root.resolve("images"));
        u = Ulvm.inProcess(dir);
        a = u.image("a.img", 8 << 20);
        b = u.image("b.img", 8 << 20);
    }

    /** One PV, VG vg, LVs lv1 and lv2 of 2 extents each. */
    List<Path> onePv() { return List.of(HostileCases.good(u, a, false)); }

    static void ok(Ulvm.Result r) { assertEquals(0, r.rc(), r.toString()); }

    Ulvm.Result check(List<Path> imgs, int rc, String line, String cmd, String... args) throws Exception {
        return Refusals.check(u, imgs, rc, line, cmd, args);
    }

    /** The VG is gone for ulvm: read commands, a write command and a backup all refuse it, writing nothing. */
    void refused(List<Path> imgs, String line) throws Exception {
        Path backup = u.sys.backupDir().resolve("vg"); // vgcreate backed the VG up before the surgery
        String kept = Files.exists(backup) ? Files.readString(backup) : null;
        Refusals.refused(u, imgs, line);
        assertEquals(kept, Files.exists(backup) ? Files.readString(backup) : null, "no backup of a refused VG");
    }

    /** Real LVM2 does not accept the VG either. */
    static RealLvm.Result realRefuses(List<Path> imgs) {
        if (!Needs.lvm2Part()) return null;
        RealLvm.Result r = RealLvm.run(imgs, "vgs", "vg");
        assertEquals(5, r.rc(), "real LVM2: " + r);
        assertTrue(r.err().contains(VG_NOT_FOUND) || r.err().contains("Cannot process volume group vg"), "real LVM2: " + r);
        return r;
    }

    /** The damage of corpus case {@code name} (HostileCases) on image a: the line ulvm must print. */
    String damage(String name) throws Exception { return HostileCases.named(name).damage().apply(a); }

    /** Commits hostile text (checksums right) and expects it refused with {@code line}, as real LVM2 refuses it. */
    void hostileText(java.util.function.UnaryOperator<String> edit, String line) throws Exception {
        hostileText(edit, line, true);
    }

    void hostileText(java.util.function.UnaryOperator<String> edit, String line, boolean realRefuses) throws Exception {
        List<Path> imgs = onePv();
        ImageSurgery.rewrite(a, t -> {
            String n = edit.apply(t);
            assertNotEquals(t, n, "the edit must change the text");
            return n;
        });
        refused(imgs, line);
        if (realRefuses) realRefuses(imgs);
    }

    // ---- checksums ----------------------------------------------------------------------------------------------

    @Test
    void badLabelChecksum() throws Exception {
        List<Path> imgs = onePv();
        refused(imgs, damage("bad-label-checksum"));
        realRefuses(imgs);
    }

    @Test
    void badMdaHeaderChecksumIsLvm2sWarning() throws Exception {
        List<Path> imgs = onePv();
        String line = damage("bad-mda-header-checksum");
        refused(imgs, line);
        RealLvm.Result real = realRefuses(imgs);
        if (real != null) {
            String mine = u.on(imgs, "vgs", "vg").err().lines().filter(l -> l.contains(line)).findFirst().orElseThrow();
            assertTrue(real.err().contains(mine), "the same words as LVM2: <" + mine + ">\n" + real);
        }
    }

    @Test
    void badMetadataTextChecksumIsLvm2sWarning() throws Exception {
        List<Path> imgs = onePv();
        String line = damage("bad-text-checksum");
        refused(imgs, line);
        RealLvm.Result real = realRefuses(imgs);
        if (real != null) assertTrue(real.err().contains(line), real.toString());
    }

    // ---- truncation and the ring --------------------------------------------------------------------------------

    @Test
    void textPastTheEndOfTheAreaIsRefused() throws Exception {
        List<Path> imgs = onePv();
        refused(imgs, damage("text-past-the-area"));
        realRefuses(imgs);
    }

    @Test
    void truncatedImageIsRefused() throws Exception {
        List<Path> imgs = onePv();
        refused(imgs, damage("truncated-image"));
        realRefuses(imgs);
    }

    @Test
    void wrappedTextReadsAndACorruptWrapIsRefused() throws Exception {
        List<Path> imgs = onePv();
        ImageSurgery.rewriteWrapped(a);
        Ulvm.Result r = check(imgs, 0, null, "lvs", "--noheadings", "-o", "lv_name", "vg");
        assertEquals(List.of("lv1", "lv2"), r.out().lines().map(String::trim).toList());
        if (Needs.lvm2Part()) Checks.realVgckClean(imgs, "vg", "a wrapped metadata text");
        refused(imgs, damage("corrupt-wrapped-text")); // wraps it again, then damages the wrapped part
        realRefuses(imgs);
    }

    // ---- several PVs ---------------------------------------------------------------------------------------------

    @Test
    void staleSeqnoOnOnePvNewestWinsAndReadsWriteNothing() throws Exception {
        List<Path> both = List.of(a, b);
        ok(u.on(both, "pvcreate", a.toString(), b.toString()));
        ok(u.on(both, "vgcreate", "-s", "1m", "vg", a.toString(), b.toString()));
        byte[] head;
        try (var d = ulvm.io.FileBlockDevice.open(a, false)) { head = d.read(0, 1 << 20); }
        ok(u.on(both, "lvcreate", "-l", "2", "-n", "lv1", "vg"));
        try (var d = ulvm.io.FileBlockDevice.open(a, true)) { d.write(0, head); }
        Ulvm.Result r = check(both, 0, "WARNING: ignoring metadata seqno 1 on " + a + " for seqno 2", "lvs", "--noheadings", "-o", "lv_name", "vg");
        assertEquals("lv1", r.out().trim());
        check(both, 0, "Inconsistent metadata found for VG vg.", "vgs", "vg");
        check(both, 0, null, "vgcfgbackup", "-f", root.resolve("vg.backup").toString(), "vg");
        assertTrue(Files.readString(root.resolve("vg.backup")).contains("seqno = 2"));
    }

    @Test
    void aBadHeaderOnOnePvIsReadFromTheOtherAndReadsWriteNothing() throws Exception {
        List<Path> both = List.of(a, b);
        ok(u.on(both, "pvcreate", a.toString(), b.toString()));
        ok(u.on(both, "vgcreate", "-s", "1m", "vg", a.toString(), b.toString()));
        ok(u.on(both, "lvcreate", "-l", "2", "-n", "lv1", "vg"));
        ImageSurgery.flip(a, 4096 + 300);
        Ulvm.Result r = check(both, 0, "WARNING: wrong checksum ", "lvs", "--noheadings", "-o", "lv_name", "vg");
        assertEquals("lv1", r.out().trim());
        check(both, 0, "WARNING: wrong checksum ", "vgck", "vg");
        check(both, 0, null, "pvs");
        if (Needs.lvm2Part()) {
            RealLvm.Result real = RealLvm.run(both, "lvs", "--noheadings", "-o", "lv_name", "vg");
            assertEquals("lv1", real.out().trim(), real.toString());
            RealLvm.Result vgck = RealLvm.run(both, "vgck", "vg");
            assertEquals(0, vgck.rc(), "real vgck also reads the VG from the sound PV: " + vgck);
            assertTrue(vgck.err().contains("WARNING: wrong checksum "), vgck.toString());
        }
    }

    /** A damaged magic number also breaks the header's checksum: vgck reports both, as LVM2 does (issue 13). */
    @Test
    void aDamagedMdaMagicIsReportedWithItsChecksum() throws Exception {
        List<Path> both = List.of(a, b);
        ok(u.on(both, "pvcreate", a.toString(), b.toString()));
        ok(u.on(both, "vgcreate", "-s", "1m", "vg", a.toString(), b.toString()));
        ImageSurgery.flip(a, 4096 + 4);
        Ulvm.Result r = check(both, 0, "WARNING: wrong checksum ", "vgck", "vg");
        List<String> mine = r.err().lines().filter(l -> l.contains(" in mda header on ")).toList();
        assertEquals(2, mine.size(), r.toString());
        assertTrue(mine.get(1).contains("WARNING: wrong magic number in mda header on " + a + " at 4096"), r.toString());
        Ulvm.Result pvck = check(both, 5, null, "pvck", a.toString());
        assertTrue(pvck.out().lines().filter(l -> l.contains("CHECK: ")).findFirst().orElseThrow().startsWith("  CHECK: wrong checksum "), pvck.toString());
        assertEquals("", pvck.err(), "the CHECK lines say it all: " + pvck);
        if (Needs.lvm2Part()) {
            RealLvm.Result vgck = RealLvm.run(both, "vgck", "vg");
            assertEquals(0, vgck.rc(), vgck.toString());
            for (String l : mine) assertTrue(vgck.err().contains(l), "the same words as LVM2: <" + l + ">\n" + vgck);
        }
    }

    /**
     * As LVM2 2.03: a write goes to the sound PV and leaves the damaged mda header (and its ring) alone; only
     * {@code vgck --updatemetadata} rewrites it. Real LVM2 does the same on twin images.
     */
    @Test
    void aBadHeaderIsLeftAloneByWritesAndRepairedByVgckUpdatemetadata() throws Exception {
        List<Path> both = List.of(a, b);
        ok(u.on(both, "pvcreate", a.toString(), b.toString()));
        ok(u.on(both, "vgcreate", "-s", "1m", "vg", a.toString(), b.toString()));
        ok(u.on(both, "lvcreate", "-l", "2", "-n", "lv1", "vg"));
        ImageSurgery.flip(a, 4096 + 300);
        byte[] damaged = head(a);
        Path twinA = root.resolve("twin-a.img"), twinB = root.resolve("twin-b.img");
        Files.copy(a, twinA);
        Files.copy(b, twinB);

        ok(u.on(both, "lvcreate", "-l", "1", "-n", "x", "vg"));
        assertTrue(java.util.Arrays.equals(damaged, head(a)), "a write touched the PV with the damaged mda header");
        Ulvm.Result lvs = u.on(both, "lvs", "--noheadings", "-o", "lv_name", "vg");
        assertEquals(List.of("lv1", "x"), lvs.out().lines().map(String::trim).toList(), lvs.toString());

        Ulvm.Result fix = u.on(both, "vgck", "--updatemetadata", "vg");
        assertEquals(0, fix.rc(), fix.toString());
        assertFalse(java.util.Arrays.equals(damaged, head(a)), "vgck --updatemetadata did not repair the header");
        Ulvm.Result clean = u.on(both, "vgck", "vg");
        assertEquals(0, clean.rc(), clean.toString());
        assertEquals("", clean.err().trim(), "still damaged after the repair: " + clean);
        if (Needs.lvm2Part()) {
            List<Path> twins = List.of(twinA, twinB);
            RealLvm.Result w = RealLvm.run(twins, "lvcreate", "-l", "1", "-n", "x", "vg");
            assertEquals(0, w.rc(), w.toString());
            assertTrue(java.util.Arrays.equals(damaged, head(twinA)), "real LVM2 wrote to the damaged PV after all: " + w);
            RealLvm.Result vgck = RealLvm.run(both, "vgck", "vg");
            assertEquals(0, vgck.rc(), vgck.toString());
            assertFalse(vgck.err().contains("WARNING: wrong") || vgck.err().contains("WARNING: bad"), "real vgck after ulvm's repair: " + vgck);
        }
    }

    /** The label and first metadata area of an image (its first 1 MiB). */
    static byte[] head(Path img) throws Exception {
        try (var in = Files.newInputStream(img)) { return in.readNBytes(1 << 20); }
    }

    @Test
    void twoPvsWithOneUuidAreNotWritten() throws Exception {
        List<Path> imgs = onePv();
        Path c = dir.resolve("c.img");
        Files.copy(a, c);
        List<Path> three = List.of(a, c);
        String uuidLine = "WARNING: Not using device " + c + " for PV ";
        Ulvm.Result r = check(three, 0, uuidLine, "pvs", "--noheadings", "-o", "pv_name");
        assertEquals(List.of(a.toString()), r.out().lines().map(String::trim).toList(), "the copy is not used");
        check(three, 0, "prefers device " + a + " because device was seen first.", "lvs", "vg");
        check(three, 5, "Cannot update volume group vg with duplicate PV devices.", "lvcreate", "-l", "1", "-n", "extra", "vg");
        check(three, 5, "duplicate PV devices", "vgremove", "-f", "vg");
        if (Needs.lvm2Part()) {
            RealLvm.Result real = RealLvm.run(three, "lvcreate", "-l", "1", "-n", "extra", "vg");
            assertEquals(5, real.rc(), real.toString());
            assertTrue(real.err().contains("Cannot update volume group vg with duplicate PV devices."), real.toString());
        }
        ok(u.on(imgs, "lvcreate", "-l", "1", "-n", "extra", "vg")); // without the copy, all is well
    }

    // ---- hostile text with valid checksums ----------------------------------------------------------------------

    @Test
    void overlappingExtentsAreRefused() throws Exception {
        hostileText(HostileCases.OVERLAP, "PV segments corrupted");
    }

    @Test
    void extentsPastThePvEndAreRefused() throws Exception {
        hostileText(HostileCases.PAST_END, "past the end of a PV");
    }

    @Test
    void absurdSizesAreRefused() throws Exception {
        hostileText(HostileCases.ABSURD_PE_COUNT, "invalid pe_start or pe_count");
    }

    @Test
    void zeroExtentSizeIsRefused() throws Exception {
        // real LVM2 2.03.16 reads it and shows a VG of size 0; ulvm refuses it (every size would be 0)
        hostileText(HostileCases.ZERO_EXTENT_SIZE, "invalid extent_size 0", false);
    }

    @Test
    void hugeStripeCountIsRefused() throws Exception {
        hostileText(HostileCases.HUGE_STRIPE_COUNT, "does not match");
    }

    @Test
    void negativeNumbersAreRefused() throws Exception {
        hostileText(HostileCases.NEGATIVE_START, "invalid start_extent or extent_count");
    }

    @Test
    void nulInTheMiddleIsRefused() throws Exception {
        hostileText(HostileCases.NUL_INSIDE, "parse error");
    }

    @Test
    void invalidUtf8InANameIsRefused() throws Exception {
        List<Path> imgs = onePv();
        refused(imgs, damage("invalid-utf8-vg-name"));
        realRefuses(imgs);
    }

    // ---- names that would be paths --------------------------------------------------------------------------------

    @Test
    void vgNamesThatArePathsAreRefusedAndNoFileIsMadeOutside() throws Exception {
        Path outside = root.getParent().resolve("x");
        long outsideBefore = Files.exists(outside) ? Files.getLastModifiedTime(outside).toMillis() : -1; // someone else's /tmp/x
        for (String name : List.of("../x", "..", "-x", "a/b", "x".repeat(200))) {
            Path img = u.image("n" + Math.abs(name.hashCode()) + ".img", 8 << 20);
            ok(u.on(List.of(img), "pvcreate", img.toString()));
            ok(u.on(List.of(img), "vgcreate", "-s", "1m", "vg", img.toString()));
            ImageSurgery.rewrite(img, t -> t.replaceFirst("(?m)^vg \\{", "" + name + " {"));
            List<Path> imgs = List.of(img);
            check(imgs, 0, "invalid VG name", "vgs");
            check(imgs, 0, null, "vgcfgbackup");
            check(imgs, 5, "not found", "vgcfgbackup", "--", name);
            check(imgs, 0, null, "vgck");
        }
        try (Stream<Path> s = Files.walk(root)) {
            List<String> made = s.filter(Files::isRegularFile).map(p -> root.relativize(p).toString())
                    .filter(p -> !p.startsWith("images/") || p.startsWith("images/sys/backup") && !p.equals("images/sys/backup/vg")
                            || p.startsWith("images/sys/archive") && !p.matches("images/sys/archive/vg_\\d{5}-\\d+\\.vg")).toList();
            // (vg's own backup and archives come from vgcreate, before the surgery)
            assertEquals(List.of(), made, "files made outside the images directory");
        }
        assertEquals(outsideBefore, Files.exists(outside) ? Files.getLastModifiedTime(outside).toMillis() : -1, "../x made or changed");
    }

    @Test
    void lvNamesThatArePathsAreRefused() throws Exception {
        hostileText(HostileCases.LV_NAME_PATH, "has invalid form");
    }

    // ---- size and depth -------------------------------------------------------------------------------------------

    /** Through the launcher, so a deep recursion or a huge allocation would show as the JVM's own crash. */
    @Test
    void deepNestingAndHugeTextAreRefusedByTheRealEntryPoint() throws Exception {
        Ulvm launcher = Ulvm.launcher(dir);
        Path big = u.image("big.img", 64 << 20);
        ok(u.on(List.of(big), "pvcreate", "--metadatasize", "40m", big.toString()));
        ok(u.on(List.of(big), "vgcreate", "-s", "1m", "vg", big.toString()));
        List<Path> imgs = List.of(big);
        ImageSurgery.rewrite(big, t -> HostileCases.DEEP);
        String before = ImageSurgery.fingerprint(big);
        Ulvm.Result r = launcher.on(imgs, "vgs", "vg");
        assertEquals(5, r.rc(), r.toString());
        assertTrue(r.err().contains("nested too deeply") && !r.err().contains("Exception") && !r.err().contains("\tat "), r.toString());

        ImageSurgery.rewrite(big, t -> HostileCases.HUGE);
        r = launcher.on(imgs, "lvs", "vg");
        assertEquals(5, r.rc(), r.toString());
        assertTrue(r.err().contains("too large") && !r.err().contains("Exception"), r.toString());
        assertNotEquals(before, ImageSurgery.fingerprint(big));
        before = ImageSurgery.fingerprint(big);
        r = launcher.on(imgs, "lvcreate", "-l", "1", "-n", "x", "vg");
        assertEquals(5, r.rc(), r.toString());
        assertEquals(before, ImageSurgery.fingerprint(big), "a refused write wrote");
    }
}
