package ulvm.raid;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static ulvm.raid.RaidModel.random;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import ulvm.io.MemoryDevice;
import ulvm.model.Section;

/**
 * The raid1 sync through the copy pipeline (issue 17.2): runs of regions in large writes, each run's record after the
 * flush of its source and target, the pace in the log line, and --maxrecoveryrate holding the copy back
 * (LVM2: test/shell/lvchange-raid1-writemostly.sh and lvcreate-raid.sh set the rate; dm-raid enforces it).
 */
class Raid1SyncPaceTest {
    private static final long QUIET = 60_000;
    private static final List<String> SYNCED = List.of("READ", "WRITE", "VISIBLE");
    private static final Pattern DONE = Pattern.compile("initial sync of r1_rimage_1 done: (\\d+) regions copied in ([0-9.]+) s, ([0-9.]+) MiB/s");

    private static Matcher done(RaidModel m) throws Exception {
        m.waitForMessage("initial sync of r1_rimage_1 done");
        Matcher x = DONE.matcher(String.join("\n", m.messages));
        assertTrue(x.find(), "log: " + m.messages);
        return x;
    }

    @Test
    void aFullSyncWritesRunsOfRegionsAndRecordsEachOnlyAfterItsForce() throws Exception {
        RaidModel m = new RaidModel(2, 40); // 640 regions of 64 KiB: 40 MiB, runs of up to 16 MiB
        m.pv(0).poke(m.imagePos(0), random(7, (int) (40 * RaidModel.EXTENT)));
        m.journal.clear();
        Raid1Array a = m.open(QUIET);
        Matcher x = done(m);
        assertTrue(x.group(1).equals("640"), x.group());
        m.assertLegsEqual(0, 1);
        a.close();
        long imageStart = m.imagePos(0);
        List<MemoryDevice.Event> ev = new ArrayList<>(m.journal);
        int copies = 0;
        boolean unforced = false; // pv1 holds copied data not yet flushed, or the source was not flushed since
        boolean sourceFlushed = true;
        for (MemoryDevice.Event e : ev) {
            boolean image = e.pos() >= imageStart;
            if (e.device().equals("pv1") && e.kind().equals("write") && image) {
                copies++;
                assertTrue(e.len() > RaidModel.REGION, "a copy of one region only: " + e);
                unforced = true;
                sourceFlushed = false;
            } else if (e.kind().equals("flush") && e.device().equals("pv1")) {
                unforced = false;
            } else if (e.kind().equals("flush") && e.device().equals("pv0")) {
                sourceFlushed = true;
            } else if (e.kind().equals("durable")) {
                assertTrue(!unforced && sourceFlushed, "a record before the force of the copy it records: " + ev);
            }
        }
        assertTrue(copies >= 3 && copies <= 10, copies + " copies: " + ev);
    }

    @Test
    void maxRecoveryRateHoldsTheSyncBack() throws Exception {
        // 1024 KiB/s (lvcreate --maxrecoveryrate 1M) over 4 MiB: about 3.75 s; without it this takes milliseconds
        RaidModel m = new RaidModel(2, 4, SYNCED, List.of(new Section.Entry("max_recovery_rate", 1024L, null)));
        long t0 = System.nanoTime();
        Raid1Array a = m.open(QUIET);
        Matcher x = done(m);
        double took = (System.nanoTime() - t0) / 1e9;
        a.close();
        assertTrue(took >= 2.5, "4 MiB at 1 MiB/s synced in " + took + " s");
        assertTrue(Double.parseDouble(x.group(3)) <= 1.5, x.group());
        m.assertLegsEqual(0, 1);
    }
}
