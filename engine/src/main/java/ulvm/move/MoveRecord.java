package ulvm.move;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32;
import ulvm.io.BlockDevice;
import ulvm.io.Devices;
import ulvm.model.Lv;
import ulvm.model.MirrorSegment;
import ulvm.model.Segment;
import ulvm.model.Vg;
import ulvm.segtype.MirrorType;

/**
 * A running pvmove's progress inside its current segment, outside the metadata (docs/design.md §7): one small file per
 * pvmove LV under the system dir, two {@value #SLOT}-byte slots written alternately, each written and forced in one
 * step after the chunk's data was forced. A slot is one text line, {@code ulvm-pvmove-progress vg=.. lv=.. seqno=..
 * seg=.. start=.. count=.. moved=.. gen=.. crc=..}, zero padded; the valid slot with the higher {@code gen} counts.
 *
 * <p>The record is trusted only when it matches the committed metadata: same VG and pvmove LV uuids, written at a
 * seqno no later than the committed one (images restored from an older copy are not fooled), naming the first
 * incomplete segment with its start and length, and further on than the metadata's own extents_moved. Otherwise
 * the move resumes from the metadata (the last segment commit), as LVM2 would.
 */
public final class MoveRecord implements AutoCloseable {
    static final int SLOT = 4096;
    private static final String MAGIC = "ulvm-pvmove-progress";

    /** One slot's content. */
    record Entry(String vgId, String lvId, long seqno, int segment, long start, long count, long moved, long gen) {
        String line() {
            return MAGIC + " vg=" + vgId + " lv=" + lvId + " seqno=" + seqno + " seg=" + segment + " start=" + start + " count=" + count
                    + " moved=" + moved + " gen=" + gen;
        }
    }

    private final BlockDevice dev;
    private long gen;

    private MoveRecord(BlockDevice dev, long gen) {
        this.dev = dev;
        this.gen = gen;
    }

    /** The record file of the pvmove LV {@code lvId} under the system dir {@code root}. */
    public static Path file(Path root, String lvId) { return root.resolve("pvmove").resolve(lvId + ".progress"); }

