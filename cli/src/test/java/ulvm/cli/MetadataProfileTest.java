package ulvm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Metadata profiles (--metadataprofile, --profile of lvcreate/lvchange/vgcreate/vgchange/lvconvert, --detachprofile):
 * messages, exit codes and the lv_profile/vg_profile that real LVM2 2.03.16 printed for the same commands and profile
 * files (test/shell/profiles.sh covers the same ground).
 */
class MetadataProfileTest {
    @TempDir Path dir;

    private Harness setUp() throws Exception {
        Harness h = new Harness(dir);
        Path a = h.image("a.img", 64 << 20), b = h.image("b.img", 64 << 20);
        Harness.ok(h.run("pvcreate", a.toString(), b.toString()));
        Files.createDirectories(dir.resolve("sys/profile"));
        Files.writeString(dir.resolve("sys/profile/mp.profile"), "allocation {\nthin_pool_zero=0\n}\n");
        Files.writeString(dir.resolve("sys/profile/mp2.profile"), "allocation {\nthin_pool_chunk_size=256\n}\nactivation {\nthin_pool_autoextend_threshold=70\n}\n");
        Files.writeString(dir.resolve("sys/profile/cp.profile"), "report {\nseparator=\":\"\n}\n");
        return h;
    }

    @Test
    void attachedWhereLvm2AttachesThem() throws Exception {
        Harness h = setUp();
        String a = dir.resolve("a.img").toString(), b = dir.resolve("b.img").toString();
        Harness.Result r = h.run("vgcreate", "--metadataprofile", "nosuch", "vg", a, b);
        assertEquals(5, r.rc(), r.toString());
        assertEquals("  " + dir.resolve("sys/profile/nosuch.profile") + ": stat failed: No such file or directory\n  Failed to apply metadata profile nosuch.\n", r.err());
        r = h.run("vgcreate", "--metadataprofile", "cp", "vg", a, b);
        assertEquals(5, r.rc(), r.toString());
        assertEquals("  Configuration option \"report/separator\" is customizable by command profile only, not metadata profile.\n"
                + "  Ignoring invalid metadata profile cp.\n  Failed to apply metadata profile cp.\n", r.err());
        Harness.ok(h.run("vgcreate", "--profile", "mp", "vg", a, b));
        Harness.ok(h.run("lvcreate", "-an", "-Zn", "-L", "8m", "-n", "l1", "--metadataprofile", "mp2", "vg"));
        Harness.ok(h.run("lvcreate", "-an", "-Zn", "-L", "8m", "-n", "l2", "--profile", "mp2", "vg"));
        Harness.ok(h.run("lvcreate", "-an", "-Zn", "-L", "8m", "-n", "l3", "--commandprofile", "cp", "vg"));
        Harness.ok(h.run("lvcreate", "-an", "-Zn", "--type", "raid0", "-i", "2", "-L", "8m", "-n", "r0", "--metadataprofile", "mp", "vg"));
        assertEquals("  LV            LProfile VProfile\n  l1            mp2      mp      \n  l2            mp2      mp      \n  l3                     mp      \n"
                + "  r0            mp       mp      \n  [r0_rimage_0] mp       mp      \n  [r0_rimage_1] mp       mp      \n",
                h.run("lvs", "-a", "-o", "lv_name,lv_profile,vg_profile", "vg").out());
        // where LVM2's export.c writes them: the VG's before metadata_copies, an LV's after creation_host/allocation_policy
        Harness.ok(h.run("vgcfgbackup", "-f", dir.resolve("vg.bak").toString(), "vg"));
        String text = Files.readString(dir.resolve("vg.bak"));
        assertTrue(text.contains("max_pv = 0\nprofile = \"mp\"\nmetadata_copies = 0\n") || text.matches("(?s).*max_pv = 0\\s+profile = \"mp\"\\s+metadata_copies = 0.*"), text);
        assertTrue(text.matches("(?s).*l1 \\{.*creation_host = \"[^\"]*\"\\s+profile = \"mp2\"\\s+segment_count = 1.*"), text);
        assertEquals("  Logical volume vg/l1 changed.\n", h.run("lvchange", "--detachprofile", "vg/l1").out());
        assertEquals("  Logical volume vg/l3 changed.\n", h.run("lvchange", "--profile", "mp2", "vg/l3").out());
        assertEquals("  Volume group \"vg\" successfully changed\n", h.run("vgchange", "--detachprofile", "vg").out());
        assertEquals("  Volume group \"vg\" successfully changed\n", h.run("vgchange", "--metadataprofile", "mp2", "vg").out());
        assertEquals("  l1            mp2     \n  l2   mp2      mp2     \n  l3   mp2      mp2     \n",
                h.run("lvs", "--noheadings", "-o", "lv_name,lv_profile,vg_profile", "-S", "lv_name=~^l", "vg").out());
        Harness.ok(h.run("vgchange", "--metadataprofile", "mp", "-l", "100", "vg")); // both done
        assertEquals("  mp         100\n", h.run("vgs", "--noheadings", "-o", "vg_profile,max_lv", "vg").out());
        Harness.ok(h.run("vgchange", "--metadataprofile", "mp2", "vg"));
        r = h.run("lvchange", "--profile", "mp", "--metadataprofile", "mp", "vg/l1");
        assertEquals(5, r.rc(), r.toString());
        assertEquals("  Only one of --profile or  --metadataprofile allowed.\n", r.err());
        r = h.run("lvchange", "--profile", "mp", "--detachprofile", "vg/l1");
        assertEquals(3, r.rc(), r.toString());
        assertTrue(r.err().startsWith("  Command does not accept option combination: --profile  with --detachprofile \n"), r.err());
        r = h.run("lvs", "--profile", "mp", "vg");
        assertEquals(5, r.rc(), r.toString());
        assertEquals("  Configuration option \"allocation/thin_pool_zero\" is customizable by metadata profile only, not command profile.\n"
                + "  Ignoring invalid command profile mp.\n  Failed to apply command profile mp.\n", r.err());
        r = h.run("lvs", "--profile", "cp", "--commandprofile", "cp", "vg");
        assertEquals(5, r.rc(), r.toString());
        assertEquals("  Only one of --profile or --commandprofile allowed.\n", r.err());
        // lvmconfig shows them applied, as real LVM2 2.03.16's
        assertEquals("allocation {\n\tthin_pool_chunk_size=256\n}\nactivation {\n\tthin_pool_autoextend_threshold=70\n}\n",
                h.run("lvmconfig", "--metadataprofile", "mp2", "--type", "diff").out());
        assertEquals("report {\n\tseparator=\":\"\n}\n", h.run("lvmconfig", "--commandprofile", "cp", "--type", "diff").out());
        // lvmconfig's --profile is checked as a command profile, not applied (dumpconfig.c)
        assertEquals("", h.run("lvmconfig", "--profile", "cp", "--type", "diff").out());
        r = h.run("lvmconfig", "--profile", "mp", "report/separator");
        assertEquals(5, r.rc(), r.toString());
        assertEquals("  Configuration option \"allocation/thin_pool_zero\" is customizable by metadata profile only, not command profile.\n"
                + "  Ignoring invalid command profile mp.\n  Failed to load profile mp.\n", r.err());
        // lvconvert to a pool: the pool and every LV made for it (LVM2's lv_create_empty and insert_layer_for_lv)
        Harness.ok(h.run("lvcreate", "-an", "-Zn", "-L", "8m", "-n", "cp1", "vg"));
        Harness.ok(h.run("lvconvert", "-y", "--type", "thin-pool", "vg/cp1", "--metadataprofile", "mp"));
        assertEquals("  cp1         mp      \n  [cp1_tdata] mp      \n  [cp1_tmeta] mp      \n",
                h.run("lvs", "-a", "--noheadings", "-o", "lv_name,lv_profile", "-S", "lv_name=~cp1", "vg").out());
        r = h.run("lvconvert", "-y", "--type", "raid1", "-m", "1", "vg/l2", "--metadataprofile", "mp");
        assertEquals(3, r.rc(), r.toString());
        assertTrue(r.err().startsWith("  Command does not accept option: --metadataprofile mp.\n"), r.err());
    }

