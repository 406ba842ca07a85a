package ulvm.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import ulvm.io.MemoryDevice;
import ulvm.model.Vg;

/**
 * A seeded mutation fuzzer over the label, mda header and metadata-text parsers. Each case must end in a result
 * or in one of the declared exceptions (FormatException, IOException), within a per-case time limit and a bounded
 * allocation. {@code -Dulvm.fuzz.iterations=N} runs more cases (release checks); a failing case prints its seed,
 * and {@code -Dulvm.fuzz.seed=S -Dulvm.fuzz.iterations=1} replays exactly that case.
 */
class ParserFuzzTest {
    static final int ITERATIONS = Integer.getInteger("ulvm.fuzz.iterations", 10000);
    static final long SEED = Long.getLong("ulvm.fuzz.seed", 0x5eed_1f0cL);
    static final long CASE_TIMEOUT_MS = 5000;
    /** Per case: the largest input the fuzzer makes is a 64 KiB area, so a few tens of MiB is already absurd. */
    static final long MAX_ALLOC = 96L << 20;
    static final ExecutorService WORKER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "fuzz-case");
        t.setDaemon(true);
        return t;
    });

    /** A valid VG: linear, striped, raid1 with metadata images, a snapshot; the mutations' raw material. */
    static final String TEXT = """
            vg0 {
            id = "k0YgHm-IMYV-y3C8-1rZ0-hTeE-TKf6-7IGh5j"
            seqno = 6
            format = "lvm2"
            status = ["RESIZEABLE", "READ", "WRITE"]
            flags = []
            extent_size = 8192
            max_lv = 0
            max_pv = 0
            metadata_copies = 0
            physical_volumes {
            pv0 {
            id = "lEwNDo-N5W8-jWoF-d2Gq-rr5u-ppCC-21s8zG"
            device = "/dev/loop4"
            status = ["ALLOCATABLE"]
            flags = []
            dev_size = 262144
            pe_start = 2048
            pe_count = 31
            }
            pv1 {
            id = "mEwNDo-N5W8-jWoF-d2Gq-rr5u-ppCC-21s8zG"
            device = "/dev/loop5"
            status = ["ALLOCATABLE"]
            flags = []
            dev_size = 262144
            pe_start = 2048
            pe_count = 31
            }
            }
            logical_volumes {
            data {
            id = "f3Gn5t-rJjC-7pRM-n9gl-zcRk-DV2P-6lGeOp"
            status = ["READ", "WRITE", "VISIBLE"]
            flags = []
            creation_time = 1795239135
            creation_host = "javahost"
            segment_count = 2
            segment1 {
            start_extent = 0
            extent_count = 2
            type = "striped"
            stripe_count = 1
            stripes = [
            "pv0", 0
            ]
            }
            segment2 {
            start_extent = 2
            extent_count = 4
            type = "striped"
            stripe_count = 2
            stripe_size = 128
            stripes = [
            "pv0", 2,
            "pv1", 0
            ]
            }
            }
            r1 {
            id = "g3Gn5t-rJjC-7pRM-n9gl-zcRk-DV2P-6lGeOp"
            status = ["READ", "WRITE", "VISIBLE"]
            flags = []
            segment_count = 1
            segment1 {
            start_extent = 0
            extent_count = 2
            type = "raid1"
            device_count = 2
            region_size = 1024
            raids = [
            "r1_rmeta_0", "r1_rimage_0",
            "r1_rmeta_1", "r1_rimage_1"
            ]
            }
            }
            r1_rmeta_0 {
            id = "h3Gn5t-rJjC-7pRM-n9gl-zcRk-DV2P-6lGeOp"
            status = ["READ", "WRITE"]
            flags = []
            segment_count = 1
            segment1 {
            start_extent = 0
            extent_count = 1
            type = "striped"
            stripe_count = 1
            stripes = [
            "pv0", 10
            ]
            }
            }
            r1_rimage_0 {
            id = "i3Gn5t-rJjC-7pRM-n9gl-zcRk-DV2P-6lGeOp"
            status = ["READ", "WRITE"]
            flags = []
            segment_count = 1
            segment1 {
            start_extent = 0
            extent_count = 2
            type = "striped"
            stripe_count = 1
            stripes = [
            "pv0", 11
            ]
            }
            }
            r1_rmeta_1 {
            id = "j3Gn5t-rJjC-7pRM-n9gl-zcRk-DV2P-6lGeOp"
            status = ["READ", "WRITE"]
            flags = []
            segment_count = 1
            segment1 {
            start_extent = 0
            extent_count = 1
            type = "striped"
            stripe_count = 1
            stripes = [
            "pv1", 10
            ]
            }
            }
            r1_rimage_1 {
            id = "k3Gn5t-rJjC-7pRM-n9gl-zcRk-DV2P-6lGeOp"
            status = ["READ", "WRITE"]
            flags = []
            segment_count = 1
            segment1 {
            start_extent = 0
            extent_count = 2
            type = "striped"
            stripe_count = 1
            stripes = [
            "pv1", 11
            ]
            }
            }
            snap {
            id = "l3Gn5t-rJjC-7pRM-n9gl-zcRk-DV2P-6lGeOp"
            status = ["READ", "VISIBLE"]
            flags = []
            segment_count = 1
            segment1 {
            start_extent = 0
            extent_count = 1
            type = "striped"
            stripe_count = 1
            stripes = [
            "pv1", 20
            ]
            }
            }
            snapshot0 {
            id = "m3Gn5t-rJjC-7pRM-n9gl-zcRk-DV2P-6lGeOp"
            status = ["READ"]
            flags = []
            segment_count = 1
            segment1 {
            start_extent = 0
            extent_count = 6
            type = "snapshot"
            chunk_size = 8
            origin = "data"
            cow_store = "snap"
            }
            }
            }
            }
            # Generated by LVM2 version 2.03.16(2) (2022-05-18): Sat Nov 21 05:32:17 2026
            contents = "Text Format Volume Group"
            version = 1
            description = ""
            creation_host = "javahost"
            creation_time = 1795239135
            """;
    static final byte[] TEXT_BYTES = TEXT.getBytes(StandardCharsets.UTF_8);
    static final int MDA_OFFSET = 4096;
    static final int MDA_SIZE = 64 << 10;

    @AfterAll
    static void stop() { WORKER.shutdownNow(); }

    @Test
    void seedInputsAreValid() throws Exception {
        Vg vg = VgTextReader.read(TEXT, "seed");
        assertEquals(8, vg.lvs().size());
        PvLabel l = PvLabel.decode(label(), 0, 0, "seed");
        assertEquals(1, l.metadataAreas().size());
        MemoryDevice d = pvWithText(TEXT_BYTES);
        MetadataArea m = new MetadataArea(d, new DiskArea(MDA_OFFSET, MDA_SIZE));
        assertEquals(TEXT, m.readText(m.readHeader(), m.readHeader().committed()));
    }

    @Test
    void mutatedTextOnlyFailsWithFormatException() throws Exception {
        java.util.concurrent.atomic.AtomicInteger read = new java.util.concurrent.atomic.AtomicInteger();
        fuzz("metadata text", 0, r -> {
            byte[] b = mutate(r, TEXT_BYTES, TEXT_BYTES);
            try {
                VgTextReader.read(new String(b, StandardCharsets.UTF_8), "fuzz");
                read.incrementAndGet();
            } catch (FormatException expected) { }
        });
        // the mutations must reach past the parser's first checks: some texts still read, most do not
        System.out.println("fuzz: " + read + " of " + ITERATIONS + " mutated texts read");
        if (ITERATIONS >= 1000) assertTrue(read.get() > ITERATIONS / 100 && read.get() < ITERATIONS * 9 / 10, read + " of " + ITERATIONS + " read");
    }

    @Test
    void mutatedLabelOnlyFailsWithFormatException() throws Exception {
        byte[] good = label();
        fuzz("label", 1, r -> {
            byte[] b = fit(mutate(r, good, good), 512);
            if (r.nextBoolean()) fixLabelCrc(b);
            try {
                PvLabel.decode(b, 0, 0, "fuzz");
            } catch (FormatException expected) { }
            MemoryDevice d = new MemoryDevice("fuzz", r.nextInt(4) == 0 ? 2048 : 8192);
            d.write(512L * r.nextInt(4), b);
            try {
                PvLabel.read(d);
            } catch (IOException expected) { }
        });
    }

    /** A whole metadata area (header and ring): mutated header sectors, text and pointers, CRCs fixed or not. */
    @Test
    void mutatedMetadataAreaOnlyFailsWithDeclaredExceptions() throws Exception {
        MemoryDevice good = pvWithText(TEXT_BYTES);
        byte[] header = good.read(MDA_OFFSET, 512);
        fuzz("metadata area", 2, r -> {
            MemoryDevice d = pvWithText(TEXT_BYTES);
            switch (r.nextInt(4)) {
                case 0 -> d.write(MDA_OFFSET, fit(mutate(r, header, header), 512));
                case 1 -> { // a valid checksum over hostile pointers
                    byte[] h = fit(mutate(r, header, header), 512);
                    fixHeaderCrc(h);
                    d.write(MDA_OFFSET, h);
                }
                case 2 -> { // hostile text with a matching text checksum
                    byte[] t = mutate(r, TEXT_BYTES, TEXT_BYTES);
                    d = pvWithText(t.length + 1 < (MDA_SIZE - 512) / 2 ? t : TEXT_BYTES);
                }
                default -> { // raw damage anywhere in the area
                    byte[] area = d.read(MDA_OFFSET, MDA_SIZE);
                    d.write(MDA_OFFSET, fit(mutate(r, area, TEXT_BYTES), MDA_SIZE));
                }
            }
            MetadataArea m = new MetadataArea(d, new DiskArea(MDA_OFFSET, MDA_SIZE));
            try {
                MdaHeader h = m.readHeader();
                String text = m.readText(h, h.committed());
                VgTextReader.read(text, "fuzz");
                if (!h.precommitted().isEmpty()) m.readText(h, h.precommitted());
                MetadataArea.nextOffset(h);
            } catch (IOException expected) { }
        });
    }

    // ---- directed hostile inputs --------------------------------------------------------------------------------

    @Test
    void deepNestingIsRefusedWithoutStackOverflow() throws Exception {
        String deep = "a {".repeat(10_000) + "}".repeat(10_000);
        FormatException e = assertThrows(FormatException.class, () -> bounded(() -> VgTextReader.read(deep, "deep")));
        assertTrue(e.getMessage().contains("nested too deeply"), e.getMessage());
        String deepLists = "x = " + "[".repeat(100_000) + "]".repeat(100_000);
        assertThrows(FormatException.class, () -> bounded(() -> VgTextReader.read(deepLists, "lists")));
    }

    @Test
    void hugeTextIsRefusedOrReadInBoundedTimeAndMemory() throws Exception {
        // many MiB of text past the limit
        String huge = "x = \"" + "a".repeat(20 << 20) + "\"";
        FormatException e = assertThrows(FormatException.class, () -> bounded(() -> VgTextReader.read(huge, "huge")));
        assertTrue(e.getMessage().contains("too large"), e.getMessage());
        // a million LV-shaped sections, just under the size limit
        StringBuilder lvs = new StringBuilder("vg { id = \"k0YgHm-IMYV-y3C8-1rZ0-hTeE-TKf6-7IGh5j\" seqno = 1 extent_size = 8192 physical_volumes { } logical_volumes {\n");
        for (int i = 0; lvs.length() < VgTextReader.MAX_TEXT - 100; i++) lvs.append('l').append(i).append("{}\n");
        lvs.append("} }\ncontents = \"Text Format Volume Group\"\nversion = 1\n");
        e = assertThrows(FormatException.class, () -> bounded(() -> VgTextReader.read(lvs.toString(), "many")));
        assertTrue(e.getMessage().contains("entries"), e.getMessage());
        // a very long string value and a very long name, both inside the limit
        String longString = TEXT.replace("\"javahost\"", "\"" + "h".repeat(4 << 20) + "\"");
        bounded(() -> VgTextReader.read(longString, "long string"));
        String longName = TEXT.replace("vg0 {", "v".repeat(4 << 20) + " {");
        e = assertThrows(FormatException.class, () -> bounded(() -> VgTextReader.read(longName, "long name")));
        assertTrue(e.getMessage().contains("invalid VG name") && e.getMessage().length() < 300, e.getMessage());
    }

    @Test
    void absurdNumbersAreRefused() {
        String[][] cases = {
            {"pe_count = 31", "pe_count = 4611686018427387904"}, {"extent_size = 8192", "extent_size = 0"},
            {"extent_size = 8192", "extent_size = -8192"}, {"stripe_count = 2", "stripe_count = 4611686018427387904"},
            {"stripe_count = 2", "stripe_count = -2"}, {"extent_count = 4", "extent_count = 9223372036854775807"},
            {"start_extent = 2", "start_extent = -2"}, {"\"pv0\", 2,", "\"pv0\", -2,"}, {"\"pv0\", 2,", "\"pv0\", 30,"},
            {"\"pv0\", 10", "\"pv0\", 1"}, {"seqno = 6", "seqno = 99999999999999999999999"}, {"device_count = 2", "device_count = 1000000"},
            {"pe_count = 31", "pe_count = -1"}, {"segment_count = 2", "segment_count = 4611686018427387904"},
        };
        for (String[] c : cases) {
            assertTrue(TEXT.contains(c[0]), c[0]);
            String t = TEXT.replaceFirst(java.util.regex.Pattern.quote(c[0]), c[1]);
            assertThrows(FormatException.class, () -> VgTextReader.read(t, "absurd"), c[1]);
        }
    }

    @Test
    void hostileNamesAreRefused() {
        for (String name : new String[] {"../x", "..", ".", "-x", "a/b", "/etc", "x\u0001y", "\u00e9t\u00e9", "n".repeat(128)}) {
            String asVg = TEXT.replace("vg0 {", "\"" + name + "\" {").replace("\"" + name + "\" {", name + " {");
            assertThrows(FormatException.class, () -> VgTextReader.read(asVg, "vg name"), name);
            String asLv = TEXT.replace("snap {", name + " {").replace("cow_store = \"snap\"", "cow_store = \"" + name + "\"");
            assertThrows(FormatException.class, () -> VgTextReader.read(asLv, "lv name"), name);
        }
        String ok = TEXT.replace("vg0 {", "v.g+_-0 {");
        try {
            assertEquals("v.g+_-0", VgTextReader.read(ok, "ok").name());
        } catch (FormatException e) {
            fail(e);
        }
    }

    @Test
    void nulBytesAndInvalidUtf8() throws Exception {
        // a NUL ends the text, as in LVM2: what follows is ignored
        String withNul = TEXT + "\0garbage { = ";
        assertEquals("vg0", VgTextReader.read(withNul, "nul").name());
        assertThrows(FormatException.class, () -> VgTextReader.read(TEXT.substring(0, 300) + "\0" + TEXT.substring(300), "nul"));
        byte[] bad = TEXT.replace("javahost", "java\u00ffhost").getBytes(StandardCharsets.ISO_8859_1);
        MemoryDevice d = pvWithText(bad);
        MetadataArea m = new MetadataArea(d, new DiskArea(MDA_OFFSET, MDA_SIZE));
        String read = m.readText(m.readHeader(), m.readHeader().committed());
        assertEquals("vg0", VgTextReader.read(read, "utf8").name());
        byte[] badName = TEXT.replace("vg0 {", "vg\u00ff {").getBytes(StandardCharsets.ISO_8859_1);
        d = pvWithText(badName);
        MetadataArea m2 = new MetadataArea(d, new DiskArea(MDA_OFFSET, MDA_SIZE));
        String read2 = m2.readText(m2.readHeader(), m2.readHeader().committed());
        FormatException e = assertThrows(FormatException.class, () -> VgTextReader.read(read2, "utf8"));
        assertTrue(e.getMessage().contains("invalid VG name \"vg?\""), e.getMessage());
    }

    @Test
    void headerClaimingAnotherSizeOrAHugeTextIsRefused() throws Exception {
        MemoryDevice d = pvWithText(TEXT_BYTES);
        MetadataArea m = new MetadataArea(d, new DiskArea(MDA_OFFSET, MDA_SIZE));
        MdaHeader h = m.readHeader();
        d.write(MDA_OFFSET, new MdaHeader(h.start(), 1L << 62, new RawLocn(512, (1L << 62) - 1024, 0, 0), RawLocn.EMPTY).encode());
        FormatException e = assertThrows(FormatException.class, m::readHeader);
        assertTrue(e.getMessage().contains("claims size"), e.getMessage());
        MetadataArea big = new MetadataArea(new MemoryDevice("big", MDA_OFFSET + (64 << 20)), new DiskArea(MDA_OFFSET, 64L << 20));
        MdaHeader bh = new MdaHeader(MDA_OFFSET, 64L << 20, new RawLocn(512, 40L << 20, 0, 0), RawLocn.EMPTY);
        e = assertThrows(FormatException.class, () -> big.readText(bh, bh.committed()));
        assertTrue(e.getMessage().contains("too large"), e.getMessage());
    }

    // ---- the fuzzer ---------------------------------------------------------------------------------------------

    interface Case { void run(Random r) throws Exception; }

    interface Body { void run() throws Exception; }

    /** Runs one input on the worker thread with a time limit and an allocation limit; rethrows what escaped. */
    static void bounded(Body body) throws Exception {
        Future<Long> f = WORKER.submit(() -> {
            var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long tid = Thread.currentThread().getId();
            long before = mx.getThreadAllocatedBytes(tid);
            try {
                body.run();
            } finally {
                long used = mx.getThreadAllocatedBytes(tid) - before;
                if (used > MAX_ALLOC + 3 * VgTextReader.MAX_TEXT * 4) throw new AssertionError("allocated " + (used >> 20) + " MiB");
            }
            return 0L;
        });
        try {
            f.get(CASE_TIMEOUT_MS * 6, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof Exception x) throw x;
            throw new AssertionError(e.getCause());
        }
    }

    /** {@code ITERATIONS} cases, case i from seed {@code SEED + i * GOLDEN} (so a case's seed replays it as case 0). */
    static void fuzz(String what, int stream, Case c) throws Exception {
        long base = SEED + stream * 0x1000_0000_0000L;
        System.out.println("fuzz: " + what + ", " + ITERATIONS + " cases from seed " + SEED);
        for (int i = 0; i < ITERATIONS; i++) {
            long seed = i == 0 ? SEED : base + i * 0x9E37_79B9_7F4A_7C15L;
            Future<Long> f = WORKER.submit(() -> {
                var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
                long tid = Thread.currentThread().getId();
                long before = mx.getThreadAllocatedBytes(tid);
                c.run(new Random(seed));
                return mx.getThreadAllocatedBytes(tid) - before;
            });
            String replay = " (" + what + " case " + i + "; replay with -Dulvm.fuzz.seed=" + seed + " -Dulvm.fuzz.iterations=1)";
            try {
                long used = f.get(CASE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
                if (used > MAX_ALLOC) fail("allocated " + (used >> 20) + " MiB" + replay);
            } catch (TimeoutException e) {
                f.cancel(true);
                fail("no result within " + CASE_TIMEOUT_MS + " ms" + replay);
            } catch (java.util.concurrent.ExecutionException e) {
                System.err.println("FUZZ FAILURE" + replay);
                throw new AssertionError("undeclared " + e.getCause() + replay, e.getCause());
            }
        }
    }

    /** 1-4 mutations: bit flips, byte insertions and deletions, truncation, splices from {@code donor}, repeats. */
    static byte[] mutate(Random r, byte[] in, byte[] donor) {
        byte[] b = in.clone();
        int n = 1 + r.nextInt(4);
        for (int k = 0; k < n; k++) {
            int len = b.length;
            int at = len == 0 ? 0 : r.nextInt(len);
            switch (r.nextInt(9)) {
                case 0, 1 -> { if (len > 0) b[at] ^= (byte) (1 << r.nextInt(8)); }
                case 2 -> { if (len > 0) b[at] = (byte) INTERESTING[r.nextInt(INTERESTING.length)]; }
                case 3 -> b = splice(b, at, at, new byte[] {(byte) INTERESTING[r.nextInt(INTERESTING.length)]});
                case 4 -> b = splice(b, at, Math.min(len, at + 1 + r.nextInt(16)), new byte[0]);
                case 5 -> b = java.util.Arrays.copyOf(b, at);
                case 6 -> { // a chunk of valid input somewhere else
                    int s = r.nextInt(donor.length), e = Math.min(donor.length, s + 1 + r.nextInt(400));
                    b = splice(b, at, Math.min(len, at + r.nextInt(64)), java.util.Arrays.copyOfRange(donor, s, e));
                }
                case 7 -> { // a number made absurd
                    byte[] num = NUMBERS[r.nextInt(NUMBERS.length)].getBytes(StandardCharsets.US_ASCII);
                    int d = indexOfDigit(b, at);
                    if (d >= 0) b = splice(b, d, endOfDigits(b, d), num);
                }
                default -> { // a chunk repeated many times (nesting, long lists, long tokens)
                    int e = Math.min(len, at + 1 + r.nextInt(8));
                    byte[] chunk = java.util.Arrays.copyOfRange(b, at, e);
                    int times = 1 + r.nextInt(r.nextBoolean() ? 8 : 2000);
                    java.io.ByteArrayOutputStream o = new java.io.ByteArrayOutputStream();
                    for (int t = 0; t < times && o.size() < (1 << 20); t++) o.writeBytes(chunk);
                    b = splice(b, at, at, o.toByteArray());
                }
            }
        }
        return b;
    }

    static final int[] INTERESTING = {0, 0xff, 0x7f, 0x80, '{', '}', '[', ']', '"', '=', ',', '#', '\n', '/', '.', '-', 0xc3, 0xe9};
    static final String[] NUMBERS = {"0", "-1", "4611686018427387904", "9223372036854775807", "-9223372036854775808",
        "99999999999999999999", "4294967296", "2147483648", "1.5e308", "00"};

    static int indexOfDigit(byte[] b, int from) {
        for (int i = from; i < b.length; i++) if (b[i] >= '0' && b[i] <= '9') return i;
        return -1;
    }

    static int endOfDigits(byte[] b, int i) {
        while (i < b.length && b[i] >= '0' && b[i] <= '9') i++;
        return i;
    }

    static byte[] splice(byte[] b, int from, int to, byte[] with) {
        byte[] out = new byte[b.length - (to - from) + with.length];
        System.arraycopy(b, 0, out, 0, from);
        System.arraycopy(with, 0, out, from, with.length);
        System.arraycopy(b, to, out, from + with.length, b.length - to);
        return out;
    }

    static byte[] fit(byte[] b, int len) { return java.util.Arrays.copyOf(b, len); }

    static byte[] label() {
        return new PvLabel(0, "lEwNDoN5W8jWoFd2Gqrr5uppCC21s8zG", 16L << 20, java.util.List.of(new DiskArea(1 << 20, 0)),
                java.util.List.of(new DiskArea(MDA_OFFSET, MDA_SIZE)), 2, PvLabel.FLAG_USED, java.util.List.of()).encode();
    }

    static void fixLabelCrc(byte[] b) {
        java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(16, LvmCrc.crc(b, 20, 512 - 20));
    }

    static void fixHeaderCrc(byte[] b) {
        java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(0, LvmCrc.crc(b, 4, 512 - 4));
    }

    /** A device with one metadata area at 4 KiB holding {@code text} (plus its NUL) as the committed copy. */
    static MemoryDevice pvWithText(byte[] text) throws IOException {
        MemoryDevice d = new MemoryDevice("fuzz", MDA_OFFSET + MDA_SIZE + 4096);
        MetadataArea m = new MetadataArea(d, new DiskArea(MDA_OFFSET, MDA_SIZE));
        MdaHeader h = MdaHeader.fresh(MDA_OFFSET, MDA_SIZE);
        m.writeHeader(h);
        byte[] withNul = java.util.Arrays.copyOf(text, text.length + 1);
        RawLocn l = m.writeText(h, withNul);
        m.writeHeader(h.withCommitted(l));
        return d;
    }
}
