package ulvm.daemon;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import ulvm.api.Console;

/**
 * Accepts forwarded commands on a UNIX socket (mode 0600), each connection in its own thread; the handler decides
 * what may run together (the daemon runs commands one at a time, except that a foreground pvmove waits for its copy
 * without holding the others up).
 */
public final class DaemonServer implements AutoCloseable {
    /** Runs one command: working directory, arguments, where its output goes. Returns the exit code. */
    public interface Handler { int run(Path cwd, List<String> args, Console console); }

    private final Path socket;
    private final ServerSocketChannel server;
    private final Handler handler;
    private final Thread thread;
    private volatile boolean closed;

    private DaemonServer(Path socket, ServerSocketChannel server, Handler handler) {
        this.socket = socket;
        this.server = server;
        this.handler = handler;
        this.thread = new Thread(this::loop, "ulvm-commands");
        this.thread.setDaemon(true);
    }

    public static DaemonServer start(Path socket, Handler handler) throws IOException {
        Files.createDirectories(socket.getParent());
        Files.deleteIfExists(socket); // a dead daemon's socket: the caller holds the daemon lock
        ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        s.bind(UnixDomainSocketAddress.of(socket));
        Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
        DaemonServer d = new DaemonServer(socket, s, handler);
        d.thread.start();
        return d;
    }

    private void loop() {
        while (!closed) {
            SocketChannel c;
            try {
                c = server.accept();
            } catch (IOException e) {
                if (closed) return;
                continue;
            }
            Thread t = new Thread(() -> {
                try (c) {
                    serve(c);
                } catch (IOException ignored) { // the client went away
                } catch (RuntimeException e) {
                    System.err.println("ulvm daemon: command failed: " + e);
                }
            }, "ulvm-command");
            t.setDaemon(true);
            t.start();
        }
    }

    private void serve(SocketChannel c) throws IOException {
        DataInputStream in = new DataInputStream(Channels.newInputStream(c));
        DataOutputStream out = new DataOutputStream(Channels.newOutputStream(c));
        Frames.Frame f = Frames.read(in);
        if (f == null || f.type() != 'A') return;
        List<String> parts = Arrays.asList(f.payload().split("\0", -1));
        Path cwd = Path.of(parts.get(0));
        List<String> args = parts.subList(1, parts.size());
        Console console = new Console() {
            @Override public void out(String line) { send('O', line); }
            @Override public void err(String line) { send('E', line); }
            @Override
            public boolean ask(String question) {
                send('Q', question);
                try {
                    Frames.Frame a = Frames.read(in);
                    return a != null && a.type() == 'Y' && a.payload().trim().toLowerCase().startsWith("y");
                } catch (IOException e) {
                    return false;
                }
            }

            private void send(char t, String s) {
                try {
                    Frames.write(out, t, s);
                } catch (IOException ignored) { // the client went away; the command still completes
                }
            }
        };
        int rc = handler.run(cwd, args, console);
        Frames.write(out, 'X', Integer.toString(rc));
    }

    public Path socket() { return socket; }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) { }
        try {
            Files.deleteIfExists(socket);
        } catch (IOException ignored) { }
    }
}