    /** The cascade: lvm.conf, then the VG's (or --metadataprofile's) profile, then --config (lvm.conf(5)). */
    @Test
    void theVgsProfileSetsItsPoolsDefaults() throws Exception {
        Harness h = setUp();
        Files.writeString(dir.resolve("sys/lvm.conf"), "allocation {\nthin_pool_chunk_size=128\n}\n");
        Harness.ok(h.run("vgcreate", "--metadataprofile", "mp2", "vg", dir.resolve("a.img").toString(), dir.resolve("b.img").toString()));
        Harness.ok(h.run("lvcreate", "-an", "-L", "16m", "-T", "vg/p1"));
        Harness.ok(h.run("lvcreate", "-an", "-L", "16m", "-T", "vg/p2", "--config", "allocation{thin_pool_chunk_size=512}"));
        Harness.ok(h.run("lvcreate", "-an", "-L", "16m", "-T", "vg/p3", "--metadataprofile", "mp"));
        Harness.ok(h.run("vgchange", "--detachprofile", "vg"));
        Harness.ok(h.run("lvcreate", "-an", "-L", "16m", "-T", "vg/p4"));
        // an LV names the profile only when created with --metadataprofile; p3's chunk size is lvm.conf's: its profile wins over the VG's
        assertEquals("  p1   256.00k zero         \n  p2   512.00k zero         \n  p3   128.00k      mp      \n  p4   128.00k zero         \n",
                h.run("lvs", "--noheadings", "-o", "lv_name,chunk_size,zero,lv_profile", "vg").out());
    }

