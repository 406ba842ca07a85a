package ulvm.cli;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import ulvm.model.Segment;
import ulvm.model.Vg;
import ulvm.store.Scan;

/** A VG "vg" on five PVs of 128 MiB for the lvconvert takeover tests, and what they read back. */
abstract class RaidTakeoverFixture {
    @TempDir Path dir;
    Harness h;
    Path[] pvs;

    @BeforeEach
    void setUp() throws Exception {
        h = new Harness(dir);
        pvs = new Path[5];
        String[] names = new String[5];
        for (int i = 0; i < 5; i++) {
            pvs[i] = h.image((char) ('a' + i) + ".img", 128 << 20);
            names[i] = pvs[i].toString();
        }
        Harness.ok(h.run(RaidLevelsCreateTest.concat("pvcreate", names)));
        Harness.ok(h.run(RaidLevelsCreateTest.concat("vgcreate", RaidLevelsCreateTest.concat("vg", names))));
    }

    Vg vg() {
        try (Scan s = h.scan(pvs)) {
            return s.vg("vg").orElseThrow().vg();
        }
    }

    String lvs() { return h.run("lvs", "-a", "--noheadings", "--separator", "|", "-o", "lv_name,segtype,devices", "vg").out(); }

    List<Segment> segs(String lv) { return vg().lv(lv).orElseThrow().segments(); }
}
