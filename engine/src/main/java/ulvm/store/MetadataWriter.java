package ulvm.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import ulvm.format.FormatException;
import ulvm.format.MdaHeader;
import ulvm.format.MetadataArea;
import ulvm.format.PvLabel;
import ulvm.format.RawLocn;
import ulvm.format.VgTextReader;
import ulvm.format.VgTextWriter;
import ulvm.io.BlockDevice;
import ulvm.model.Pv;
import ulvm.model.Vg;

/**
 * Commits a new VG version as LVM2 does (format-text.c, _vg_write_raw and friends): the text goes to every
 * metadata area of every present PV; then every header is precommitted; then every header is committed.
 * Each step is flushed before the next, so a crash leaves the old or the new version, never a mix.
 */
public final class MetadataWriter {
    /**
     * Told after each phase of a commit ("written", "precommitted", "committed"), once it is flushed; an exception
     * stops the commit there (crash tests pass one at assembly, see {@code ops.Wiring}).
     */
    public interface Phases {
        Phases NONE = phase -> { };

        void after(String phase) throws IOException;
    }

    private MetadataWriter() {}

    public static String hostname() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
        } catch (IOException e) {
            String h = System.getenv("HOSTNAME");
            return h == null ? "localhost" : h;
        }
    }

    /** Validates {@code vg} by writing and re-reading its text; returns the text. Nothing is written to disk. */
    public static String render(Vg vg, String description) throws FormatException {
        String text = VgTextWriter.disk(vg, description, hostname(), System.currentTimeMillis() / 1000);
        VgTextReader.read(text, "new metadata for VG " + vg.name());
        return text;
    }

    /**
     * Writes {@code vg} with seqno {@code prevSeqno + 1} to every metadata area of {@code devices} (PV id to
     * device) and marks their labels as in use. Returns the committed VG.
     */
    public static Vg commit(Vg vg, long prevSeqno, Map<String, PvDevice> devices, String description) throws IOException {
        return commit(vg, prevSeqno, devices, description, v -> { });
    }

    /** Between precommit and commit: the daemon suspends the affected live volumes here (LVM2's suspend). */
    public interface BeforeCommit { void run(Vg next) throws IOException; }

    /** As {@link #commit(Vg, long, Map, String)}, calling {@code beforeCommit} after the precommit step. */
    public static Vg commit(Vg vg, long prevSeqno, Map<String, PvDevice> devices, String description, BeforeCommit beforeCommit)
            throws IOException {
        return commit(vg, prevSeqno, devices, description, beforeCommit, false, Phases.NONE);
    }

    /**
     * As LVM2: a metadata area whose header does not read is left as it is (the commit goes to the others) unless
     * {@code repairHeaders} (vgck --updatemetadata) and the damage is only a checksum or version. {@code phases} is told
     * after each phase.
     */
    public static Vg commit(Vg vg, long prevSeqno, Map<String, PvDevice> devices, String description, BeforeCommit beforeCommit,
                            boolean repairHeaders, Phases phases) throws IOException {
        List<Pv> pvs = new ArrayList<>();
        for (Pv p : vg.pvs()) {
            PvDevice d = devices.get(p.id());
            pvs.add(d == null ? p : p.withDevice(d.name()));
        }
        for (PvDevice d : devices.values()) refuseDuplicates(vg.name(), d);
        Vg next = vg.withPvs(pvs).withSeqno(prevSeqno + 1);
        String text = render(next, description);
        byte[] bytes = (text + "\0").getBytes(StandardCharsets.UTF_8);

        List<MetadataArea> mdas = new ArrayList<>();
        List<MdaHeader> headers = new ArrayList<>();
        List<PvDevice> owners = new ArrayList<>();
        for (Pv p : next.pvs()) {
            PvDevice d = devices.get(p.id());
            if (d == null) continue;
            for (MetadataArea m : d.mdas()) {
                MdaHeader h;
                if (m.area().offset() + m.area().size() > d.device().size())
                    throw new FormatException(d.name() + ": metadata area at offset " + m.area().offset() + " runs past the end of the device.");
                try {
                    h = m.readHeader();
                } catch (MdaHeader.Repairable e) {
                    if (!repairHeaders) continue;
                    h = MdaHeader.fresh(m.area().offset(), m.area().size()); // repaired by this commit
                } catch (FormatException e) {
                    continue; // wrong magic or place: maybe not where we think; never written (LVM2 neither)
                }
                mdas.add(m);
                headers.add(h);
                owners.add(d);
            }
        }
        boolean[] ignore = MdaBalance.wanted(next.metadataCopies(), headers, owners);
        List<MetadataArea> writeTo = new ArrayList<>();
        List<MdaHeader> writeHeaders = new ArrayList<>();
        List<Integer> flags = new ArrayList<>();
        Set<BlockDevice> touched = new LinkedHashSet<>();
        for (int i = 0; i < mdas.size(); i++) {
            // an area ignored before and after is left alone; one that changes gets this version and its new flag (as LVM2)
            if (ignore[i] && headers.get(i).committed().ignored()) continue;
            MetadataArea m = mdas.get(i);
            if (bytes.length > m.maxTextSize())
                throw new FormatException("VG " + vg.name() + " metadata on " + owners.get(i).name() + " (" + bytes.length + " bytes) exceeds maximum metadata size (" + m.maxTextSize() + " bytes)");
            writeTo.add(m);
            writeHeaders.add(headers.get(i));
            flags.add((headers.get(i).committed().flags() & ~RawLocn.IGNORED) | (ignore[i] ? RawLocn.IGNORED : 0));
            touched.add(owners.get(i).device());
        }
        for (PvDevice d : owners) d.ignoreMdas(null);
        mdas = writeTo;
        headers = writeHeaders;
        if (mdas.isEmpty()) throw new IOException("No metadata areas to write VG " + vg.name() + " to.");
        List<RawLocn> locns = new ArrayList<>();
        for (int i = 0; i < mdas.size(); i++) {
            RawLocn l = mdas.get(i).writeText(headers.get(i), bytes);
            locns.add(new RawLocn(l.offset(), l.size(), l.checksum(), flags.get(i)));
        }
        flush(touched);
        phases.after("written");
        for (int i = 0; i < mdas.size(); i++) mdas.get(i).writeHeader(headers.get(i).withPrecommitted(locns.get(i)));
        flush(touched);
        phases.after("precommitted");
        beforeCommit.run(next);
        for (int i = 0; i < mdas.size(); i++) mdas.get(i).writeHeader(headers.get(i).withCommitted(locns.get(i)));
        flush(touched);
        phases.after("committed");
        for (Pv p : next.pvs()) {
            PvDevice d = devices.get(p.id());
            if (d != null && !d.label().inUse()) {
                PvLabel l = d.label().withFlags(d.label().extFlags() | PvLabel.FLAG_USED);
                l.write(d.device());
                d.device().flush();
                d.setLabel(l);
            }
        }
        return next;
    }

    /** Makes a PV an orphan again: empty metadata areas and the label's in-use flag cleared. */
    public static void orphan(PvDevice d) throws IOException {
        refuseDuplicates(null, d);
        for (MetadataArea m : d.mdas()) {
            int flags = 0;
            try {
                flags = m.readHeader().committed().flags() & RawLocn.IGNORED;
            } catch (FormatException ignored) { }
            MdaHeader h = MdaHeader.fresh(m.area().offset(), m.area().size());
            m.writeHeader(flags == 0 ? h : h.withCommitted(new RawLocn(0, 0, 0, flags)));
        }
        PvLabel l = d.label().withFlags(d.label().extFlags() & ~PvLabel.FLAG_USED);
        l.write(d.device());
        d.device().flush();
        d.setLabel(l);
    }

    /** LVM2 never writes metadata while a PV is seen on two devices: which one is the real one is unknown. */
    static void refuseDuplicates(String vg, PvDevice d) throws FormatException {
        if (!d.duplicates().isEmpty())
            throw new FormatException(vg != null ? "Cannot update volume group " + vg + " with duplicate PV devices."
                    : "Cannot change PV " + d.name() + " with duplicate PV devices.");
    }

    private static void flush(Set<BlockDevice> devs) throws IOException {
        for (BlockDevice d : devs) d.flush();
    }
}
