package ulvm.thin;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.function.Consumer;
import ulvm.io.BlockDevice;

/**
 * LVM2's check of a pool's metadata before the pool is activated (dev_manager.c _thin_pool_callback): metadata never
 * formatted (an empty header) is not checked; otherwise {@code thin_check -q --clear-needs-check-flag} runs on it (here
 * on a copy, whose cleared superblock is written back), and a failure keeps the pool inactive with LVM2's words. A
 * missing thin_check is warned about, as LVM2 does, and the pool is activated.
 */
public final class ThinCheck {
    /** LVM2's global/thin_check_executable. */
    public static final String EXECUTABLE = "/usr/sbin/thin_check";

    private ThinCheck() {}

    /** Checks {@code meta}, the metadata LV of pool {@code vgPool} ("vg/pool"). */
    public static void beforeActivation(BlockDevice meta, String vgPool, Consumer<String> warn) throws IOException {
        byte[] head = new byte[64];
        meta.readFully(0, ByteBuffer.wrap(head));
        if (Arrays.equals(head, new byte[64])) return; // metadata checking skipped, empty disk header
        if (!Files.isExecutable(Path.of(EXECUTABLE))) {
            warn.accept("WARNING: Check is skipped, please install recommended missing binary " + EXECUTABLE + "!");
            return;
        }
        Path copy = Files.createTempFile("ulvm-tmeta-", ".bin");
        try {
            byte[] sb = new byte[4096];
            meta.readFully(0, ByteBuffer.wrap(sb));
            try (FileChannel out = FileChannel.open(copy, StandardOpenOption.WRITE)) {
                ByteBuffer b = ByteBuffer.allocate(1 << 20);
                for (long at = 0; at < meta.size(); at += b.capacity()) {
                    b.clear().limit((int) Math.min(b.capacity(), meta.size() - at));
                    meta.readFully(at, b);
                    b.flip();
                    while (b.hasRemaining()) out.write(b, at + b.position());
                }
            }
            Process p = new ProcessBuilder(EXECUTABLE, "-q", "--clear-needs-check-flag", copy.toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            int status;
            try {
                status = p.waitFor();
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException("thin_check of " + vgPool + " interrupted");
            }
            if (status != 0) throw new IOException("Check of pool " + vgPool + " failed (status:" + status + "). Manual repair required!");
            byte[] after = new byte[4096];
            try (FileChannel in = FileChannel.open(copy, StandardOpenOption.READ)) {
                in.read(ByteBuffer.wrap(after), 0);
            }
            if (!Arrays.equals(sb, after)) { // the needs-check flag was cleared
                meta.writeFully(0, ByteBuffer.wrap(after));
                meta.flush();
            }
        } finally {
            Files.deleteIfExists(copy);
        }
    }
}
