package ulvm.nbd;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

/** A server on a unix socket in a temp dir, over two file exports: "vg/lv" (writable) and "vg/ro" (read-only). */
final class ServerFixture implements AutoCloseable {
    static final int SIZE = 4 << 20;

    final Path dir, socket, lv, ro;
    final FileExports exports = new FileExports();
    final List<String> log = new CopyOnWriteArrayList<>();
    final NbdServer server;

    ServerFixture(Path dir) throws IOException {
        this(dir, null, false, false, List.of());
    }

    ServerFixture(Path dir, javax.net.ssl.SSLContext tls, boolean verifyPeer, boolean insecure, List<String> more)
            throws IOException {
        this.dir = dir;
        this.socket = dir.resolve("nbd.sock");
        this.lv = image(dir.resolve("lv.img"), 1);
        this.ro = image(dir.resolve("ro.img"), 2);
        exports.add("vg/lv", lv, false).add("vg/ro", ro, true);
        List<String> listen = new java.util.ArrayList<>(List.of("unix:" + socket));
        listen.addAll(more);
        server = NbdServer.start(new NbdServer.Options(listen, tls, verifyPeer, insecure, 8, 8), exports,
                line -> log.add(line));
    }

    /** A file of {@link #SIZE} bytes: random data in its first and third MiB, zeros elsewhere. */
    static Path image(Path path, long seed) throws IOException {
        byte[] data = new byte[SIZE];
        byte[] mib = new byte[1 << 20];
        new Random(seed).nextBytes(mib);
        System.arraycopy(mib, 0, data, 0, mib.length);
        System.arraycopy(mib, 0, data, 2 << 20, mib.length);
        Files.write(path, data);
        return path;
    }

    static byte[] bytes(Path file, long offset, int length) throws IOException {
        try (FileChannel c = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer b = ByteBuffer.allocate(length);
            c.read(b, offset);
            return b.array();
        }
    }

    /** True once a log line contains {@code part} (the server logs after the client may have gone), within 5 s. */
    boolean logged(String part) throws InterruptedException {
        for (int i = 0; i < 500; i++) {
            if (log.stream().anyMatch(l -> l.contains(part))) return true;
            Thread.sleep(10);
        }
        return false;
    }

    String uri(String name) { return Clients.unixUri(name, socket); }

    @Override public void close() { server.close(); }
}
