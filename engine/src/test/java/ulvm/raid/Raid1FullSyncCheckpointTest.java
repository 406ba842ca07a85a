package ulvm.raid;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import ulvm.bitmap.BitmapRecord;
import ulvm.bitmap.RecordSlots;

/**
 * A full sync (a new array) is checkpointed: the record names the new image stale with the regions it still lacks
 * dirty, so a crash mid-sync resumes with what is left, from the in-sync image, instead of starting again.
 */
class Raid1FullSyncCheckpointTest {
    private static final long R = RaidModel.REGION;

    @Test
    void aCrashDuringTheInitialSyncResumesWithTheRegionsLeft() throws Exception {
        RaidModel m = new RaidModel(2, 4); // 64 regions, a new array: leg 1 is synced in full from leg 0
        long regions = m.regions();
        byte[] data = RaidModel.random(5, (int) (regions * R));
        m.pv(0).write(m.imagePos(0), data); // what leg 0 held before the array was made

        // 4 regions a second, quiet period 100 ms: the sweep records progress as it goes
        Raid1Array a = Raid1Array.open(m.vg, m.top(), m.devices(), new RaidSettings(100, 4 * R), m.messages::add);
        BitmapRecord first = RecordSlots.read(m.rmeta(0)).orElseThrow();
        assertEquals(List.of("image1"), first.stale(), "the syncing image is recorded stale");
        assertEquals(regions, first.dirty().cardinality(), "every region it lacks is dirty");

        long deadline = System.currentTimeMillis() + 20_000;
        long left = regions;
        while (System.currentTimeMillis() < deadline) {
            left = RecordSlots.read(m.rmeta(0)).orElseThrow().dirty().cardinality();
            if (left <= regions - 8) break;
            Thread.sleep(20);
        }
        assertTrue(left <= regions - 8, "no progress recorded: " + left + " of " + regions + " regions still dirty");
        byte[] late = RaidModel.random(6, (int) R);
        RaidModel.write(a, 60 * R, late);
        a.abandon(); // kill -9 mid-sync
        System.arraycopy(late, 0, data, (int) (60 * R), late.length);

        m.messages.clear();
        Raid1Array again = Raid1Array.open(m.vg, m.top(), m.devices(), new RaidSettings(100, 0), m.messages::add);
        m.waitForMessage("vg/r1: recovery of r1_rimage_1 done:");
        Matcher copied = Pattern.compile("recovery of r1_rimage_1 done: (\\d+) regions copied").matcher(String.join("\n", m.messages));
        assertTrue(copied.find(), m.messages.toString());
        long n = Long.parseLong(copied.group(1));
        assertTrue(n >= 1 && n < regions - 4, "resumed with the regions left, not all " + regions + ": " + n);
        m.assertLegsEqual(0, 1);
        for (long r = 0; r < regions; r++) {
            byte[] want = java.util.Arrays.copyOfRange(data, (int) (r * R), (int) ((r + 1) * R));
            assertArrayEquals(want, m.region(1, r), "region " + r + " holds the array's data");
        }
        again.close();
        BitmapRecord last = RecordSlots.read(m.rmeta(1)).orElseThrow();
        assertEquals(List.of(), last.stale());
        assertTrue(last.members().containsAll(List.of("image0", "image1")), last.members().toString());
    }
}
