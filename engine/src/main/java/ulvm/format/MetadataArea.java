package ulvm.format;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import ulvm.io.BlockDevice;

/**
 * One metadata area on one device: its header and the circular text buffer behind it
 * (docs/format.md §3). Stateless: every call reads or writes the device.
 */
public final class MetadataArea {
    private final BlockDevice dev;
    private final DiskArea area;

    public MetadataArea(BlockDevice dev, DiskArea area) {
        this.dev = dev;
        this.area = area;
    }

    public DiskArea area() { return area; }

    public BlockDevice device() { return dev; }

    public MdaHeader readHeader() throws IOException {
        if (area.offset() + area.size() > dev.size())
            throw new FormatException(dev.name() + ": metadata area at offset " + area.offset() + " runs past the end of the device.");
        MdaHeader h = MdaHeader.decode(dev.read(area.offset(), MdaHeader.SIZE), area.offset(), dev.name());
        // the ring is the area the label gives; a header claiming another size would read or write outside it
        if (h.size() != area.size())
            throw new FormatException("mda header on " + dev.name() + " at " + area.offset() + " claims size " + h.size() + " for an area of " + area.size() + " bytes");
        return h;
    }

    public void writeHeader(MdaHeader h) throws IOException {
        dev.write(area.offset(), h.encode());
    }

    /** Largest text (NUL included) the area accepts, so that the old and the new copy always both fit. */
    public long maxTextSize() {
        return (area.size() - MdaHeader.SIZE) / 2 - MdaHeader.SIZE;
    }

    /** Reads and checks the text a slot points to; returns it without the trailing NUL. */
    public String readText(MdaHeader h, RawLocn l) throws IOException {
        if (l.isEmpty()) throw new FormatException(dev.name() + ": metadata area holds no metadata.");
        if (l.offset() < MdaHeader.SIZE || l.offset() >= h.size() || l.size() <= 0 || l.size() > h.size() - MdaHeader.SIZE)
            throw new FormatException(dev.name() + ": metadata location " + l.offset() + "+" + l.size() + " is outside its area.");
        if (l.size() > VgTextReader.MAX_TEXT)
            throw new FormatException(dev.name() + ": metadata text at offset " + (area.offset() + l.offset()) + " is too large (" + l.size() + " bytes).");
        byte[] text = new byte[(int) l.size()];
        long first = Math.min(l.size(), h.size() - l.offset());
        byte[] a = dev.read(area.offset() + l.offset(), (int) first);
        System.arraycopy(a, 0, text, 0, (int) first);
        if (first < l.size()) {
            byte[] rest = dev.read(area.offset() + MdaHeader.SIZE, (int) (l.size() - first));
            System.arraycopy(rest, 0, text, (int) first, rest.length);
        }
        int crc = LvmCrc.crc(text);
        if (crc != l.checksum())
            throw new FormatException("Checksum error on " + dev.name() + " at offset " + (area.offset() + l.offset()) + ".");
        int len = text.length;
        for (int i = 0; i < text.length; i++) if (text[i] == 0) { len = i; break; }
        return new String(text, 0, len, StandardCharsets.UTF_8);
    }

    /** Where LVM2 puts the next version after the committed one (docs/format.md §3). */
    public static long nextOffset(MdaHeader h) {
        RawLocn c = h.committed();
        if (c.isEmpty()) return MdaHeader.SIZE;
        long oldLast;
        if (c.offset() + c.size() > h.size()) oldLast = c.offset() + c.size() - h.size() + MdaHeader.SIZE - 1;
        else oldLast = c.offset() + c.size() - 1;
        if (h.size() - oldLast < MdaHeader.SIZE) return MdaHeader.SIZE;
        long next = (oldLast + 1 + 511) / 512 * 512;
        if (next > h.size() - MdaHeader.SIZE) return MdaHeader.SIZE;
        return next;
    }

    /**
     * Step 1 of a commit: writes {@code text} plus its NUL at the next location, zero-filled to a sector
     * boundary, and returns the slot that points at it. The header is not touched.
     */
    public RawLocn writeText(MdaHeader h, byte[] textWithNul) throws IOException {
        if (textWithNul.length > maxTextSize())
            throw new FormatException("VG metadata too large for circular buffer in " + dev.name() + ".");
        long off = nextOffset(h);
        long size = h.size();
        int len = textWithNul.length;
        int first = (int) Math.min(len, size - off);
        // zero-fill to the next sector boundary, never past the end of the area (that would wrap onto old text)
        int firstPadded = (int) Math.min(size - off, (first + 511L) / 512 * 512);
        if (first == len) {
            dev.write(area.offset() + off, java.util.Arrays.copyOf(textWithNul, firstPadded));
        } else {
            dev.write(area.offset() + off, java.util.Arrays.copyOf(textWithNul, first));
            int rest = len - first;
            byte[] tail = new byte[(rest + 511) / 512 * 512];
            System.arraycopy(textWithNul, first, tail, 0, rest);
            dev.write(area.offset() + MdaHeader.SIZE, tail);
        }
        int flags = h.committed().flags();
        return new RawLocn(off, textWithNul.length, LvmCrc.crc(textWithNul), flags);
    }
}
