package ulvm.raid;

import ulvm.model.Section;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import ulvm.format.ConfigSection;
import ulvm.io.BlockDevice;
import ulvm.io.MemoryDevice;
import ulvm.io.fault.FaultyDevice;
import ulvm.model.Area;
import ulvm.model.Lv;
import ulvm.model.Pv;
import ulvm.model.RaidSegment;
import ulvm.model.StripedSegment;
import ulvm.model.Vg;

/**
 * A hand-built VG with one raid1 LV {@code r1} on in-memory PVs, one leg per PV: 1 MiB extents, rmeta at PE 0,
 * rimage at PE 1.., 64 KiB regions. Every device writes to one shared journal.
 */
final class RaidModel {
    static final long EXTENT = 1 << 20;
    static final long PE_START = 2048; // sectors
    static final long REGION_SECTORS = 128;
    static final long REGION = REGION_SECTORS * 512;

    final int legs;
    final long extents;
    final List<MemoryDevice.Event> journal = Collections.synchronizedList(new ArrayList<>());
    final Map<String, MemoryDevice> pvs = new HashMap<>();
    /** What the array sees of each PV: the memory device behind a fault injector. */
    final Map<String, FaultyDevice> faulty = new HashMap<>();
    final List<String> messages = Collections.synchronizedList(new ArrayList<>());
    Vg vg;

    RaidModel(int legs, long extents, List<String> topStatus, List<Section.Entry> extras) {
        this.legs = legs;
        this.extents = extents;
        List<Pv> pvList = new ArrayList<>();
        List<Lv> lvs = new ArrayList<>();
        List<String> metas = new ArrayList<>();
        List<String> images = new ArrayList<>();
        for (int i = 0; i < legs; i++) {
            String id = "pv" + i;
            pvs.put(id, new MemoryDevice(id, (int) (PE_START * 512 + (extents + 1) * EXTENT), journal));
            faulty.put(id, new FaultyDevice(pvs.get(id)));
            pvList.add(new Pv(id, "/mem/" + id, List.of("ALLOCATABLE"), List.of(), PE_START + (extents + 1) * 2048, PE_START, extents + 1, List.of()));
            lvs.add(lv("r1_rmeta_" + i, "meta" + i, List.of("READ", "WRITE"), StripedSegment.linear(0, 1, new Area.OnPv(id, 0))));
            lvs.add(lv("r1_rimage_" + i, "image" + i, List.of("READ", "WRITE"), StripedSegment.linear(0, extents, new Area.OnPv(id, 1))));
            metas.add("r1_rmeta_" + i);
            images.add("r1_rimage_" + i);
        }
        lvs.add(0, lv("r1", "top", topStatus, new RaidSegment("raid1", 0, extents, REGION_SECTORS, metas, images, extras)));
        vg = new Vg("vg", "vgid", 1, List.of("RESIZEABLE", "READ", "WRITE"), List.of(), EXTENT / 512, 0, 0, 0, List.of(), pvList, lvs);
    }

    /** The top LV's status for an array created with --nosync: no initial sync. */
    static final List<String> NOTSYNCED = List.of("READ", "WRITE", "VISIBLE", "NOTSYNCED");

    static byte[] random(long seed, int len) {
        byte[] b = new byte[len];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** Writes all of {@code data} through the array at {@code off}. */
    static void write(Raid1Array a, long off, byte[] data) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(data);
        while (b.hasRemaining()) off += a.io.write(off, b);
    }

    /** Reads {@code len} bytes through the array at {@code off}. */
    static byte[] read(Raid1Array a, long off, int len) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(len);
        while (b.hasRemaining()) off += a.io.read(off, b);
        return b.array();
    }

    /** Legs {@code x} and {@code y} hold the same bytes in every region. */
    void assertLegsEqual(int x, int y) {
        for (long r = 0; r < regions(); r++)
            org.junit.jupiter.api.Assertions.assertArrayEquals(region(x, r), region(y, r), "region " + r + " of legs " + x + ", " + y);
    }

    RaidModel(int legs, long extents) { this(legs, extents, List.of("READ", "WRITE", "VISIBLE"), List.of()); }

    private static Lv lv(String name, String id, List<String> status, ulvm.model.Segment seg) {
        return new Lv(name, id, status, List.of(), List.of(), null, null, null, List.of(), List.of(seg));
    }

    Lv top() { return vg.lv("r1").orElseThrow(); }

    Function<String, BlockDevice> devices() { return faulty::get; }

    /** Puts a volatile write cache (a {@link ulvm.io.fault.CrashDevice} of {@code power}) under each fault injector. */
    void cache(ulvm.io.fault.PowerLoss power) {
        for (String id : pvs.keySet()) faulty.put(id, new FaultyDevice(new ulvm.io.fault.CrashDevice(pvs.get(id), power)));
    }

    /** After a power cut: the PVs as they are durably, without a cache (a reboot). */
    void uncache() {
        for (String id : pvs.keySet()) faulty.put(id, new FaultyDevice(pvs.get(id)));
    }

    /** The fault injector in front of leg {@code i}'s PV. */
    FaultyDevice fault(int i) { return faulty.get("pv" + i); }

    /** Leg {@code i}'s rimage extents on its PV, as a byte range for a {@link ulvm.io.fault.Fault}. */
    long[] imageRange() { return new long[] {imagePos(0), imagePos(extents * EXTENT)}; }

    /** Leg {@code i}'s rmeta extent on its PV. */
    long[] metaRange() { return new long[] {PE_START * 512, PE_START * 512 + EXTENT}; }

    long regions() { return extents * EXTENT / REGION; }

    RaidSettings settings(long quietMillis) { return new RaidSettings(quietMillis, 0); }

    Raid1Array open(long quietMillis) throws Exception {
        return Raid1Array.open(vg, top(), devices(), settings(quietMillis), messages::add);
    }

    /** Image {@code i} gains or loses WRITE (and VISIBLE, as a tracked split does). */
    void imageWritable(int i, boolean writable) {
        Lv img = vg.lv("r1_rimage_" + i).orElseThrow();
        vg = vg.withLv(img.withStatusFlag("WRITE", writable).withStatusFlag("VISIBLE", !writable));
    }

    /** Applies the current model to a running array as a metadata commit does. */
    void commit(Raid1Array a) throws Exception {
        a.suspend();
        try {
            a.reconcile(vg, top(), devices());
        } finally {
            a.resume();
        }
    }

    MemoryDevice pv(int i) { return pvs.get("pv" + i); }

    /** Where image {@code i}'s byte {@code off} lives on its PV. */
    long imagePos(long off) { return PE_START * 512 + EXTENT + off; }

    byte[] image(int i, long off, int len) { return pv(i).bytes(imagePos(off), len); }

    byte[] region(int i, long r) { return image(i, r * REGION, (int) REGION); }

    /** The rmeta of leg {@code i} as a device. */
    BlockDevice rmeta(int i) throws Exception {
        return LinearLvDevice.of(vg, vg.lv("r1_rmeta_" + i).orElseThrow(), pvs::get);
    }

    void waitForMessage(String part) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < deadline) {
            synchronized (messages) {
                for (String m : messages) if (m.contains(part)) return;
            }
            Thread.sleep(5);
        }
        throw new AssertionError("no message with \"" + part + "\" in " + messages);
    }
}
