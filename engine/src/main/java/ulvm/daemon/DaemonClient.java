package ulvm.daemon;

import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Forwards a command to a running daemon and relays its output, questions and exit code. */
public final class DaemonClient {
    private DaemonClient() {}

    /** A connection if a daemon listens on {@code socket}; empty if none does (no file, or a dead one's). */
    public static Optional<SocketChannel> connect(Path socket) {
        if (!Files.exists(socket)) return Optional.empty();
        try {
            SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX);
            c.connect(UnixDomainSocketAddress.of(socket));
            return Optional.of(c);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Sends the command, prints what comes back, answers questions from {@code stdin}; returns the exit code. */
    public static int forward(SocketChannel c, Path cwd, List<String> args, java.io.PrintStream out, java.io.PrintStream err,
                              BufferedReader stdin) throws IOException {
        try (c) {
            DataInputStream in = new DataInputStream(Channels.newInputStream(c));
            DataOutputStream o = new DataOutputStream(Channels.newOutputStream(c));
            StringBuilder sb = new StringBuilder(cwd.toString());
            for (String a : args) sb.append('\0').append(a);
            Frames.write(o, 'A', sb.toString());
            while (true) {
                Frames.Frame f = Frames.read(in);
                if (f == null) {
                    err.println("  The ulvm daemon went away before the command finished.");
                    return 5;
                }
                switch (f.type()) {
                    case 'O' -> out.println(f.payload());
                    case 'E' -> err.println(f.payload());
                    case 'Q' -> {
                        out.flush();
                        err.print(f.payload() + "[y/n]: ");
                        err.flush();
                        String line = stdin == null ? null : stdin.readLine();
                        if (line == null) err.println("[n]");
                        Frames.write(o, 'Y', line == null ? "n" : line);
                    }
                    case 'X' -> {
                        out.flush();
                        return Integer.parseInt(f.payload().trim());
                    }
                    default -> throw new IOException("unexpected frame " + f.type());
                }
            }
        }
    }
}
