package ulvm.raid.md;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import ulvm.io.BlockDevice;
import ulvm.io.FileBlockDevice;

/**
 * A rough measure of the {@link StripeJournal}'s cost: random 4 KiB writes to a raid5 of 3 images (64 KiB chunks) on
 * image files in {@code args[0]} (a directory on a real disk), healthy, degraded without the journal and degraded
 * with it, each with no flush and with a flush after every write. Not a test; run with
 * {@code java -cp engine/target/classes:engine/target/test-classes:$(deps) ulvm.raid.md.MdJournalBench DIR [SECONDS]}.
 */
public final class MdJournalBench {
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 5;
        int image = 256 << 20;
        for (int round = 0; round < 2; round++) {
            for (String mode : List.of("healthy", "degraded", "degraded+journal")) {
                for (boolean sync : new boolean[] {false, true}) {
                    List<BlockDevice> imgs = new ArrayList<>();
                    BlockDevice[] metas = new BlockDevice[3];
                    for (int i = 0; i < 3; i++) {
                        Path p = dir.resolve("img" + i);
                        Path m = dir.resolve("meta" + i);
                        if (!Files.exists(p)) Files.write(p, new byte[0]);
                        if (!Files.exists(m)) Files.write(m, new byte[0]);
                        try (var f = java.nio.channels.FileChannel.open(p, java.nio.file.StandardOpenOption.WRITE)) { f.truncate(image).write(ByteBuffer.allocate(1), image - 1); }
                        try (var f = java.nio.channels.FileChannel.open(m, java.nio.file.StandardOpenOption.WRITE)) { f.truncate(4 << 20).write(ByteBuffer.allocate(1), (4 << 20) - 1); }
                        imgs.add(i == 1 && !mode.equals("healthy") ? null : FileBlockDevice.open(p, true));
                        metas[i] = i == 1 && !mode.equals("healthy") ? null : FileBlockDevice.open(m, true);
                    }
                    MdArray a = new MdArray("b", MdLayout.of("raid5_ls", 3, 128, 2), imgs, image, 2 << 20, WriteIntent.none(), null);
                    if (mode.endsWith("journal")) a.useJournal(StripeJournal.of(metas, imgs, 64 << 10, a.regionCount()).orElseThrow());
                    Random r = new Random(2);
                    ByteBuffer k4 = ByteBuffer.allocate(4096);
                    long ops = 0;
                    long t0 = System.nanoTime();
                    long end = t0 + (long) (seconds * 1e9);
                    while (System.nanoTime() < end) {
                        a.writeFully((long) r.nextInt((int) (a.size() / 4096)) * 4096, k4.clear());
                        if (sync) a.flush();
                        ops++;
                    }
                    a.flush();
                    double iops = ops / ((System.nanoTime() - t0) / 1e9);
                    if (round == 1) System.out.printf("%-17s %-8s %8.0f writes/s%n", mode, sync ? "fsync" : "no sync", iops);
                    for (BlockDevice d : imgs) if (d != null) d.close();
                    for (BlockDevice d : metas) if (d != null) d.close();
                }
            }
        }
    }
}
