package ulvm.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same command sequence run by real LVM2 on one set of images and by ulvm on an identical set: after every
 * step both VGs have the same LVs on the same PEs (LVM2's allocation policy, reproduced).
 */
class SameAllocationTest {
    @TempDir Path dir;

    @BeforeAll
    static void lvm2() { Needs.lvm2(); }

    @Test
    void ulvmAllocatesWhatLvm2Allocates() throws Exception {
        runBoth(
            new String[] {"pvcreate", "{0}", "{1}", "{2}"},
            new String[] {"vgcreate", "vg", "{0}", "{1}", "{2}"},
            new String[] {"lvcreate", "-L", "12m", "-n", "lin", "vg"},
            new String[] {"lvcreate", "-i", "2", "-I", "64k", "-L", "16m", "-n", "str", "vg"},
            new String[] {"lvcreate", "-l", "3", "-n", "ranged", "vg", "{1}:20-22"},
            new String[] {"lvextend", "-l", "+2", "vg/lin"},
            new String[] {"lvextend", "-L", "+8m", "vg/lin", "{2}"},
            new String[] {"lvremove", "-y", "vg/ranged"},
            new String[] {"lvcreate", "-l", "10", "-n", "fill", "vg"},
            new String[] {"lvextend", "-l", "+4", "vg/str"},
            new String[] {"lvreduce", "-y", "-l", "-3", "vg/fill"},
            new String[] {"lvcreate", "-i", "3", "-l", "6", "-n", "str3", "vg"},
            new String[] {"lvcreate", "-l", "20%VG", "-n", "pct", "vg"},
            new String[] {"lvresize", "-l", "+5", "vg/lin"},
            new String[] {"lvcreate", "-l", "100%FREE", "-n", "rest", "vg", "{2}"});
    }

    /**
     * LVM2 (allocation/maximise_cling=1, the default): once part of a normal allocation is placed, the rest goes
     * preferably to PVs already used by it (A_CLING_TO_ALLOCED in lib/metadata/lv_manip.c), even to smaller areas.
     * Here a has free 2-3 and 11-30, b has 21-30: LVM2 gives t a(11-30), a(2-3), b(21-23), and so does ulvm.
     */
    @Test
    void restOfASplitAllocationClingsToPvsAlreadyUsed() throws Exception {
        runBoth(
            new String[] {"pvcreate", "{0}", "{1}"},
            new String[] {"vgcreate", "vg", "{0}", "{1}"},
            new String[] {"lvcreate", "-l", "2", "-n", "x1", "vg", "{0}"},
            new String[] {"lvcreate", "-l", "2", "-n", "hole", "vg", "{0}"},
            new String[] {"lvcreate", "-l", "7", "-n", "x2", "vg", "{0}"},
            new String[] {"lvremove", "-y", "vg/hole"},
            new String[] {"lvcreate", "-l", "21", "-n", "y", "vg", "{1}"},
            new String[] {"lvcreate", "-l", "25", "-n", "t", "vg"});
    }

    /** Runs each step with real LVM2 on real-*.img and with ulvm on ulvm-*.img; compares lvs after each. */
    void runBoth(String[]... steps) throws Exception {
        Ulvm u = Ulvm.inProcess(dir);
        List<Path> real = new ArrayList<>(), mine = new ArrayList<>();
        for (String n : List.of("a", "b", "c")) {
            real.add(u.image("real-" + n + ".img", 128 << 20));
            mine.add(u.image("ulvm-" + n + ".img", 128 << 20));
        }
        // {0} {1} {2}: the images; LVM2 gets -an -Zn -Wn on lvcreate (no device-mapper here)
        for (String[] step : steps) {
            String[] r = fill(step, real), m = fill(step, mine);
            String[] rArgs = java.util.Arrays.copyOfRange(r, 1, r.length);
            if (r[0].equals("lvcreate")) {
                List<String> l = new ArrayList<>(List.of("-an", "-Zn", "-Wn"));
                l.addAll(List.of(rArgs));
                rArgs = l.toArray(new String[0]);
            }
            RealLvm.Result rr = RealLvm.run(real, r[0], rArgs);
            assertEquals(0, rr.rc(), "real " + String.join(" ", r) + "\n" + rr);
            Ulvm.Result mr = u.on(mine, m[0], java.util.Arrays.copyOfRange(m, 1, m.length));
            assertEquals(0, mr.rc(), "ulvm " + String.join(" ", m) + "\n" + mr);
            if (step[0].equals("pvcreate")) continue;
            String fields = Checks.LVS_STRIPE_SIZE;
            RealLvm.Result want = RealLvm.run(real, "lvs", "-a", "--noheadings", "--separator", "|", "-o", fields);
            Ulvm.Result got = u.on(mine, "lvs", "-a", "--noheadings", "--separator", "|", "-o", fields);
            assertEquals(want.out(), got.out().replace("/ulvm-", "/real-"), "after " + String.join(" ", step) + " (expected: LVM2's allocation)");
            Checks.realVgckClean(mine, "vg", "ulvm " + String.join(" ", step));
        }
    }

    static String[] fill(String[] step, List<Path> images) {
        String[] out = step.clone();
        for (int i = 0; i < out.length; i++)
            for (int k = 0; k < images.size(); k++) out[i] = out[i].replace("{" + k + "}", images.get(k).toString());
        return out;
    }
}
