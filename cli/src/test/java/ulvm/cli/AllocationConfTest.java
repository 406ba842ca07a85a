package ulvm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * lvm.conf's allocation/ settings: the lines and results expected are what real LVM2 2.03.16 printed and made for the
 * same settings on twin images (--config; for thin pools, whose creation needs activation there, its messages up to it).
 */
class AllocationConfTest {
    @TempDir Path dir;

    private Harness h;
    private Path a, b, c;

    private void vg(String... extra) throws Exception {
        h = new Harness(dir);
        a = h.image("a.img", 64 << 20);
        b = h.image("b.img", 64 << 20);
        c = h.image("c.img", 64 << 20);
        Harness.ok(h.run("pvcreate", a.toString(), b.toString(), c.toString()));
        String[] args = new String[5 + extra.length];
        System.arraycopy(new String[] {"vgcreate", "vg", a.toString(), b.toString(), c.toString()}, 0, args, 0, 5);
        System.arraycopy(extra, 0, args, 5, extra.length);
        Harness.ok(h.run(args));
    }

    @Test
    void physicalExtentSizeIsVgcreatesDefault() throws Exception {
        h = new Harness(dir);
        a = h.image("a.img", 64 << 20);
        Harness.ok(h.run("pvcreate", a.toString()));
        Files.createDirectories(dir.resolve("sys"));
        Files.writeString(dir.resolve("sys/lvm.conf"), "allocation {\n\tphysical_extent_size = 8192\n}\n");
        Harness.Result r = h.run("vgcreate", "vg", a.toString(), "--config", "allocation{physical_extent_size=0}");
        assertEquals(3, r.rc(), r.toString());
        assertEquals("  Physical extent size may not be zero\n  Run `vgcreate --help' for more information.\n", r.err());
        r = h.run("vgcreate", "vg", a.toString(), "--config", "allocation{physical_extent_size=-8}");
        assertEquals(3, r.rc(), r.toString());
        assertEquals("  Physical extent size may not be negative.\n  Run `vgcreate --help' for more information.\n", r.err());
        r = h.run("vgcreate", "vg", a.toString(), "--config", "allocation{physical_extent_size=1000}");
        assertEquals(5, r.rc(), r.toString());
        assertEquals("  Physical Extent size must be a multiple of 128.00 KiB when not a power of 2.\n", r.err());
        Harness.ok(h.run("vgcreate", "vg", a.toString()));
        assertEquals("  8.00m\n", h.run("vgs", "--noheadings", "-o", "vg_extent_size").out());
        Harness.ok(h.run("vgremove", "vg"));
        Harness.ok(h.run("vgcreate", "-s", "1m", "vg", a.toString()));
        assertEquals("  1.00m\n", h.run("vgs", "--noheadings", "-o", "vg_extent_size").out(), "-s over the setting");
        assertEquals("# physical_extent_size=4096\n", h.run("lvmconfig", "--type", "default", "allocation/physical_extent_size").out());
        // a setting without a default: nothing, exit 0, as real LVM2 2.03.16's lvmconfig
        Harness.Result none = h.run("lvmconfig", "--type", "default", "allocation/thin_pool_chunk_size");
        assertEquals(0, none.rc(), none.toString());
        assertEquals("", none.out());
    }

