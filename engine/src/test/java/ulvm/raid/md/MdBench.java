package ulvm.raid.md;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import ulvm.io.BlockDevice;

/**
 * A rough in-memory measure of the md data path's CPU cost (no disk): sequential 1 MiB and random 4 KiB writes and
 * reads per level, and degraded reads. Not a test; run with
 * {@code java -cp engine/target/classes:engine/target/test-classes:$(deps) ulvm.raid.md.MdBench}.
 */
public final class MdBench {
    private static final class Mem implements BlockDevice {
        final byte[] b;

        Mem(int size) { b = new byte[size]; }

        @Override public String name() { return "mem"; }

        @Override public long size() { return b.length; }

        @Override public void readFully(long pos, ByteBuffer dst) { dst.put(b, (int) pos, dst.remaining()); }

        @Override public void writeFully(long pos, ByteBuffer src) { src.get(b, (int) pos, src.remaining()); }

        @Override public void flush() { }

        @Override public void close() { }
    }

    public static void main(String[] args) throws IOException {
        int image = 64 << 20;
        String[] specs = {"raid0:3", "raid10:4", "raid5_ls:3", "raid5_ls:5", "raid6_zr:4", "raid6_zr:6"};
        for (int round = 0; round < 2; round++) {
            for (String spec : specs) {
                String[] p = spec.split(":");
                int n = Integer.parseInt(p[1]);
                List<BlockDevice> devs = new ArrayList<>();
                for (int i = 0; i < n; i++) devs.add(new Mem(image));
                MdArray a = new MdArray("b", MdLayout.of(p[0], n, 128, 2), devs, image, 2 << 20, WriteIntent.none(), null);
                long size = a.size();
                ByteBuffer mib = ByteBuffer.allocate(1 << 20);
                new Random(1).nextBytes(mib.array());
                long t0 = System.nanoTime();
                for (long at = 0; at + mib.capacity() <= size; at += mib.capacity()) a.writeFully(at, mib.clear());
                double seqW = size / 1048576.0 / ((System.nanoTime() - t0) / 1e9);
                t0 = System.nanoTime();
                for (long at = 0; at + mib.capacity() <= size; at += mib.capacity()) a.readFully(at, mib.clear());
                double seqR = size / 1048576.0 / ((System.nanoTime() - t0) / 1e9);
                Random r = new Random(2);
                ByteBuffer k4 = ByteBuffer.allocate(4096);
                int ops = 20000;
                t0 = System.nanoTime();
                for (int i = 0; i < ops; i++) a.writeFully((long) r.nextInt((int) (size / 4096)) * 4096, k4.clear());
                double rndW = ops / ((System.nanoTime() - t0) / 1e9);
                t0 = System.nanoTime();
                for (int i = 0; i < ops; i++) a.readFully((long) r.nextInt((int) (size / 4096)) * 4096, k4.clear());
                double rndR = ops / ((System.nanoTime() - t0) / 1e9);
                String degraded = "";
                if (!p[0].equals("raid0")) {
                    a.fail(0, new IOException("bench"));
                    t0 = System.nanoTime();
                    for (long at = 0; at + mib.capacity() <= size; at += mib.capacity()) a.readFully(at, mib.clear());
                    degraded = String.format(" degraded seq read %6.0f MiB/s", size / 1048576.0 / ((System.nanoTime() - t0) / 1e9));
                }
                if (round == 1)
                    System.out.printf("%-11s seq write %6.0f MiB/s  seq read %6.0f MiB/s  4k write %7.0f/s  4k read %7.0f/s%s%n", spec, seqW, seqR,
                            rndW, rndR, degraded);
            }
        }
    }
}
