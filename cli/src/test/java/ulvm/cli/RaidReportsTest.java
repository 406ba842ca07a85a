package ulvm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ulvm.ops.Session;
import ulvm.raid.RaidStatus;

/** lvs of raid1 LVs: attributes, Cpy%Sync, sync action, mismatches and health from the running state. */
class RaidReportsTest {
    @TempDir Path dir;
    Harness h;

    /** A daemon stand-in: which LVs are active or open, and each raid LV's status. */
    static final class Live implements Session.LiveHooks {
        final Set<String> active = new HashSet<>(), open = new HashSet<>();
        final Map<String, RaidStatus> raid = new HashMap<>();
        final java.util.List<String> actions = new java.util.ArrayList<>();

        @Override public boolean isActive(String vg, String lv) { return active.contains(lv); }

        @Override public boolean isOpen(String vg, String lv) { return open.contains(lv); }

        @Override public RaidStatus raidStatus(String vg, String lv) { return active.contains(lv) ? raid.get(lv) : null; }

        @Override public boolean syncAction(String vg, String lv, String action) {
            if (!active.contains(lv)) return false;
            actions.add(lv + ":" + action);
            return true;
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        h = new Harness(dir);
        Path a = h.image("a.img", 64 << 20), b = h.image("b.img", 64 << 20);
        Harness.ok(h.run("pvcreate", a.toString(), b.toString()));
        Harness.ok(h.run("vgcreate", "vg", a.toString(), b.toString()));
        Harness.ok(h.run("lvcreate", "--type", "raid1", "-m", "1", "-l", "2", "-n", "r", "vg"));
    }

    String lvs(Live live, String fields) {
        Harness.Result r = h.runWith(live, null, "lvs", "-a", "--noheadings", "--separator", "|", "-o", fields);
        Harness.ok(r);
        return r.out();
    }

    @Test
    void inactive() {
        assertEquals("  r|rwi---r---|||\n  [r_rimage_0]|Iwi---r---|||\n  [r_rimage_1]|Iwi---r---|||\n  [r_rmeta_0]|ewi---r---|||\n  [r_rmeta_1]|ewi---r---|||\n",
                lvs(new Live(), "name,attr,copy_percent,raid_sync_action,raid_mismatch_count"));
    }

    @Test
    void activeSyncing() {
        Live live = new Live();
        live.active.add("r");
        live.raid.put("r", new RaidStatus(3, 1, "resync", 0, "aa"));
        assertEquals("  r|rwi-a-r---|33.33|resync|0|\n  [r_rimage_0]|Iwi-aor---||||\n  [r_rimage_1]|Iwi-aor---||||\n"
                + "  [r_rmeta_0]|ewi-aor---||||\n  [r_rmeta_1]|ewi-aor---||||\n",
                lvs(live, "name,attr,copy_percent,raid_sync_action,raid_mismatch_count,lv_health_status"));
    }

    @Test
    void activeInSyncWithMismatchesAndADeadLeg() {
        Live live = new Live();
        live.active.add("r");
        live.open.add("r");
        live.raid.put("r", new RaidStatus(3, 3, "idle", 8, "AA"));
        assertEquals("  r|rwi-aor-m-|100.00|idle|8|mismatches exist\n  [r_rimage_0]|iwi-aor---||||\n  [r_rimage_1]|iwi-aor---||||\n"
                + "  [r_rmeta_0]|ewi-aor---||||\n  [r_rmeta_1]|ewi-aor---||||\n",
                lvs(live, "name,attr,sync_percent,raid_sync_action,raid_mismatch_count,lv_health_status"));
        live.raid.put("r", new RaidStatus(3, 3, "idle", 0, "AD"));
        assertEquals("  r|rwi-aor-r-|refresh needed\n  [r_rimage_0]|iwi-aor---|\n  [r_rimage_1]|Iwi-aor-r-|refresh needed\n"
                + "  [r_rmeta_0]|ewi-aor---|\n  [r_rmeta_1]|ewi-aor-r-|refresh needed\n",
                lvs(live, "name,attr,lv_health_status"));
    }

    @Test
    void defaultColumnsShowCpySync() {
        Live live = new Live();
        live.active.add("r");
        live.raid.put("r", new RaidStatus(4, 4, "idle", 0, "AA"));
        Harness.Result r = h.runWith(live, null, "lvs");
        Harness.ok(r);
        assertEquals("  LV   VG Attr       LSize Pool Origin Data%  Meta%  Move Log Cpy%Sync Convert\n"
                + "  r    vg rwi-a-r--- 8.00m                                    100.00          \n", r.out());
    }
}
