package ulvm.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * lvm.conf's allocation/ settings and metadata profiles (LVM2's test/shell/profiles.sh ground): ulvm makes a VG with
 * --metadataprofile, a pool whose chunk size, zeroing and discards come from its profile, a raid0 striped over every PV
 * (raid_stripe_all_devices) with lvm.conf's extent size; real LVM2 2.03.16 checks the metadata (vgck), reports the same,
 * then attaches and detaches profiles itself, and both write profile = "NAME" in the same place.
 */
class ProfilesCheckedByLvm2Test {
    @TempDir Path dir;

    @BeforeAll
    static void lvm2() { Needs.lvm2(); }

    @Test
    void profilesAndAllocationSettingsAsLvm2() throws Exception {
        Ulvm u = Ulvm.inProcess(dir);
        List<Path> images = List.of(u.image("a.img", 128 << 20), u.image("b.img", 128 << 20), u.image("c.img", 128 << 20));
        Path profiles = Files.createDirectories(dir.resolve("sys/profile"));
        Files.writeString(profiles.resolve("mp.profile"), "allocation {\n\tthin_pool_zero = 0\n}\n");
        Files.writeString(profiles.resolve("pool.profile"), "allocation {\n\tthin_pool_chunk_size = 256\n\tthin_pool_discards = \"nopassdown\"\n\tthin_pool_zero = 0\n}\n");
        Files.writeString(dir.resolve("sys/lvm.conf"), "allocation {\n\tphysical_extent_size = 8192\n\traid_stripe_all_devices = 1\n}\n");
        ok(u.run("pvcreate", images.get(0).toString(), images.get(1).toString(), images.get(2).toString()));
        ok(u.run("vgcreate", "--metadataprofile", "mp", "vg", images.get(0).toString(), images.get(1).toString(), images.get(2).toString()));
        ok(u.run("lvcreate", "-an", "-L", "16m", "-T", "vg/pool", "--profile", "pool"));
        ok(u.run("lvcreate", "-an", "-L", "16m", "-T", "vg/pool2")); // the VG's profile: no zeroing
        ok(u.run("lvcreate", "-an", "-Zn", "--type", "raid0", "-L", "24m", "-n", "r0", "vg"));
        String config = RealLvm.CONFIG + " config{profile_dir=\"" + profiles + "\"}";
        RealLvm.Result check = RealLvm.runConfigured(images, config, "vgck", "vg");
        assertEquals(0, check.rc(), check.toString());
        assertEquals("", check.warnings());
        String[] lvs = {"-a", "-o", "lv_name,lv_profile,vg_profile,chunk_size,zero,discards,stripes,vg_extent_size", "vg"};
        RealLvm.Result real = RealLvm.runConfigured(images, config, "lvs", lvs);
        assertEquals(real.out(), u.run(prepend("lvs", lvs)).out());
        // real LVM2 attaches and detaches; ulvm reads what it wrote, and writes its own the same way
        real = RealLvm.runConfigured(images, config, "lvcreate", "-an", "-Zn", "-L", "8m", "-n", "l1", "--metadataprofile", "mp", "vg");
        assertEquals(0, real.rc(), real.toString());
        real = RealLvm.runConfigured(images, config, "vgchange", "--detachprofile", "vg");
        assertEquals(0, real.rc(), real.toString());
        real = RealLvm.runConfigured(images, config, "vgcfgbackup", "-f", dir.resolve("real.vg").toString(), "vg");
        assertEquals(0, real.rc(), real.toString());
        real = RealLvm.runConfigured(images, config, "lvs", "-o", "lv_name,lv_profile,vg_profile", "vg");
        assertEquals(real.out(), u.run("lvs", "-o", "lv_name,lv_profile,vg_profile", "vg").out());
        ok(u.run("vgchange", "--metadataprofile", "mp", "vg"));
        ok(u.run("vgcfgbackup", "-f", dir.resolve("ulvm.vg").toString(), "vg"));
        List<String> realPlaces = places(Files.readString(dir.resolve("real.vg")));
        realPlaces.add(0, "max_pv profile metadata_copies"); // the VG's, which real LVM2 detached
        assertEquals(realPlaces, places(Files.readString(dir.resolve("ulvm.vg"))));
    }

    /** For each profile = line: the keys before and after it. */
    private static List<String> places(String text) {
        List<String> keys = new ArrayList<>();
        for (String l : text.split("\n")) if (l.trim().matches("[a-z_]+ = .*")) keys.add(l.trim().split(" ")[0]);
        List<String> out = new ArrayList<>();
        for (int i = 1; i + 1 < keys.size(); i++) if (keys.get(i).equals("profile")) out.add(keys.get(i - 1) + " profile " + keys.get(i + 1));
        return out;
    }

    private static String[] prepend(String first, String[] rest) {
        String[] out = new String[rest.length + 1];
        out[0] = first;
        System.arraycopy(rest, 0, out, 1, rest.length);
        return out;
    }

    private static void ok(Ulvm.Result r) { assertEquals(0, r.rc(), r.toString()); }
}