    @Test
    void thinPoolSettingsAreThePoolDefaults() throws Exception {
        vg();
        String[] create = {"lvcreate", "-an", "-L", "16m", "-T", null, "--config", null};
        create[5] = "vg/p1";
        create[7] = "allocation{thin_pool_chunk_size=256 thin_pool_zero=0 thin_pool_discards=\"Ignore\"}";
        Harness.Result r = h.run(create);
        Harness.ok(r);
        assertTrue(r.out().contains("  Thin pool volume with chunk size 256.00 KiB can address at most 63.50 TiB of data.\n"), r.out());
        assertEquals("  256.00k      ignore  \n", h.run("lvs", "--noheadings", "-o", "chunk_size,zero,discards", "vg/p1").out());
        create[5] = "vg/p2";
        create[7] = "allocation{thin_pool_chunk_size_policy=\"performance\"}";
        r = h.run(create);
        Harness.ok(r);
        assertTrue(r.out().contains("  Thin pool volume with chunk size 512.00 KiB can address at most 127.00 TiB of data.\n"), r.out());
        assertTrue(r.err().contains("  WARNING: Pool zeroing and 512.00 KiB large chunk size slows down thin provisioning.\n"
                + "  WARNING: Consider disabling zeroing (-Zn) or using smaller chunk size (<512.00 KiB).\n"), r.err());
        assertEquals("  512.00k zero passdown\n", h.run("lvs", "--noheadings", "-o", "chunk_size,zero,discards", "vg/p2").out());
        // the command line's -c, -Z and --discards over the settings
        r = h.run("lvcreate", "-an", "-L", "16m", "-T", "vg/p3", "-c", "128k", "-Zy", "--discards", "nopassdown",
                "--config", "allocation{thin_pool_chunk_size=256 thin_pool_zero=0 thin_pool_discards=\"ignore\"}");
        Harness.ok(r);
        assertEquals("  128.00k zero nopassdown\n", h.run("lvs", "--noheadings", "-o", "chunk_size,zero,discards", "vg/p3").out());
        String before = h.fingerprint();
        create[5] = "vg/p4";
        for (String[] refused : new String[][] {
                {"allocation{thin_pool_chunk_size=100}", "  Thin pool chunk size 100.00 KiB must be a multiple of 64.00 KiB.\n"},
                {"allocation{thin_pool_chunk_size_policy=\"bogus\"}", "  Thin pool chunk size calculation policy \"bogus\" is unrecognised.\n"},
                {"allocation{thin_pool_discards=\"bogus\"}", "  Thin pool discards type \"bogus\" is unknown.\n"}}) {
            create[7] = refused[0];
            r = h.run(create);
            assertEquals(5, r.rc(), r.toString());
            assertEquals(refused[1], r.err());
        }
        assertEquals(before, h.fingerprint(), "nothing written");
    }

    @Test
    void raidStripeAllDevices() throws Exception {
        vg();
        String cfg = "allocation{raid_stripe_all_devices=1}";
        Harness.ok(h.run("lvcreate", "-an", "-Zn", "--type", "raid0", "-L", "12m", "-n", "r0", "vg", b.toString(), c.toString(), "--config", cfg));
        Harness.ok(h.run("lvcreate", "-an", "-Zn", "--type", "raid0", "-L", "12m", "-n", "r0b", "vg", "--config", cfg));
        Harness.ok(h.run("lvcreate", "-an", "-Zn", "--type", "raid0", "-i", "2", "-L", "12m", "-n", "r0c", "vg", "--config", cfg));
        Harness.Result r = h.run("lvcreate", "-an", "-Zn", "--type", "raid10", "-L", "12m", "-n", "r10", "vg", "--config", cfg);
        assertEquals(5, r.rc(), r.toString());
        assertEquals("  Using default stripesize 64.00 KiB.\n  Unable to create RAID(1)0 LV: insufficient number of devices.\n", r.out() + r.err());
        r = h.run("lvcreate", "-an", "-Zn", "--type", "raid0", "-L", "12m", "-n", "r0d", "vg", a.toString(), "--config", cfg);
        assertEquals(5, r.rc(), r.toString());
        assertTrue(r.err().endsWith("  Segment type 'raid0' requires 2 or more stripes.\n"), r.err());
        assertEquals("  LV   #Str Type \n  r0      2 raid0\n  r0b     3 raid0\n  r0c     2 raid0\n", h.run("lvs", "-o", "lv_name,stripes,segtype", "vg").out());
    }
}
