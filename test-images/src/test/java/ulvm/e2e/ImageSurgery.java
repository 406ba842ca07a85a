package ulvm.e2e;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.function.UnaryOperator;
import ulvm.format.DiskArea;
import ulvm.format.MdaHeader;
import ulvm.format.MetadataArea;
import ulvm.format.PvLabel;
import ulvm.format.RawLocn;
import ulvm.io.FileBlockDevice;

/**
 * Damage for PV images made by ulvm: raw byte flips, and metadata text rewritten with correct checksums (so that
 * only the parsers stand between hostile text and the engine). Tests use it to build their corpus at run time.
 */
public final class ImageSurgery {
    private ImageSurgery() {}

    /** Inverts the byte at {@code pos}. */
    public static void flip(Path img, long pos) throws IOException {
        try (FileChannel ch = FileChannel.open(img, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.allocate(1);
            ch.read(b, pos);
            b.put(0, (byte) ~b.get(0)).rewind();
            ch.write(b, pos);
        }
    }

    /** The first metadata area of the image as its label gives it. */
    public static DiskArea firstMda(Path img) throws IOException {
        try (FileBlockDevice d = FileBlockDevice.open(img, false)) {
            return PvLabel.read(d).orElseThrow().metadataAreas().get(0);
        }
    }

    /** Where the committed text of the first metadata area starts, from the start of the image. */
    public static long textOffset(Path img) throws IOException {
        try (FileBlockDevice d = FileBlockDevice.open(img, false)) {
            DiskArea a = PvLabel.read(d).orElseThrow().metadataAreas().get(0);
            return a.offset() + new MetadataArea(d, a).readHeader().committed().offset();
        }
    }

    /** The committed text of the first metadata area. */
    public static String text(Path img) throws IOException {
        try (FileBlockDevice d = FileBlockDevice.open(img, false)) {
            MetadataArea m = new MetadataArea(d, PvLabel.read(d).orElseThrow().metadataAreas().get(0));
            MdaHeader h = m.readHeader();
            return m.readText(h, h.committed());
        }
    }

    /** Commits {@code edit(old text)} to every metadata area of the image, checksums right. */
    public static void rewrite(Path img, UnaryOperator<String> edit) throws IOException {
        rewriteBytes(img, t -> edit.apply(t).getBytes(StandardCharsets.UTF_8));
    }

    public interface Edit { byte[] apply(String text) throws IOException; }

    /** As {@link #rewrite}, for text that is not valid UTF-8. */
    public static void rewriteBytes(Path img, Edit edit) throws IOException {
        try (FileBlockDevice d = FileBlockDevice.open(img, true)) {
            for (DiskArea a : PvLabel.read(d).orElseThrow().metadataAreas()) {
                MetadataArea m = new MetadataArea(d, a);
                MdaHeader h = m.readHeader();
                byte[] t = edit.apply(m.readText(h, h.committed()));
                commit(m, h, java.util.Arrays.copyOf(t, t.length + 1));
            }
        }
    }

    /**
     * Commits the current text again so that it wraps round the end of the ring: the committed slot is first moved
     * to the last sector, so LVM2's rule puts the next copy there.
     */
    public static long rewriteWrapped(Path img) throws IOException {
        try (FileBlockDevice d = FileBlockDevice.open(img, true)) {
            DiskArea a = PvLabel.read(d).orElseThrow().metadataAreas().get(0);
            MetadataArea m = new MetadataArea(d, a);
            MdaHeader h = m.readHeader();
            byte[] t = (m.readText(h, h.committed()) + "\0").getBytes(StandardCharsets.UTF_8);
            MdaHeader atEnd = h.withCommitted(new RawLocn(a.size() - 1024, 100, 0, 0));
            RawLocn l = m.writeText(atEnd, t);
            if (l.offset() + l.size() <= a.size()) throw new IllegalStateException("text did not wrap: " + l);
            m.writeHeader(h.withCommitted(l));
            return l.offset();
        }
    }

    /** Writes raw bytes (hostile, any size up to the ring) as the committed text, with a matching checksum. */
    public static void commit(MetadataArea m, MdaHeader h, byte[] textWithNul) throws IOException {
        long off = MdaHeader.SIZE;
        m.device().write(m.area().offset() + off, textWithNul);
        m.writeHeader(h.withCommitted(new RawLocn(off, textWithNul.length, ulvm.format.LvmCrc.crc(textWithNul), 0)));
    }

    /** SHA-256 of the whole file (images are small and sparse). */
    public static String fingerprint(Path... files) throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (Path p : files) {
                try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
                    md.update(Long.toString(ch.size()).getBytes(StandardCharsets.US_ASCII));
                    ByteBuffer b = ByteBuffer.allocate(1 << 20);
                    while (ch.read(b) > 0) {
                        md.update(b.flip());
                        b.clear();
                    }
                }
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
