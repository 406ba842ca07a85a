package ulvm.nbd;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/** One listening socket: {@code unix:PATH} (a 0600 socket file, removed at close) or {@code tcp:ADDR:PORT}. */
final class Listener implements AutoCloseable {
    private final ServerSocketChannel server;
    private final Path socketFile;
    private final String address;

    private Listener(ServerSocketChannel server, Path socketFile, String address) {
        this.server = server;
        this.socketFile = socketFile;
        this.address = address;
    }

    /** The address as bound: {@code unix:PATH}, or {@code tcp:ADDR:PORT} with the port chosen for port 0. */
    String address() { return address; }

    boolean tcp() { return socketFile == null; }

    /** The next client; over TCP with Nagle off, so a small reply is not held back waiting for a delayed ACK. */
    SocketChannel accept() throws IOException {
        SocketChannel c = server.accept();
        if (c != null && tcp()) c.setOption(java.net.StandardSocketOptions.TCP_NODELAY, true);
        return c;
    }

    /** Binds {@code spec}; the IOException says which address failed and why. */
    static Listener open(String spec) throws IOException {
        try {
            return bind(spec);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IOException("cannot listen on " + spec + ": no such directory", e);
        } catch (IOException e) {
            throw new IOException("cannot listen on " + spec + ": " + e.getMessage(), e);
        }
    }

    private static Listener bind(String spec) throws IOException {
        if (spec.startsWith("unix:") && spec.length() > 5) return unix(Path.of(spec.substring(5)).toAbsolutePath());
        if (spec.startsWith("tcp:")) {
            String rest = spec.substring(4);
            int colon = rest.lastIndexOf(':');
            if (colon > 0) {
                String host = rest.substring(0, colon);
                if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
                int port;
                try {
                    port = Integer.parseInt(rest.substring(colon + 1));
                } catch (NumberFormatException e) {
                    port = -1;
                }
                if (port >= 0 && port <= 65535) return tcp(host, rest.substring(0, colon), port);
            }
        }
        throw new IOException("not an NBD address (unix:PATH or tcp:ADDR:PORT)");
    }

    /** Binds {@code host:port}; the address keeps {@code written} (the host as given, IPv6 in brackets). */
    private static Listener tcp(String host, String written, int port) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open();
        try {
            server.setOption(java.net.StandardSocketOptions.SO_REUSEADDR, true);
            InetSocketAddress at = new InetSocketAddress(host, port);
            if (at.isUnresolved()) throw new IOException("unknown host \"" + host + "\"");
            server.bind(at, 64);
            InetSocketAddress bound = (InetSocketAddress) server.getLocalAddress();
            return new Listener(server, null, "tcp:" + written + ":" + bound.getPort());
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
        }
    }

    /**
     * Binds in a fresh 0700 directory beside {@code path}, makes the socket 0600 there and renames it into place, so
     * that nobody else can connect in between. A stale socket file nobody listens on is replaced.
     */
    private static Listener unix(Path path) throws IOException {
        if (Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            boolean live;
            try (SocketChannel probe = SocketChannel.open(UnixDomainSocketAddress.of(path))) {
                live = true;
            } catch (IOException e) {
                live = false;
            }
            if (live) throw new IOException("the socket is in use by another server");
            if (!Files.readAttributes(path, java.nio.file.attribute.BasicFileAttributes.class, java.nio.file.LinkOption.NOFOLLOW_LINKS).isOther()) throw new IOException("the path exists and is not a socket");
            Files.delete(path);
        }
        Path dir = Files.createTempDirectory(path.getParent(), ".nbd",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path tmp = dir.resolve("s");
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            server.bind(UnixDomainSocketAddress.of(tmp), 64);
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            server.close();
            Files.deleteIfExists(tmp);
            throw e;
        } finally {
            Files.deleteIfExists(dir);
        }
        return new Listener(server, path, "unix:" + path);
    }

    @Override public void close() {
        try {
            server.close();
        } catch (IOException ignored) { }
        try {
            if (socketFile != null) Files.deleteIfExists(socketFile);
        } catch (IOException ignored) { }
    }
}
