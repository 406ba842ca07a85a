package ulvm.e2e.mount;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ulvm.e2e.ImageSurgery;

/**
 * Metadata naming a VG "../escape" or an LV "../../outside" (checksums right) never makes a file outside the mount
 * point or the system dir: the mount shows only the sound VG, the daemon keeps serving it, and commands through
 * the daemon refuse the hostile VGs with a one-line warning.
 */
class HostileNamesMountTest {
    @BeforeAll
    static void fuse() { MountRig.assumeRootWithFuse(); }

    static List<String> tree(Path root) throws Exception {
        try (Stream<Path> s = Files.walk(root)) {
            return s.map(p -> root.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void hostileNamesStayInside(@TempDir Path tmp) throws Exception {
        try (MountRig rig = new MountRig(tmp.resolve("rig"))) {
            rig.vg("good", 1, 16L << 20);
            rig.ulvm("lvcreate", "-L", "4M", "-n", "lv", "good").ok();
            rig.vg("evilvg", 1, 16L << 20);
            rig.ulvm("lvcreate", "-L", "4M", "-n", "lv", "evilvg").ok();
            rig.vg("evillv", 1, 16L << 20);
            rig.ulvm("lvcreate", "-L", "4M", "-n", "lv", "evillv").ok();
            ImageSurgery.rewrite(rig.images.get(1), t -> t.replaceFirst("(?m)^evilvg \\{", "../escape {"));
            ImageSurgery.rewrite(rig.images.get(2), t -> t.replaceFirst("(?m)^lv \\{", "../../outside {"));
            String fingerprints = ImageSurgery.fingerprint(rig.images.get(1), rig.images.get(2));

            rig.mount();
            assertEquals(List.of("good"), tree(rig.mnt).stream().filter(p -> !p.isEmpty() && !p.contains("/")).toList(),
                    "only the sound VG is shown");
            assertTrue(Files.exists(rig.lvFile("good", "lv")), "the sound VG's LV is served");
            MountRig.Result r = rig.ulvm("vgchange", "-ay");
            assertFalse(r.err().contains("Exception") || r.err().contains("Internal error"), r.toString());
            assertTrue(r.err().contains("invalid VG name \"../escape\""), r.toString());
            assertTrue(r.err().contains("LV name \"../../outside\" has invalid form"), r.toString());
            r = rig.ulvm("vgcfgbackup");
            assertEquals(0, r.rc(), r.toString());
            r = rig.ulvm("lvs", "--noheadings", "-o", "vg_name,lv_name");
            assertEquals(List.of("good lv"), r.out().lines().map(l -> l.trim().replaceAll("\\s+", " ")).toList(), r.toString());

            // nothing named after the hostile metadata, anywhere around the mount point or the system dir
            for (Path base : List.of(rig.mnt, rig.sys, rig.sys.resolve("backup"), rig.dir)) {
                assertFalse(Files.exists(base.resolve("../escape")), base + "/../escape");
                assertFalse(Files.exists(base.resolve("../../outside")), base + "/../../outside");
                assertFalse(Files.exists(base.resolve("../outside")), base + "/../outside");
            }
            try (Stream<Path> s = Files.walk(tmp)) { // the sound VGs' archives and backups aside (evilvg, evillv before the surgery)
                assertEquals(List.of(), s.filter(p -> p.getFileName().toString().matches(".*(escape|outside).*|evil.*"))
                        .filter(p -> !p.getParent().equals(rig.sys.resolve("archive")) && !p.getParent().equals(rig.sys.resolve("backup"))).toList());
            }
            assertFalse(Files.exists(rig.sys.resolve("backup").resolve("escape")), "vgcfgbackup wrote the sound VGs only");
            assertTrue(Files.exists(rig.sys.resolve("backup").resolve("good")));
            assertTrue(Files.exists(rig.lvFile("good", "lv")), "the daemon still serves");
            assertEquals(4L << 20, Files.size(rig.lvFile("good", "lv")));
            rig.umount();
            assertEquals(fingerprints, ImageSurgery.fingerprint(rig.images.get(1), rig.images.get(2)), "the hostile images were written");
        }
    }
}
