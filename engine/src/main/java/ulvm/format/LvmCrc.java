package ulvm.format;

/** LVM2's CRC-32: reflected polynomial 0xEDB88320, start value 0xf597a6cf, no final inversion. */
public final class LvmCrc {
    public static final int INITIAL = 0xf597a6cf;
    private static final int[] TABLE = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int c = i;
            for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? (c >>> 1) ^ 0xEDB88320 : c >>> 1;
            TABLE[i] = c;
        }
    }

    private LvmCrc() {}

    public static int crc(byte[] b, int off, int len) {
        return update(INITIAL, b, off, len);
    }

    public static int crc(byte[] b) {
        return crc(b, 0, b.length);
    }

    public static int update(int crc, byte[] b, int off, int len) {
        for (int i = 0; i < len; i++) crc = TABLE[(crc ^ b[off + i]) & 0xff] ^ (crc >>> 8);
        return crc;
    }
}
