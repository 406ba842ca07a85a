package ulvm.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * raid0, raid0_meta, raid4, raid5, raid6 and raid10 LVs, made by ulvm and judged by real LVM2 after every step
 * ({@code vgck} clean, {@code lvs -a} and lv_attr as ulvm's, the state characters aside), and layouts real LVM2
 * wrote (raid0 by its own lvcreate; the others by vgcfgrestore of text as lib/raid/raid.c writes it, since real
 * LVM2 creates them only through device-mapper) opened by ulvm with the same reports. test/shell/lvcreate-raid.sh,
 * lvcreate-raid10.sh.
 */
class RaidLevelsCheckedByLvm2Test {
    static final String FIELDS = "lv_name,segtype,stripes,data_stripes,stripe_size,region_size,devices,lv_size,seg_size_pe";

    @TempDir Path dir;
    Ulvm u;
    List<Path> all;

    @BeforeAll
    static void lvm2() { Needs.lvm2(); }

    @BeforeEach
    void setUp() throws Exception {
        u = Ulvm.inProcess(dir);
        all = new ArrayList<>();
        for (String n : List.of("a", "b", "c", "d", "e")) all.add(u.image(n + ".img", 128 << 20));
    }

    String[] names() { return all.stream().map(Path::toString).toArray(String[]::new); }

    Ulvm.Result ok(String cmd, String... args) {
        Ulvm.Result r = u.on(all, cmd, args);
        assertEquals(0, r.rc(), "ulvm " + cmd + " " + String.join(" ", args) + "\n" + r);
        return r;
    }

    void real(String cmd, String... args) {
        RealLvm.Result r = RealLvm.run(all, cmd, args);
        assertEquals(0, r.rc(), "real " + cmd + " " + String.join(" ", args) + "\n" + r);
    }

    static final String[] LVS = {"lvs", "-a", "--noheadings", "--separator", "|", "-o", FIELDS};
    static final String[] ATTRS = {"lvs", "-a", "--noheadings", "--separator", "|", "-o", "lv_name,lv_attr"};

    /** Real vgck, lvs and lv_attr in one attach of the images; ulvm's reports must read the same. */
    void lvm2Agrees(String what) {
        List<RealLvm.Result> r = RealLvm.runAll(all, List.of(new String[] {"vgck", "vg"}, LVS, ATTRS));
        for (RealLvm.Result x : r) assertEquals(0, x.rc(), what + "\n" + x);
        assertEquals("", r.get(0).warnings(), what + ": real vgck warns");
        assertEquals(r.get(1).out(), u.on(all, LVS[0], Arrays.copyOfRange(LVS, 1, LVS.length)).out(), what + ": lvs (expected: real LVM2)");
        assertEquals(RaidLayoutsCheckedByLvm2Test.stateless(r.get(2).out()),
                RaidLayoutsCheckedByLvm2Test.stateless(u.on(all, ATTRS[0], Arrays.copyOfRange(ATTRS, 1, ATTRS.length)).out()),
                what + ": lv_attr (expected: real LVM2)");
    }

    void step(String cmd, String... args) {
        ok(cmd, args);
        lvm2Agrees("ulvm " + cmd + " " + String.join(" ", args));
    }

    @Test
    void everyLevelMadeByUlvmIsReadByLvm2() {
        ok("pvcreate", names());
        ok("vgcreate", concat("vg", names()));
        step("lvcreate", "--type", "raid5", "-L", "10M", "-n", "r5", "vg");
        step("lvcreate", "--type", "raid6", "-i", "3", "-I", "128k", "-l", "6", "-n", "r6", "vg");
        step("lvcreate", "-i", "2", "-m", "1", "-l", "3", "-n", "r10", "vg");
        step("lvcreate", "--type", "raid0_meta", "-i", "3", "-l", "3", "-n", "r0m", "vg");
        step("lvcreate", "--type", "raid4", "-i", "2", "-R", "1m", "-l", "2", "-n", "r4", "vg", all.get(2).toString(), all.get(3).toString(), all.get(4).toString());
        ok("lvcreate", "--type", "raid5_ra", "-i", "4", "-l", "4", "-n", "ra", "vg");
        ok("lvcreate", "--type", "raid6_n_6", "-l", "3", "-n", "n6", "vg");
        step("lvrename", "vg", "ra", "r5ra");
        step("lvremove", "-y", "vg/r0m");
        RealLvm.Result real = RealLvm.run(all, "lvdisplay", "-a", "-m", "vg");
        assertEquals(0, real.rc(), real.toString());
        assertEquals(real.out(), ok("lvdisplay", "-a", "-m", "vg").out().replaceAll("  LV Status +NOT available\n", ""));
    }

    /** raid0 as real LVM2's own lvcreate makes it, and ulvm's on twin images: the same metadata, and each reads the other's. */
    @Test
    void raid0AsLvm2CreatesIt() throws Exception {
        real("pvcreate", names());
        real("vgcreate", concat("vg", names()));
        real("lvcreate", "-an", "-Zn", "-Wn", "--type", "raid0", "-i", "3", "-L", "10M", "-n", "r0", "vg");
        real("lvcreate", "-an", "-Zn", "-Wn", "--type", "raid0", "-i", "2", "-I", "256k", "-l", "5", "-n", "s", "vg");
        String realLvs = RealLvm.run(all, LVS[0], Arrays.copyOfRange(LVS, 1, LVS.length)).out();
        assertEquals(realLvs, u.on(all, LVS[0], Arrays.copyOfRange(LVS, 1, LVS.length)).out());
        ok("vgck", "vg");
        Ulvm u2 = Ulvm.inProcess(dir.resolve("twin"));
        Files.createDirectories(dir.resolve("twin"));
        List<Path> twin = new ArrayList<>();
        for (String n : List.of("a", "b", "c", "d", "e")) twin.add(u2.image(n + ".img", 128 << 20));
        String[] tn = twin.stream().map(Path::toString).toArray(String[]::new);
        assertEquals(0, u2.on(twin, "pvcreate", tn).rc());
        assertEquals(0, u2.on(twin, "vgcreate", concat("vg", tn)).rc());
        Ulvm.Result r = u2.on(twin, "lvcreate", "--type", "raid0", "-i", "3", "-L", "10M", "-n", "r0", "vg");
        assertEquals("  Using default stripesize 64.00 KiB.\n  Rounding up size to full physical extent 12.00 MiB\n  Logical volume \"r0\" created.\n", r.out());
        assertEquals(0, u2.on(twin, "lvcreate", "--type", "raid0", "-i", "2", "-I", "256k", "-l", "5", "-n", "s", "vg").rc());
        assertEquals(realLvs.replace(dir.toString(), dir.resolve("twin").toString()), RealLvm.run(twin, LVS[0], Arrays.copyOfRange(LVS, 1, LVS.length)).out());
    }

    static String[] concat(String first, String... rest) {
        String[] out = new String[rest.length + 1];
        out[0] = first;
        System.arraycopy(rest, 0, out, 1, rest.length);
        return out;
    }
}