    /** lvextend --use-policies (what the daemon's autoextend runs): the pool's profile, else its VG's, sets the threshold. */
    @Test
    void thePoolsProfileSetsItsAutoextendPolicy() throws Exception {
        Harness h = setUp();
        Harness.ok(h.run("vgcreate", "vg", dir.resolve("a.img").toString(), dir.resolve("b.img").toString()));
        Harness.ok(h.run("lvcreate", "-an", "-L", "16m", "-T", "vg/p1", "--metadataprofile", "mp2"));
        Harness.ok(h.run("lvcreate", "-an", "-L", "16m", "-T", "vg/p2"));
        ulvm.ops.Session.LiveHooks at80 = new ulvm.ops.Session.LiveHooks() {
            @Override public ulvm.thin.ThinUsage thinUsage(String vg, String lv) { return new ulvm.thin.ThinUsage(80, 100, 1, 100); }
        };
        Harness.ok(h.runWith(at80, null, "lvextend", "--use-policies", "vg/p2")); // lvm.conf's threshold 100: the policy is off
        Harness.ok(h.runWith(at80, null, "lvextend", "--use-policies", "vg/p1", "--config", "activation{thin_pool_autoextend_threshold=100}"));
        assertEquals("  p1   16.00m\n  p2   16.00m\n", h.run("lvs", "--noheadings", "-o", "lv_name,lv_size", "vg").out());
        Harness.ok(h.runWith(at80, null, "lvextend", "--use-policies", "vg/p1")); // mp2's threshold 70: 20% more
        Harness.ok(h.run("vgchange", "--metadataprofile", "mp2", "vg"));
        Harness.ok(h.runWith(at80, null, "lvextend", "--use-policies", "vg/p2")); // the VG's profile
        assertEquals("  p1   20.00m\n  p2   20.00m\n", h.run("lvs", "--noheadings", "-o", "lv_name,lv_size", "vg").out());
    }
}
