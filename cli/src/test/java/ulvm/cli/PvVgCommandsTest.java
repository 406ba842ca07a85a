package ulvm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ulvm.store.Scan;

class PvVgCommandsTest {
    @TempDir Path dir;
    Harness h;
    Path a, b, c;

    @BeforeEach
    void setUp() throws Exception {
        h = new Harness(dir);
        a = h.image("a.img", 256 << 20);
        b = h.image("b.img", 256 << 20);
        c = h.image("c.img", 256 << 20);
    }

    void ok(Harness.Result r) { Harness.ok(r); }

    void refused(int rc, String line, String... args) throws Exception { h.refused(rc, line, args); }

    /**
     * pvcreate --metadatacopies/--metadataignore/--bootloaderareasize, vgcreate on PVs without metadata areas,
     * pvchange --metadataignore (LVM2's test/shell/pvcreate-metadata0.sh, pvchange-basic.sh): refusals in real LVM2
     * 2.03.16's words and exit codes; the layouts themselves are checked field for field by UlvmStepsCheckedByLvm2Test.
     */
    @Test
    void metadataAreaOptions() throws Exception {
        h.refused(3, "  Invalid argument for --metadatacopies: 3", "pvcreate", "--metadatacopies", "3", a.toString());
        h.refused(3, "  metadataignore only applies to metadatacopies > 0.", "pvcreate", "--metadatacopies", "0", "--metadataignore", "y", a.toString());
        h.refused(3, "  Size may not be relative/signed.", "pvcreate", "--bootloaderareasize", "-1m", a.toString());
        h.refused(5, "  " + a + ": Bootloader area with data-aligned start must not exceed device size.", "pvcreate", "--bootloaderareasize", "300m", a.toString());
        Harness.ok(h.run("pvcreate", "--metadatacopies", "0", a.toString()));
        Harness.ok(h.run("pvcreate", "--metadatacopies", "2", "--metadataignore", "y", b.toString(), c.toString()));
        assertEquals("  0,0\n  2,0\n  2,0\n", h.run("pvs", "--noheadings", "--separator", ",", "-o", "pv_mda_count,pv_mda_used_count", "-O", "pv_name").out());
        h.refused(5, "  Aborting vg_write: No metadata areas to write to!", "vgcreate", "vg", a.toString());
        Harness.ok(h.run("pvchange", "--metadataignore", "n", b.toString()));
        Harness.ok(h.run("vgcreate", "vg", a.toString(), b.toString(), c.toString()));
        assertEquals("  4,2\n", h.run("vgs", "--noheadings", "--separator", ",", "-o", "vg_mda_count,vg_mda_used_count", "vg").out());
        h.refused(5, "  Cannot disable all metadata areas in volume group vg.", "pvchange", "--metadataignore", "y", b.toString());
        h.refused(5, "  Metadata areas on physical volume \"" + c + "\" already ignored.", "pvchange", "--metadataignore", "y", c.toString());
        h.refused(5, "  Metadata areas on physical volume \"" + a + "\" already marked as in-use.", "pvchange", "--metadataignore", "n", a.toString());
    }

    @Test
    void pvcreateVgcreateAndTheDevicesFile() throws Exception {
        Harness.Result r = h.run("pvcreate", a.toString(), b.toString());
        ok(r);
        assertEquals("  Physical volume \"" + a + "\" successfully created.\n  Physical volume \"" + b + "\" successfully created.\n", r.out());
        String df = Files.readString(h.sys.devicesFile());
        assertTrue(df.contains("IDNAME=" + a) && df.contains("IDNAME=" + b), df);
        ok(h.run("vgcreate", "-s", "8m", "vg", a.toString(), b.toString()));
        try (Scan s = h.scan(a, b)) {
            var vg = s.vg("vg").orElseThrow().vg();
            assertEquals(16384, vg.extentSize());
            assertEquals(31, vg.pvs().get(0).peCount());
            assertEquals(1, vg.seqno());
        }
        // vgextend makes a PV of a plain file, as LVM2 does
        r = h.run("vgextend", "vg", c.toString());
        ok(r);
        assertTrue(r.out().contains("Physical volume \"" + c + "\" successfully created.") && r.out().contains("Volume group \"vg\" successfully extended"), r.out());
        ok(h.run("vgreduce", "vg", c.toString()));
        ok(h.run("vgrename", "vg", "vg2"));
        ok(h.run("vgck", "vg2"));
        ok(h.run("pvchange", "-x", "n", a.toString()));
        r = h.run("pvchange", "-x", "n", a.toString());
        ok(r);
        assertTrue(r.err().contains("is already unallocatable"), r.toString());
        ok(h.run("vgremove", "vg2"));
        ok(h.run("pvremove", a.toString(), b.toString(), c.toString()));
        try (Scan s = h.scan(a, b, c)) {
            assertTrue(s.pvs().isEmpty());
        }
    }

