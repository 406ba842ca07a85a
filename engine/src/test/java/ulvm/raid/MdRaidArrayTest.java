package ulvm.raid;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import ulvm.io.BlockDevice;
import ulvm.io.MemoryDevice;
import ulvm.io.fault.Fault;
import ulvm.io.fault.FaultyDevice;
import ulvm.model.Area;
import ulvm.model.Lv;
import ulvm.model.Pv;
import ulvm.model.RaidSegment;
import ulvm.model.Section;
import ulvm.model.StripedSegment;
import ulvm.model.Vg;

/**
 * A running raid4/5/6/10 array over its rimage/rmeta sub-LVs: initial sync, resync of the dirty regions after a
 * crash, degraded start with missing images, rebuild of an image that is no member, check.
 */
class MdRaidArrayTest {
    static final long EXTENT = 1 << 20;
    static final int IMAGE_EXTENTS = 4;

    final Map<String, MemoryDevice> pvs = new HashMap<>();
    final List<String> messages = Collections.synchronizedList(new ArrayList<>());
    final RaidSettings fast = new RaidSettings(50, 0);

    private static Lv lv(String name, String id, List<String> status, ulvm.model.Segment seg) {
        return new Lv(name, id, status, List.of(), List.of(), 1L, "h", null, List.of(), List.of(seg));
    }

    /** A VG with LV r of {@code type} over {@code n} PVs: rmeta at PE 0, rimage at PE 1..4; regions of 256 KiB. */
    Vg vg(String type, int n) { return vg(type, n, IMAGE_EXTENTS); }

