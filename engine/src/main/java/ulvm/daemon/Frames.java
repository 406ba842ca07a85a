package ulvm.daemon;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The daemon protocol: frames of {type byte, u32 length, UTF-8 payload}. Client to daemon: 'A' (the command:
 * working directory and arguments, NUL-separated), 'Y' (an answer to a question). Daemon to client: 'O' and 'E'
 * (a line of standard output or error), 'Q' (a yes/no question), 'X' (the exit code, last).
 */
public final class Frames {
    public static final int MAX = 16 << 20;

    public record Frame(char type, String payload) {}

    private Frames() {}

    public static void write(DataOutputStream out, char type, String payload) throws IOException {
        byte[] b = payload.getBytes(StandardCharsets.UTF_8);
        synchronized (out) {
            out.writeByte(type);
            out.writeInt(b.length);
            out.write(b);
            out.flush();
        }
    }

    /** The next frame, or null at the end of the stream. */
    public static Frame read(DataInputStream in) throws IOException {
        int t = in.read();
        if (t < 0) return null;
        int len = in.readInt();
        if (len < 0 || len > MAX) throw new IOException("bad frame length " + len);
        byte[] b = in.readNBytes(len);
        if (b.length != len) throw new IOException("truncated frame");
        return new Frame((char) t, new String(b, StandardCharsets.UTF_8));
    }
}