    @Test
    void vgRefusals() throws Exception {
        ok(h.run("pvcreate", a.toString(), b.toString()));
        ok(h.run("vgcreate", "vg", a.toString()));
        refused(5, "A volume group called vg already exists.", "vgcreate", "vg", b.toString());
        refused(5, "Physical volume '" + a + "' is already in volume group 'vg'", "vgcreate", "vg3", a.toString());
        refused(5, "No device found for " + dir.resolve("nope.img") + ".", "vgcreate", "vg3", dir.resolve("nope.img").toString());
        refused(3, "New volume group name \"a b\" is invalid.", "vgcreate", "a b", b.toString());
        refused(3, "Name starts with . or .. and has no following character(s).", "vgcreate", "..", b.toString());
        refused(3, "Physical extent size may not be zero", "vgcreate", "-s", "0", "vg3", b.toString());
        refused(5, "Physical Extent size must be a multiple of 128.00 KiB when not a power of 2.", "vgcreate", "-s", "12k", "vg3", b.toString());
        refused(3, "Invalid argument for --physicalextentsize: abc", "vgcreate", "-s", "abc", "vg3", b.toString());
        refused(5, "Volume group \"nothere\" not found", "vgextend", "nothere", b.toString());
        refused(5, "Can't remove final physical volume", "vgreduce", "vg", a.toString());
        refused(5, "Old and new volume group names must differ", "vgrename", "vg", "vg");
        refused(5, "Volume group \"nothere\" not found", "vgremove", "nothere");
        refused(3, "vgcreate: unrecognized option '--bogus'\n  Error during parsing of command line.", "vgcreate", "--bogus", "vg3", b.toString());
        ok(h.run("lvcreate", "-l", "1", "-n", "x", "vg"));
        refused(5, "Volume group \"vg\" not removed", "vgremove", "vg");
        refused(5, "Physical volume \"" + a + "\" still in use", "vgreduce", "vg", a.toString());
        refused(5, "is used by VG vg", "pvremove", a.toString());
        refused(5, "Can't initialize physical volume \"" + a + "\" of volume group \"vg\" without -ff", "pvcreate", a.toString());
        Harness.Result r = h.runWithInput("y\n", "vgremove", "vg");
        ok(r);
        assertTrue(r.out().contains("Logical volume \"x\" successfully removed.") && r.out().contains("Volume group \"vg\" successfully removed"), r.toString());
    }

    /** pvremove -ff of a PV in a VG asks as LVM2 (test/shell/pvremove-usage.sh); "y" wipes, EOF is "no" (exit 5). */
    @Test
    void pvremoveTwiceForcedAsksBeforeWipingAPvOfAVg() throws Exception {
        ok(h.run("pvcreate", a.toString(), b.toString()));
        ok(h.run("vgcreate", "vg", a.toString(), b.toString()));
        String prompt = "Really WIPE LABELS from physical volume \"" + a + "\" of volume group \"vg\" [y/n]? ";
        Harness.Result r = h.run("pvremove", "-ff", a.toString());
        assertEquals(5, r.rc(), r.toString());
        assertEquals("  WARNING: PV " + a + " is used by VG vg.\n" + prompt + "[n]\n  " + a + ": physical volume label not removed.\n", r.err());
        r = h.runWithInput("y\n", "pvremove", "-ff", a.toString());
        ok(r);
        assertEquals("  WARNING: PV " + a + " is used by VG vg.\n" + prompt + "  WARNING: Wiping physical volume label from " + a
                + " of volume group \"vg\".\n", r.err());
        assertEquals("  Labels on physical volume \"" + a + "\" successfully wiped.\n", r.out());
        try (Scan s = h.scan(a, b)) {
            assertTrue(s.pv(a).isEmpty());
        }
    }