    /** As {@link #vg(String, int)} with images of {@code imageExtents} (at most 8). */
    Vg vg(String type, int n, int imageExtents) {
        List<Pv> pvList = new ArrayList<>();
        List<Lv> lvs = new ArrayList<>();
        List<String> metas = new ArrayList<>(), images = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String id = "pv" + i;
            pvs.computeIfAbsent(id, k -> new MemoryDevice(k, (int) (2048 * 512 + 9 * EXTENT)));
            pvList.add(new Pv(id, "/mem/" + id, List.of("ALLOCATABLE"), List.of(), 2048 + 9 * 2048, 2048, 9, List.of()));
            lvs.add(lv("r_rmeta_" + i, "meta" + i, List.of("READ", "WRITE"), StripedSegment.linear(0, 1, new Area.OnPv(id, 0))));
            lvs.add(lv("r_rimage_" + i, "image" + i, List.of("READ", "WRITE"), StripedSegment.linear(0, imageExtents, new Area.OnPv(id, 1))));
            metas.add("r_rmeta_" + i);
            images.add("r_rimage_" + i);
        }
        long extents = (long) imageExtents * ulvm.model.RaidLevels.dataStripes(type, n);
        lvs.add(0, lv("r", "top", List.of("READ", "WRITE", "VISIBLE"), new RaidSegment(type, 0, extents, 512, metas, images,
                List.of(new Section.Entry("stripe_size", 128L, null)))));
        return new Vg("vg", "vgid", 1, List.of(), List.of(), 2048, 0, 0, 0, List.of(), pvList, lvs);
    }

    MdRaidArray open(Vg vg, String... missing) throws Exception {
        List<String> gone = List.of(missing);
        return MdRaidArray.open(vg, vg.lv("r").orElseThrow(), id -> gone.contains(id) ? null : (BlockDevice) pvs.get(id), fast, messages::add);
    }

    static void waitFor(MdRaidArray a, String what) throws Exception {
        for (int i = 0; i < 400 && !(a.status().inSync() && a.status().syncAction().equals("idle")); i++) Thread.sleep(25);
        assertTrue(a.status().inSync(), what + ": " + a.status());
    }

    /** Waits for the worker's log line containing {@code part} (it follows the status it reports). */
    private void awaitMessage(String part) throws Exception {
        for (int i = 0; i < 200 && messages.stream().noneMatch(m -> m.contains(part)); i++) Thread.sleep(25);
        assertTrue(messages.stream().anyMatch(m -> m.contains(part)), part + ": " + messages);
    }

    static byte[] data(int len, int seed) {
        byte[] b = new byte[len];
        new Random(seed).nextBytes(b);
        return b;
    }

    static byte[] read(MdRaidArray a, long off, int len) throws Exception {
        ByteBuffer b = ByteBuffer.allocate(len);
        a.array().readFully(off, b);
        return b.array();
    }

    @ParameterizedTest
    @CsvSource({"raid5_ls,3", "raid6_zr,4", "raid10,4", "raid4,3"})
    void syncsCrashesResyncsDegradesAndRebuilds(String type, int n) throws Exception {
        Vg vg = vg(type, n);
        MdRaidArray a = MdRaidArray.open(vg, vg.lv("r").orElseThrow(), pvs::get, new RaidSettings(60_000, 0), messages::add); // no sweep

        waitFor(a, "initial sync");
        awaitMessage("initial sync done"); // a new array: parity computed in the background
        long size = a.array().size();
        byte[] d = data((int) size, 1);
        a.array().writeFully(0, ByteBuffer.wrap(d));
        a.array().flush();
        a.abandon(); // a crash: the bits of the regions written stay set
        MdRaidArray b = open(vg);
        waitFor(b, "resync");
        awaitMessage(": resync done: "); // the dirty regions resynced after a crash
        assertArrayEquals(d, read(b, 0, (int) size));
        b.syncAction("check");
        for (int i = 0; i < 400 && !b.status().syncAction().equals("idle"); i++) Thread.sleep(25);
        assertEquals(0, b.status().mismatches());
        b.close();

        // a missing image: the array starts degraded, reads reconstruct, writes go on; the image leaves the members
        MdRaidArray c = open(vg, "pv1");
        assertEquals('D', c.status().legs().charAt(1));
        assertArrayEquals(d, read(c, 0, (int) size));
        byte[] d2 = data(300_000, 2);
        c.array().writeFully(4096, ByteBuffer.wrap(d2));
        System.arraycopy(d2, 0, d, 4096, d2.length);
        c.close();
        // back: no member any more, it is rebuilt (then check finds nothing)
        MdRaidArray e = open(vg);
        waitFor(e, "rebuild");
        assertEquals("A".repeat(n), e.status().legs());
        assertArrayEquals(d, read(e, 0, (int) size));
        e.syncAction("check");
        for (int i = 0; i < 400 && !e.status().syncAction().equals("idle"); i++) Thread.sleep(25);
        assertEquals(0, e.status().mismatches());
        e.close();
        assertTrue(messages.stream().anyMatch(m -> m.contains("recovery of r_rimage_1 done")), messages.toString());
        assertTrue(messages.stream().noneMatch(m -> m.contains("background sync")), messages.toString());

        // more missing than the level survives
        String[] tooMany = type.startsWith("raid6") ? new String[] {"pv0", "pv1", "pv2"} : new String[] {"pv0", "pv1"};
        assertThrows(java.io.IOException.class, () -> open(vg, tooMany));
    }

    /**
     * An image that fails a write while running leaves the record's members before the write is acknowledged (a
     * restart rebuilds it); lvchange --refresh brings it back once it works, rebuilt from the others.
     */
    @Test
    void aFailedImageLeavesTheMembersAndRefreshRebuildsIt() throws Exception {
        Vg vg = vg("raid5_ls", 3);
        FaultyDevice pv1 = new FaultyDevice(pvs.get("pv1"));
        java.util.function.Function<String, BlockDevice> devs = id -> id.equals("pv1") ? pv1 : pvs.get(id);
        MdRaidArray a = MdRaidArray.open(vg, vg.lv("r").orElseThrow(), devs, fast, messages::add);
        List<String> told = Collections.synchronizedList(new ArrayList<>());
        a.onLegFailure(told::add);
        waitFor(a, "initial sync");
        long imageStart = 2048 * 512 + EXTENT;
        pv1.add(new Fault.WriteError(imageStart, imageStart + IMAGE_EXTENTS * EXTENT));
        byte[] d = data((int) a.array().size(), 3);
        a.array().writeFully(0, ByteBuffer.wrap(d));
        a.array().flush();
        assertEquals("ADA", a.status().legs());
        assertEquals(List.of("vg/r"), told);
        assertArrayEquals(d, read(a, 0, d.length), "reads without the failed image");
        assertEquals(0, a.refresh(vg, vg.lv("r").orElseThrow(), id -> id.equals("pv1") ? null : pvs.get(id)), "its PV missing: still failed");
        pv1.clear();
        assertEquals(1, a.refresh(vg, vg.lv("r").orElseThrow(), devs));
        waitFor(a, "rebuild after refresh");
        assertEquals("AAA", a.status().legs());
        a.close();
        MdRaidArray b = open(vg); // a member again: nothing to rebuild
        assertEquals(new RaidStatus(b.array().regionCount(), b.array().regionCount(), "idle", 0, "AAA"), b.status());
        assertArrayEquals(d, read(b, 0, d.length));
        b.close();
    }

    /**
     * An image fails when no rmeta takes the record that it is no member: the write that missed it is not
     * acknowledged (the next start would trust the image and resync parity from its stale data: the crash campaign's
     * raid6writes seed 2 lost an fsynced block so). Nor is any later write or flush.
     */
    @Test
    void aFailureNoRecordTakesFailsTheWrite() throws Exception {
        Vg vg = vg("raid5_ls", 3);
        Map<String, FaultyDevice> faulty = new HashMap<>();
        for (String id : List.of("pv0", "pv1", "pv2")) faulty.put(id, new FaultyDevice(pvs.get(id)));
        MdRaidArray a = MdRaidArray.open(vg, vg.lv("r").orElseThrow(), faulty::get, new RaidSettings(60_000, 0), messages::add);
        waitFor(a, "initial sync");
        a.array().writeFully(0, ByteBuffer.wrap(data(4096, 1))); // region 0's bit set (no sweep for a minute)
        a.array().flush();
        long meta = 2048 * 512;
        for (FaultyDevice f : faulty.values()) f.add(new Fault.WriteError(meta, meta + EXTENT)); // every rmeta
        long imageStart = 2048 * 512 + EXTENT;
        faulty.get("pv1").add(new Fault.WriteError(imageStart, imageStart + IMAGE_EXTENTS * EXTENT));
        IOException e = assertThrows(IOException.class, () -> {
            a.array().writeFully(0, ByteBuffer.wrap(data(256 * 1024, 2))); // a stripe on every image
            a.array().flush();
        });
        assertTrue(e.getMessage().contains("a failed image is not recorded"), e.getMessage());
        assertThrows(IOException.class, () -> a.array().flush(), "nor a later flush");
        a.abandon();
    }


    @Test
    void anInterruptedRebuildResumesFromItsCheckpoint() throws Exception {
        Vg vg = vg("raid6_zr", 4);
        MdRaidArray first = open(vg);
        waitFor(first, "initial sync");
        first.close();
        MdRaidArray a = open(vg, "pv2");
        byte[] d = data((int) a.array().size(), 4);
        a.array().writeFully(0, ByteBuffer.wrap(d));
        a.close();
        RaidSettings slow = new RaidSettings(50, 3 << 20); // 256 KiB regions, 768 KiB read per region: about 4 regions a second
        MdRaidArray b = MdRaidArray.open(vg, vg.lv("r").orElseThrow(), pvs::get, slow, messages::add);
        Thread.sleep(1600);
        long before = b.array().rebuiltTo(2);
        assertTrue(b.array().isRebuilding(2) && before > 0, b.status().toString());
        b.abandon();
        MdRaidArray c = MdRaidArray.open(vg, vg.lv("r").orElseThrow(), pvs::get, slow, messages::add);
        long resumed = c.array().rebuiltTo(2);
        assertTrue(c.array().isRebuilding(2) && resumed > 0 && resumed <= before, "resumed at " + resumed + " of " + before);
        c.abandon();
        MdRaidArray e = open(vg);
        waitFor(e, "rebuild");
        assertArrayEquals(d, read(e, 0, d.length));
        e.close();
    }

    /** lvextend of a running array restarts it: the new regions are resynced, the old ones keep their data. */
    @Test
    void aGrownArrayResyncsItsNewRegions() throws Exception {
        Vg small = vg("raid5_ls", 3, 2);
        MdRaidArray a = open(small);
        waitFor(a, "initial sync");
        byte[] d = data((int) a.array().size(), 5);
        a.array().writeFully(0, ByteBuffer.wrap(d));
        long oldRegions = a.array().regionCount();
        a.close();
        MdRaidArray b = open(vg("raid5_ls", 3, 4));
        assertEquals(2 * oldRegions, b.array().regionCount());
        waitFor(b, "resync of the new regions");
        // the worker may be done before a status could be read: its log line counts what it resynced
        awaitMessage(": resync done: ");
        assertTrue(messages.stream().anyMatch(m -> m.matches(".*: resync done: (\\d+) regions")
                && Long.parseLong(m.replaceAll(".*: resync done: (\\d+) regions", "$1")) >= oldRegions), messages.toString());
        assertArrayEquals(d, read(b, 0, d.length));
        b.syncAction("check");
        for (int i = 0; i < 400 && !b.status().syncAction().equals("idle"); i++) Thread.sleep(25);
        assertEquals(0, b.status().mismatches());
        b.close();
    }

    /** The initial sync's progress is Cpy%Sync (resync, 'a' health) until every region's parity is computed. */
    @Test
    void initialSyncProgressShowsInTheStatus() throws Exception {
        Vg vg = vg("raid6_zr", 4);
        MdRaidArray a = MdRaidArray.open(vg, vg.lv("r").orElseThrow(), pvs::get, new RaidSettings(50, 8 << 20), messages::add);
        Thread.sleep(300);
        RaidStatus mid = a.status();
        assertTrue(mid.percent() > 0 && mid.percent() < 100, mid.toString());
        assertEquals("resync", mid.syncAction());
        assertEquals("aaaa", mid.legs());
        waitFor(a, "initial sync");
        assertEquals(100.0, a.status().percent());
        for (int i = 0; i < 100 && !messages.contains("vg/r: initial sync done: 16 regions"); i++) Thread.sleep(25);
        assertTrue(messages.contains("vg/r: initial sync done: 16 regions"), messages.toString());
        a.close();
    }
}
