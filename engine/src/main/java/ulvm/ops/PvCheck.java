package ulvm.ops;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;
import ulvm.api.LvmException;
import ulvm.format.DiskArea;
import ulvm.format.FormatException;
import ulvm.format.LvmCrc;
import ulvm.format.MdaHeader;
import ulvm.format.MetadataArea;
import ulvm.format.PvLabel;
import ulvm.format.RawLocn;
import ulvm.format.VgTextReader;
import ulvm.io.BlockDevice;
import ulvm.model.Vg;

/** pvck: reads label, headers and metadata text of one device and reports what is wrong, never writing. */
final class PvCheck {
    private PvCheck() {}

    static void check(BlockDevice dev, boolean dump, Session s) throws IOException, LvmException {
        Optional<PvLabel> lo;
        try {
            lo = PvLabel.read(dev);
        } catch (FormatException e) {
            s.say("CHECK: " + e.getMessage());
            throw new LvmException("No valid label found on " + dev.name() + ".");
        }
        if (lo.isEmpty()) throw new LvmException("No LVM label found on " + dev.name() + ".");
        PvLabel l = lo.get();
        if (dump) dumpLabel(dev, l, s);
        else s.say("Found label on " + dev.name() + ", sector " + l.sector() + ", type=LVM2 001");
        int i = 1;
        boolean bad = false;
        for (DiskArea a : l.metadataAreas()) {
            MetadataArea m = new MetadataArea(dev, a);
            if (!dump) s.say("Found text metadata area: offset=" + a.offset() + ", size=" + a.size());
            try {
                MdaHeader h = m.readHeader();
                if (dump) dumpHeader(dev, a, h, i, s);
                if (!h.committed().isEmpty()) {
                    String text = m.readText(h, h.committed());
                    Vg vg = VgTextReader.read(text, dev.name());
                    if (dump) s.say(String.format("metadata text at %d crc 0x%x # vgname %s seqno %d", a.offset() + h.committed().offset(),
                            h.committed().checksum(), vg.name(), vg.seqno()));
                }
            } catch (FormatException e) {
                for (String line : e.getMessage().split("\n")) s.say("CHECK: " + line);
                bad = true;
            }
            i++;
        }
        if (bad) throw new LvmException(LvmException.FAILED, null);
    }

    private static void dumpLabel(BlockDevice dev, PvLabel l, Session s) throws IOException {
        long base = (long) l.sector() * 512;
        byte[] b = dev.read(base, 512);
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        s.say("label_header at " + base);
        s.say("label_header.id LABELONE");
        s.say("label_header.sector " + l.sector());
        s.say(String.format("label_header.crc 0x%x", bb.getInt(16)));
        s.say("label_header.offset 32");
        s.say("label_header.type LVM2 001");
        s.say("pv_header at " + (base + 32));
        s.say("pv_header.pv_uuid " + l.uuid());
        s.say("pv_header.device_size " + l.deviceSize());
        long at = base + 72;
        int k = 0;
        for (DiskArea a : l.dataAreas()) at = locn(s, "pv_header", k++, at, a, "location of data area");
        at = locn(s, "pv_header", k++, at, new DiskArea(0, 0), "location list end");
        for (DiskArea a : l.metadataAreas()) at = locn(s, "pv_header", k++, at, a, "location of metadata area");
        at = locn(s, "pv_header", k++, at, new DiskArea(0, 0), "location list end");
        s.say("pv_header_extension at " + at);
        s.say("pv_header_extension.version " + l.extVersion());
        s.say("pv_header_extension.flags " + l.extFlags());
        at += 8;
        k = 0;
        for (DiskArea a : l.bootloaderAreas()) at = locn(s, "pv_header_extension", k++, at, a, "bootloader area");
        locn(s, "pv_header_extension", k, at, new DiskArea(0, 0), "location list end");
    }

    private static long locn(Session s, String pre, int k, long at, DiskArea a, String what) {
        s.say(pre + ".disk_locn[" + k + "] at " + at + " # " + what);
        s.say(pre + ".disk_locn[" + k + "].offset " + a.offset());
        s.say(pre + ".disk_locn[" + k + "].size " + a.size());
        return at + 16;
    }

    private static void dumpHeader(BlockDevice dev, DiskArea a, MdaHeader h, int i, Session s) throws IOException {
        byte[] raw = dev.read(a.offset(), MdaHeader.SIZE);
        int crc = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).getInt(0);
        String p = "mda_header_" + i;
        s.say(p + " at " + a.offset() + " # metadata area");
        s.say(String.format("%s.checksum 0x%x", p, crc));
        s.say(p + ".magic 0x204c564d3220785b35412572304e2a3e");
        s.say(p + ".version 1");
        s.say(p + ".start " + h.start());
        s.say(p + ".size " + h.size());
        slot(s, p, 0, a.offset() + 40, h.committed(), "commit");
        slot(s, p, 1, a.offset() + 64, h.precommitted(), "precommit");
        if (LvmCrc.crc(raw, 4, MdaHeader.SIZE - 4) != crc) s.say("CHECK: " + p + ".checksum is wrong");
    }

    private static void slot(Session s, String p, int k, long at, RawLocn l, String what) {
        s.say(p + ".raw_locn[" + k + "] at " + at + " # " + what);
        s.say(p + ".raw_locn[" + k + "].offset " + l.offset());
        s.say(p + ".raw_locn[" + k + "].size " + l.size());
        s.say(String.format("%s.raw_locn[%d].checksum 0x%x", p, k, l.checksum()));
        s.say(String.format("%s.raw_locn[%d].flags 0x%x", p, k, l.flags()));
    }
}
