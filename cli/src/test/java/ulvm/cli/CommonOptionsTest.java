package ulvm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * LVM2's options common to every command (issue 19): -t/--test, -y/--yes, --version, --longhelp, --devicesfile, and
 * those ulvm accepts as LVM2 does on a system without the feature (--nohints, --noudevsync, --driverloaded, --journal,
 * --lockopt, --nolocking). Messages and exit codes are real LVM2 2.03.16's; test-images UlvmStepsCheckedByLvm2Test
 * runs --test by real LVM2 on a twin image.
 */
class CommonOptionsTest {
    static final String TEST_MODE = "  TEST MODE: Metadata will NOT be updated and volumes will not be (de)activated.\n";

    @TempDir Path dir;
    Harness h;
    Path a;

    @BeforeEach
    void setUp() throws Exception {
        h = new Harness(dir);
        a = h.image("a.img", 64 << 20);
        Harness.ok(h.run("pvcreate", a.toString()));
        Harness.ok(h.run("vgcreate", "vg", a.toString()));
    }

    @Test
    void testModeRunsTheCommandButWritesNothing() throws Exception {
        String before = h.fingerprint();
        Harness.Result r = h.run("lvcreate", "-t", "-an", "-Zn", "-L", "4m", "-n", "x", "vg");
        assertEquals(0, r.rc(), r.toString());
        assertEquals("  Logical volume \"x\" created.\n", r.out());
        assertEquals(TEST_MODE, r.err()); // first, on stderr; no "NOT backed up" (LVM2 skips backups silently)
        assertEquals(before, h.fingerprint());
        assertFalse(h.run("lvs", "vg").out().contains(" x "));
        assertFalse(Files.exists(h.sys.archiveDir()) && Files.list(h.sys.archiveDir()).anyMatch(p -> p.toString().contains("lvcreate")));
    }

    @Test
    void testModeSeesItsOwnWritesWithinTheCommand() throws Exception {
        // a raid1 lvcreate writes more than the metadata (rmeta superblocks), and reads back what it wrote
        Path b = h.image("b.img", 64 << 20);
        Harness.ok(h.run("pvcreate", b.toString()));
        Harness.ok(h.run("vgextend", "vg", b.toString()));
        String before = h.fingerprint();
        Harness.Result r = h.run("lvcreate", "--test", "--type", "raid1", "-m", "1", "-L", "4m", "-n", "r", "vg");
        assertEquals(0, r.rc(), r.toString());
        assertTrue(r.out().contains("Logical volume \"r\" created."), r.toString());
        assertEquals(before, h.fingerprint());
    }

    @Test
    void testModePvcreateLeavesTheImageAndDevicesFile() throws Exception {
        Path b = h.image("b.img", 64 << 20);
        String before = h.fingerprint();
        Harness.Result r = h.run("pvcreate", "-t", b.toString());
        assertEquals(0, r.rc(), r.toString());
        assertTrue(r.out().contains("Physical volume \"" + b + "\" successfully created."), r.toString());
        assertEquals(before, h.fingerprint());
        assertFalse(h.run("pvs").out().contains(b.toString())); // not a PV, and not in the devices file
    }

    @Test
    void testModeActivatesNothing() {
        OptionsCommandsTest.Live live = new OptionsCommandsTest.Live();
        Harness.ok(h.run("lvcreate", "-an", "-L", "4m", "-n", "x", "vg"));
        Harness.Result r = h.runWith(live, null, "lvchange", "-t", "-ay", "vg/x");
        assertEquals(0, r.rc(), r.toString());
        assertEquals(java.util.List.of(), live.calls);
    }

    @Test
    void yesIsTakenByEveryCommand() {
        Harness.ok(h.run("lvs", "-y", "vg"));
        Harness.ok(h.run("vgrename", "--yes", "vg", "vg2"));
    }

    @Test
    void versionPrintsTheVersionAndDoesNothingElse() throws Exception {
        String before = h.fingerprint();
        Harness.Result r = h.run("lvcreate", "--version", "-L", "4m", "-n", "x", "vg");
        assertEquals(0, r.rc(), r.toString());
        assertTrue(r.out().startsWith("  LVM version:     2.03.16(2)"), r.toString());
        assertEquals(before, h.fingerprint());
    }

    @Test
    void longhelpIsHelp() {
        Harness.Result r = h.run("lvs", "--longhelp");
        assertEquals(0, r.rc(), r.toString());
        assertTrue(r.out().contains("--select"), r.toString());
    }