    /** Opens (creating it, and forcing its directory, when new) the record {@code file}, through {@code opener}. */
    public static MoveRecord open(Devices.Opener opener, Path file) throws IOException {
        if (!Files.exists(file)) {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".new");
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                ch.write(ByteBuffer.allocate(2 * SLOT), 0);
                ch.force(true);
            }
            Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            forceDir(file.getParent());
        }
        BlockDevice d = opener.open(file, true);
        long g = 0;
        for (Entry e : entries(d)) g = Math.max(g, e.gen());
        return new MoveRecord(d, g);
    }

    /**
     * Records, durably, that extents [0, {@code moved}) of segment {@code segment} of the pvmove LV {@code name} are on
     * the destination; {@code base}: the VG as last committed (or read) by the move.
     */
    public void write(Vg base, String name, int segment, long moved) throws IOException {
        Lv lv = base.lv(name).orElseThrow();
        Segment s = lv.segments().get(segment);
        Entry e = new Entry(base.id(), lv.id(), base.seqno(), segment, s.start(), s.count(), moved, ++gen);
        ByteBuffer b = ByteBuffer.allocate(SLOT);
        b.put(encode(e)).clear();
        dev.writeDurably((gen % 2) * SLOT, b);
    }

    @Override public void close() throws IOException { dev.close(); }

    /**
     * {@code vg} (as committed) with the progress the record {@code file} holds for its pvmove LV {@code name}, when the
     * record is trusted; else {@code vg} itself. A missing or unreadable record is no record.
     */
    public static Vg apply(Devices.Opener opener, Path file, Vg vg, String name) {
        if (!Files.exists(file)) return vg;
        try (BlockDevice d = opener.open(file, false)) {
            return trusted(entries(d), vg, name).map(e -> withMoved(vg, name, e.segment(), e.moved())).orElse(vg);
        } catch (IOException | RuntimeException e) {
            return vg;
        }
    }

    /** Removes the record {@code file}, if any: its move finished or was aborted. */
    public static void remove(Path file) throws IOException {
        if (Files.deleteIfExists(file)) forceDir(file.getParent());
    }

    /** The newest valid entry, if it applies to {@code vg}'s pvmove LV {@code name}. */
    static Optional<Entry> trusted(List<Entry> entries, Vg vg, String name) {
        Entry best = null;
        for (Entry e : entries) if (best == null || e.gen() > best.gen()) best = e;
        Optional<Lv> lv = vg.lv(name);
        if (best == null || lv.isEmpty() || !best.vgId().equals(vg.id()) || !best.lvId().equals(lv.get().id()) || best.seqno() > vg.seqno())
            return Optional.empty();
        List<Segment> segs = lv.get().segments();
        int running = -1;
        for (int i = 0; i < segs.size() && running < 0; i++) if (MirrorType.incomplete(segs.get(i))) running = i;
        if (running != best.segment()) return Optional.empty();
        Segment s = segs.get(running);
        if (s.start() != best.start() || s.count() != best.count() || best.moved() <= MirrorType.moved(s) || best.moved() >= s.count())
            return Optional.empty();
        return Optional.of(best);
    }

    /** {@code vg} with extents_moved of segment {@code i} of {@code name} set to {@code moved}. */
    static Vg withMoved(Vg vg, String name, int i, long moved) {
        Lv lv = vg.lv(name).orElseThrow();
        List<Segment> segs = new ArrayList<>(lv.segments());
        MirrorSegment m = (MirrorSegment) segs.get(i);
        segs.set(i, new MirrorSegment(m.start(), m.count(), m.regionSize(), m.mirrorLog(), moved, m.mirrors()));
        return vg.withLv(lv.withSegments(segs));
    }

    static byte[] encode(Entry e) {
        String line = e.line();
        CRC32 crc = new CRC32();
        crc.update(line.getBytes(StandardCharsets.US_ASCII));
        return (line + " crc=" + String.format("%08x", crc.getValue()) + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** The valid entries of the two slots (zero, one or two). */
    static List<Entry> entries(BlockDevice d) throws IOException {
        List<Entry> out = new ArrayList<>();
        for (int slot = 0; slot < 2; slot++) {
            byte[] b = d.read((long) slot * SLOT, SLOT);
            decode(b).ifPresent(out::add);
        }
        return out;
    }

    static Optional<Entry> decode(byte[] slot) {
        int end = 0;
        while (end < slot.length && slot[end] != '\n' && slot[end] != 0) end++;
        if (end >= slot.length || slot[end] != '\n') return Optional.empty();
        String text = new String(slot, 0, end, StandardCharsets.US_ASCII);
        int c = text.lastIndexOf(" crc=");
        if (c < 0 || !text.startsWith(MAGIC + " ")) return Optional.empty();
        String line = text.substring(0, c);
        CRC32 crc = new CRC32();
        crc.update(line.getBytes(StandardCharsets.US_ASCII));
        if (!text.substring(c + 5).equals(String.format("%08x", crc.getValue()))) return Optional.empty();
        java.util.Map<String, String> f = new java.util.HashMap<>();
        for (String kv : line.substring(MAGIC.length() + 1).split(" ")) {
            int eq = kv.indexOf('=');
            if (eq > 0) f.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        try {
            return Optional.of(new Entry(f.get("vg"), f.get("lv"), Long.parseLong(f.get("seqno")), Integer.parseInt(f.get("seg")),
                    Long.parseLong(f.get("start")), Long.parseLong(f.get("count")), Long.parseLong(f.get("moved")), Long.parseLong(f.get("gen"))));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static void forceDir(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // some file systems cannot open a directory for force; the rename is then as durable as they make it
        }
    }
}