    @Test
    void backupAndRestore() throws Exception {
        ok(h.run("pvcreate", a.toString(), b.toString()));
        ok(h.run("vgcreate", "vg", a.toString(), b.toString()));
        ok(h.run("lvcreate", "-L", "12m", "-n", "one", "vg"));
        Path f = dir.resolve("vg.backup");
        ok(h.run("vgcfgbackup", "-f", f.toString(), "vg"));
        ok(h.run("lvremove", "-y", "vg/one"));
        Harness.Result r = h.run("vgcfgrestore", "-f", f.toString(), "vg");
        ok(r);
        assertEquals("  Restored volume group vg.\n", r.out());
        try (Scan s = h.scan(a, b)) {
            var vg = s.vg("vg").orElseThrow().vg();
            assertTrue(vg.lv("one").isPresent());
            assertEquals(4, vg.seqno(), "seqno always grows: max(on disk, in the file) + 1");
        }
        refused(5, "does not contain volume group 'other'", "vgcfgrestore", "-f", f.toString(), "other");
    }

    @Test
    void staleCopyIsReportedAndRepaired() throws Exception {
        ok(h.run("pvcreate", a.toString(), b.toString()));
        ok(h.run("vgcreate", "vg", a.toString(), b.toString()));
        byte[] oldA = Files.readAllBytes(a);
        ok(h.run("lvcreate", "-L", "8m", "-n", "lv", "vg"));
        Files.write(a, oldA); // a crash that lost a's update: a holds seqno 1, b seqno 2
        Harness.Result r = h.run("vgck", "vg");
        assertEquals(0, r.rc(), r.toString()); // as LVM2: warnings, exit 0
        assertTrue(r.err().contains("WARNING: ignoring metadata seqno 1 on " + a + " for seqno 2 on " + b + " for VG vg."), r.toString());
        assertTrue(r.err().contains("WARNING: Inconsistent metadata found for VG vg.\n  See vgck --updatemetadata to correct inconsistency."), r.toString());
        ok(h.run("vgck", "--updatemetadata", "vg"));
        ok(h.run("vgck", "vg"));
        try (Scan s = h.scan(a, b)) {
            assertTrue(s.vg("vg").orElseThrow().staleCopies().isEmpty());
            assertTrue(s.vg("vg").orElseThrow().vg().lv("lv").isPresent());
        }
    }

    @Test
    void damagedImagesGetAClearMessage() throws Exception {
        ok(h.run("pvcreate", a.toString(), b.toString()));
        ok(h.run("vgcreate", "vg", a.toString(), b.toString()));
        try (var ch = java.nio.channels.FileChannel.open(a, java.nio.file.StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap(new byte[] {9, 9, 9, 9}), 4096 + 100); // mda header CRC now wrong
        }
        Harness.Result r = h.run("vgck", "vg");
        assertTrue(r.err().contains("WARNING:") && r.err().contains("checksum"), r.toString());
        assertFalse(r.err().contains("Exception"), r.toString());
        r = h.run("pvck", a.toString());
        assertEquals(5, r.rc(), r.toString());
        assertTrue(r.out().contains("CHECK:") && r.out().contains("checksum"), r.toString());
        ok(h.run("vgck", "--updatemetadata", "vg"));
        r = h.run("vgck", "vg");
        ok(r);
        assertEquals("", r.err(), "repaired from the other valid copy");
        ok(h.run("pvck", a.toString()));
        Path t = h.image("trunc.img", 1000);
        r = h.run("pvck", "--devices", t.toString(), t.toString());
        assertEquals(5, r.rc(), r.toString());
    }
}
