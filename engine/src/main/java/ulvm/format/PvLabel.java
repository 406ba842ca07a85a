package ulvm.format;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import ulvm.io.BlockDevice;

/**
 * The label sector: label_header, pv_header and its extension (docs/format.md §2).
 *
 * @param sector     the sector (0-3) the label sits in
 * @param uuid       the PV UUID, 32 characters without dashes
 * @param deviceSize the device size in bytes when the label was written
 */
public record PvLabel(int sector, String uuid, long deviceSize, List<DiskArea> dataAreas, List<DiskArea> metadataAreas,
                      int extVersion, int extFlags, List<DiskArea> bootloaderAreas) {
    public static final int SECTOR = 512;
    public static final int FLAG_USED = 1;
    private static final byte[] LABELONE = "LABELONE".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TYPE = "LVM2 001".getBytes(StandardCharsets.US_ASCII);

    public PvLabel {
        dataAreas = List.copyOf(dataAreas);
        metadataAreas = List.copyOf(metadataAreas);
        bootloaderAreas = List.copyOf(bootloaderAreas);
    }

    public long peStartBytes() {
        return dataAreas.isEmpty() ? 0 : dataAreas.get(0).offset();
    }

    public boolean inUse() { return (extFlags & FLAG_USED) != 0; }

    public PvLabel withFlags(int flags) {
        return new PvLabel(sector, uuid, deviceSize, dataAreas, metadataAreas, extVersion, flags, bootloaderAreas);
    }

    public PvLabel withDeviceSize(long size) {
        return new PvLabel(sector, uuid, size, dataAreas, metadataAreas, extVersion, extFlags, bootloaderAreas);
    }

    /** Finds the label in sectors 0-3; empty when there is none. Damage in a sector that says LABELONE is reported. */
    public static Optional<PvLabel> read(BlockDevice dev) throws IOException {
        if (dev.size() < 4 * SECTOR) return Optional.empty();
        byte[] head = dev.read(0, 4 * SECTOR);
        FormatException damage = null;
        for (int s = 0; s < 4; s++) {
            int base = s * SECTOR;
            if (!startsWith(head, base, LABELONE)) continue;
            try {
                return Optional.of(decode(head, base, s, dev.name()));
            } catch (FormatException e) {
                if (damage == null) damage = e;
            }
        }
        if (damage != null) throw damage;
        return Optional.empty();
    }

    static PvLabel decode(byte[] b, int base, int sector, String name) throws FormatException {
        ByteBuffer bb = ByteBuffer.wrap(b, base, SECTOR).slice().order(ByteOrder.LITTLE_ENDIAN);
        long sectorXl = bb.getLong(8);
        if (sectorXl != sector) throw new FormatException(name + ": label in sector " + sector + " claims sector " + sectorXl + ".");
        int crc = bb.getInt(16);
        int calc = LvmCrc.crc(b, base + 20, SECTOR - 20);
        if (crc != calc) throw new FormatException(String.format("%s: bad label checksum 0x%08x (expected 0x%08x).", name, crc, calc));
        if (!startsWith(b, base + 24, TYPE)) throw new FormatException(name + ": label type is not LVM2 001.");
        int off = bb.getInt(20);
        if (off < 32 || off > SECTOR - 80) throw new FormatException(name + ": bad pv_header offset " + off + ".");
        String uuid = new String(b, base + off, 32, StandardCharsets.US_ASCII);
        if (!Uuid.valid(uuid)) throw new FormatException(name + ": PV header holds an invalid UUID.");
        long devSize = bb.getLong(off + 32);
        int[] pos = {off + 40};
        List<DiskArea> data = readList(bb, pos, name);
        List<DiskArea> mdas = readList(bb, pos, name);
        int extVersion = 0, extFlags = 0;
        List<DiskArea> boot = List.of();
        if (pos[0] + 8 <= SECTOR) {
            extVersion = bb.getInt(pos[0]);
            extFlags = bb.getInt(pos[0] + 4);
            pos[0] += 8;
            if (extVersion != 0) boot = readList(bb, pos, name);
        }
        if (data.isEmpty()) throw new FormatException(name + ": PV header has no data area.");
        if (mdas.size() > 2) throw new FormatException(name + ": PV header lists more than two metadata areas.");
        return new PvLabel(sector, uuid, devSize, data, mdas, extVersion, extFlags, boot);
    }

    private static List<DiskArea> readList(ByteBuffer bb, int[] pos, String name) throws FormatException {
        List<DiskArea> out = new ArrayList<>();
        while (true) {
            if (pos[0] + 16 > SECTOR) throw new FormatException(name + ": PV header area list runs past the label sector.");
            long o = bb.getLong(pos[0]);
            long s = bb.getLong(pos[0] + 8);
            pos[0] += 16;
            if (o == 0) return out;
            if (o < 0 || s < 0) throw new FormatException(name + ": PV header area has a negative offset or size.");
            out.add(new DiskArea(o, s));
        }
    }

    /** The 512-byte label sector, CRC filled in. */
    public byte[] encode() {
        byte[] b = new byte[SECTOR];
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        bb.put(0, LABELONE);
        bb.putLong(8, sector);
        bb.putInt(20, 32);
        bb.put(24, TYPE);
        bb.put(32, uuid.getBytes(StandardCharsets.US_ASCII));
        bb.putLong(64, deviceSize);
        int p = 72;
        p = putList(bb, p, dataAreas);
        p = putList(bb, p, metadataAreas);
        bb.putInt(p, extVersion);
        bb.putInt(p + 4, extFlags);
        p += 8;
        if (extVersion != 0) putList(bb, p, bootloaderAreas);
        bb.putInt(16, LvmCrc.crc(b, 20, SECTOR - 20));
        return b;
    }

    private static int putList(ByteBuffer bb, int p, List<DiskArea> areas) {
        for (DiskArea a : areas) {
            bb.putLong(p, a.offset());
            bb.putLong(p + 8, a.size());
            p += 16;
        }
        return p + 16;
    }

    /** Writes the label sector. */
    public void write(BlockDevice dev) throws IOException {
        dev.write((long) sector * SECTOR, encode());
    }

    private static boolean startsWith(byte[] b, int off, byte[] prefix) {
        if (off + prefix.length > b.length) return false;
        for (int i = 0; i < prefix.length; i++) if (b[off + i] != prefix[i]) return false;
        return true;
    }
}