    @Test
    void devicesfileNamesAFileInTheDevicesDir() throws Exception {
        Path b = h.image("b.img", 64 << 20);
        Harness.ok(h.run("pvcreate", "--devicesfile", "other.devices", b.toString()));
        assertTrue(Files.readString(h.sys.root().resolve("devices/other.devices")).contains(b.toString()));
        assertFalse(Files.readString(h.sys.devicesFile()).contains(b.toString()));
        assertTrue(h.run("pvs", "--devicesfile", "other.devices").out().contains(b.toString()));
        assertFalse(h.run("pvs", "--devicesfile", "other.devices").out().contains(a.toString()));
        assertEquals("", h.run("pvs", "--devicesfile", "none.devices").out()); // LVM2: a missing file, no devices
        Harness.Result bad = h.run("pvs", "--devicesfile", "a/b");
        assertEquals(3, bad.rc(), bad.toString());
        assertEquals("  Invalid devices file name.\n  Run `pvs --help' for more information.\n", bad.err());
    }

    @Test
    void optionsOfFeaturesUlvmLacksAreAccepted() {
        Harness.Result r = h.run("lvcreate", "--nohints", "--noudevsync", "--driverloaded", "y", "--journal", "command", "--lockopt", "skiplv",
                "--nolocking", "--reportformat", "basic", "-an", "-L", "4m", "-n", "x", "vg");
        assertEquals(0, r.rc(), r.toString());
        assertTrue(h.run("lvs", "--nohints", "vg/x").out().contains("x"));
        Harness.Result bad = h.run("lvs", "--driverloaded", "maybe");
        assertEquals(3, bad.rc());
        assertEquals("  Invalid argument for --driverloaded: maybe\n  Error during parsing of command line.\n", bad.err());
    }

    /** Issue 19: the options of segment types ulvm lacks are LVM2's names, refused in one line, exit 5, nothing written. */
    @Test
    void cacheVdoAndIntegrityOptionsAreRefusedByName() throws Exception {
        Harness.ok(h.run("lvcreate", "-an", "-L", "4m", "-n", "x", "vg"));
        String before = h.fingerprint();
        String[][] cases = {
                {"lvcreate", "--cachepool", "vg/p", "-L", "4m", "-n", "c", "vg"},
                {"lvcreate", "-H", "-L", "4m", "vg/x"},
                {"lvcreate", "--vdo", "-L", "4m", "vg"},
                {"lvconvert", "--raidintegrity", "y", "vg/x"},
                {"lvchange", "--compression", "n", "vg/x"},
                {"lvconvert", "--splitcache", "vg/x"}};
        String[] lacks = {"cache", "cache", "VDO", "raid integrity", "VDO", "cache"};
        for (int i = 0; i < cases.length; i++) {
            Harness.Result r = h.run(cases[i]);
            assertEquals(5, r.rc(), r.toString());
            assertEquals(1, r.err().lines().count(), r.toString());
            assertTrue(r.err().contains("ulvm has no " + lacks[i] + " "), r.toString());
        }
        assertEquals(before, h.fingerprint());
    }

    /**
     * Options of LVM2 features ulvm has no counterpart of (dmeventd, polling, lock-free reading, LV history, device
     * nodes, dbus): taken as LVM2 takes them where they do nothing, real LVM2 2.03.16 printing nothing more for them.
     */
    @Test
    void monitoringPollingHistoryAndReadonlyOptionsAreAccepted() throws Exception {
        Harness.ok(h.run("lvcreate", "--monitor", "n", "--ignoremonitoring", "-an", "-L", "4m", "-n", "x", "vg"));
        String before = h.fingerprint();
        Harness.Result r = h.run("vgchange", "--monitor", "y", "--poll", "n", "--sysinit", "--ignorelockingfailure", "vg");
        assertEquals(0, r.rc(), r.toString());
        assertEquals("", r.out() + r.err());
        assertEquals(before, h.fingerprint());
        Harness.ok(h.run("lvchange", "--monitor", "y", "vg/x"));
        assertEquals(h.run("lvs", "vg").out(), h.run("lvs", "-H", "--readonly", "--ignorelockingfailure", "vg").out());
        Harness.ok(h.run("vgs", "--readonly", "vg"));
        Harness.ok(h.run("lvdisplay", "--readonly", "vg/x"));
        Harness.ok(h.run("vgscan", "--mknodes", "--notifydbus"));
        Harness.Result bad = h.run("vgchange", "--monitor", "maybe", "vg");
        assertEquals(3, bad.rc(), bad.toString());
        assertEquals("  Invalid argument for --monitor: maybe\n  Error during parsing of command line.\n", bad.err());
        Harness.Result partial = h.run("vgchange", "-P", "-an", "vg"); // LVM2's --partial: --activationmode partial
        assertEquals(0, partial.rc(), partial.toString());
        assertTrue(partial.err().contains("PARTIAL MODE. Incomplete logical volumes will be processed."), partial.toString());
        Harness.ok(h.run("lvremove", "--nohistory", "-y", "vg/x"));
        assertFalse(h.run("lvs", "vg").out().contains(" x "));
    }
}

