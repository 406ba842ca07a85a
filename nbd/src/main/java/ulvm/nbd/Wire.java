package ulvm.nbd;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * The byte stream of one connection, plain or TLS. Reads come from the connection's reader thread only; writes from
 * any thread, each {@link #write} call going out whole.
 */
interface Wire extends AutoCloseable {
    /** Fills {@code dst}; EOFException when the peer closed first. */
    void readFully(ByteBuffer dst) throws IOException;

    /** Writes every buffer, in order, as one unit against other writers. */
    void write(ByteBuffer... srcs) throws IOException;

    /** Ends the session cleanly after the last reply (TLS: close_notify); {@link #close} follows. */
    default void finish() { }

    @Override void close();

    /** A plain socket channel in blocking mode. */
    final class Plain implements Wire {
        private final SocketChannel channel;
        private final Object writeLock = new Object();

        Plain(SocketChannel channel) { this.channel = channel; }

        SocketChannel channel() { return channel; }

        @Override public void readFully(ByteBuffer dst) throws IOException {
            while (dst.hasRemaining()) {
                if (channel.read(dst) < 0) throw new EOFException("the client closed the connection");
            }
        }

        @Override public void write(ByteBuffer... srcs) throws IOException {
            synchronized (writeLock) {
                // one writev for a reply's header and data: the client wakes once, not once per piece
                for (int first = 0; first < srcs.length; ) {
                    channel.write(srcs, first, srcs.length - first);
                    while (first < srcs.length && !srcs[first].hasRemaining()) first++;
                }
            }
        }

        @Override public void close() {
            try {
                channel.close();
            } catch (IOException ignored) { }
        }
    }
}
