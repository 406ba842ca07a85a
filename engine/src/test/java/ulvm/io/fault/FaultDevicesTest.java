package ulvm.io.fault;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import ulvm.io.MemoryDevice;

class FaultDevicesTest {
    static byte[] fill(int n, int v) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) v);
        return b;
    }

    @Test
    void injectedErrorsFailOnlyWhatTheyCoverAndWriteNothing() throws IOException {
        MemoryDevice mem = new MemoryDevice("d", 1 << 16);
        FaultyDevice d = new FaultyDevice(mem).add(new Fault.ReadError(4096, 8192)).add(new Fault.WriteError(0, 512));
        d.write(1024, fill(512, 1));
        assertArrayEquals(fill(512, 1), d.read(1024, 512));
        IOException e = assertThrows(IOException.class, () -> d.read(4000, 200));
        assertTrue(e.getMessage().contains("Input/output error"), e.getMessage());
        assertThrows(IOException.class, () -> d.write(256, fill(512, 2)));
        assertArrayEquals(new byte[512], mem.read(256, 512), "a failed write wrote nothing");
        assertEquals(2, d.injected());
        d.clear();
        d.write(256, fill(512, 2));
        assertArrayEquals(fill(512, 2), d.read(256, 512));
    }

    @Test
    void aDiskThatStartsFailingAFlushThatFailsAndADiskThatGoes() throws IOException {
        FaultyDevice d = new FaultyDevice(new MemoryDevice("d", 1 << 16)).add(new Fault.FailAfterWrites(2));
        d.write(0, fill(10, 1));
        d.write(0, fill(10, 1));
        assertThrows(IOException.class, () -> d.write(0, fill(10, 1)));
        d.clear();
        d.add(new Fault.FlushError());
        d.write(0, fill(10, 3));
        assertThrows(IOException.class, d::flush);
        assertThrows(IOException.class, () -> d.writeDurably(0, ByteBuffer.wrap(fill(10, 1))));
        d.clear();
        FaultyDevice g = new FaultyDevice(new MemoryDevice("g", 1 << 16)).add(new Fault.Gone(3));
        g.read(0, 1);
        g.read(0, 1);
        g.read(0, 1);
        IOException e = assertThrows(IOException.class, () -> g.read(0, 1));
        assertTrue(e.getMessage().contains("No such device"), e.getMessage());
    }

    @Test
    void aPowerCutKeepsWhatWasForcedAndLosesTheCacheWhenDropping() throws IOException {
        MemoryDevice mem = new MemoryDevice("d", 1 << 16);
        PowerLoss power = new PowerLoss(1, PowerLoss.Mode.DROP, Long.MAX_VALUE);
        CrashDevice d = new CrashDevice(mem, power);
        d.write(0, fill(512, 1));
        d.flush();
        d.write(512, fill(512, 2));
        d.writeDurably(1024, ByteBuffer.wrap(fill(512, 3)));
        assertArrayEquals(fill(512, 2), d.read(512, 512), "reads see the cache");
        assertArrayEquals(new byte[512], mem.read(512, 512), "not yet durable");
        power.cut();
        assertArrayEquals(fill(512, 1), mem.read(0, 512));
        assertArrayEquals(new byte[512], mem.read(512, 512));
        assertArrayEquals(fill(512, 3), mem.read(1024, 512));
        IOException e = assertThrows(IOException.class, () -> d.read(0, 1));
        assertTrue(e.getMessage().contains("power lost"));
    }

    @Test
    void reorderingKeepsAnySubsetButNeverLetsAnOlderWriteLandOnAForcedOne() throws IOException {
        Set<String> outcomes = new HashSet<>();
        for (long seed = 0; seed < 64; seed++) {
            MemoryDevice mem = new MemoryDevice("d", 1 << 16);
            PowerLoss power = new PowerLoss(seed, PowerLoss.Mode.REORDER, Long.MAX_VALUE);
            CrashDevice d = new CrashDevice(mem, power);
            d.write(0, fill(512, 1));      // cached, then overwritten durably
            d.writeDurably(0, ByteBuffer.wrap(fill(512, 9)));
            d.write(512, fill(512, 2));
            d.write(1024, fill(512, 3));
            power.cut();
            assertArrayEquals(fill(512, 9), mem.read(0, 512), "seed " + seed);
            outcomes.add(mem.read(512, 1)[0] + "," + mem.read(1024, 1)[0]);
        }
        assertEquals(Set.of("0,0", "2,0", "0,3", "2,3"), outcomes, "every subset of the cache can survive");
    }

    @Test
    void tearingLandsSomeSectorsOfAWriteAndTheSameSeedTheSameWay() throws IOException {
        boolean torn = false;
        for (long seed = 0; seed < 200 && !torn; seed++) {
            byte[] a = crashOnce(seed), b = crashOnce(seed);
            assertArrayEquals(a, b, "seed " + seed + " replays");
            int ones = 0;
            for (int s = 0; s < 8; s++) ones += a[s * 512] == 7 ? 1 : 0;
            torn = ones > 0 && ones < 8;
        }
        assertTrue(torn, "some seed tears the 4 KiB write");
    }

    private static byte[] crashOnce(long seed) throws IOException {
        MemoryDevice mem = new MemoryDevice("d", 1 << 16);
        PowerLoss power = new PowerLoss(seed, PowerLoss.Mode.TEAR, 3);
        CrashDevice d = new CrashDevice(mem, power);
        d.write(0, fill(4096, 7)); // op 1
        d.read(0, 1);              // op 2
        assertThrows(IOException.class, () -> d.read(0, 1)); // op 3: the power goes
        return mem.read(0, 4096);
    }

    @Test
    void aForcedWriteThePowerGoesDuringLandsInSectorsWhenTearingAndNotAtAllOtherwise() throws IOException {
        Set<Integer> landed = new HashSet<>();
        for (long seed = 0; seed < 64; seed++) {
            MemoryDevice mem = new MemoryDevice("d", 1 << 16);
            CrashDevice d = new CrashDevice(mem, new PowerLoss(seed, PowerLoss.Mode.TEAR, 1));
            assertThrows(IOException.class, () -> d.writeDurably(0, ByteBuffer.wrap(fill(4096, 5))));
            int n = 0;
            for (int s = 0; s < 8; s++) {
                byte[] sec = mem.read(s * 512L, 512);
                assertTrue(Arrays.equals(sec, fill(512, 5)) || Arrays.equals(sec, new byte[512]), "whole sectors only");
                n += sec[0] == 5 ? 1 : 0;
            }
            landed.add(n);
        }
        assertTrue(landed.size() > 2 && landed.stream().anyMatch(n -> n > 0 && n < 8), "torn in varying ways: " + landed);
        MemoryDevice mem = new MemoryDevice("d", 1 << 16);
        CrashDevice d = new CrashDevice(mem, new PowerLoss(1, PowerLoss.Mode.REORDER, 1));
        assertThrows(IOException.class, () -> d.writeDurably(0, ByteBuffer.wrap(fill(4096, 5))));
        assertArrayEquals(new byte[4096], mem.read(0, 4096), "not torn: nothing lands");
    }
}
