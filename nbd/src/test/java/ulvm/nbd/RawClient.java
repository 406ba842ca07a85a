package ulvm.nbd;

import java.io.EOFException;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** A hand-driven NBD client for protocol details and hostile behaviour the real clients never show. */
final class RawClient implements AutoCloseable {
    final SocketChannel channel;

    record OptReply(int option, int type, ByteBuffer data) {
        String text() { return StandardCharsets.UTF_8.decode(data.duplicate().rewind()).toString(); }
    }

    record Reply(int magic, int error, long handle) { }

    RawClient(Path socket) throws IOException {
        channel = SocketChannel.open(UnixDomainSocketAddress.of(socket));
    }

    /** Reads the greeting (returning the handshake flags) and sends {@code clientFlags}. */
    int hello(int clientFlags) throws IOException {
        ByteBuffer b = read(18);
        if (b.getLong() != Protocol.NBDMAGIC || b.getLong() != Protocol.IHAVEOPT) throw new IOException("bad greeting");
        int flags = Short.toUnsignedInt(b.getShort());
        send(ByteBuffer.allocate(4).putInt(clientFlags).flip());
        return flags;
    }

    void option(int option, ByteBuffer data) throws IOException {
        send(ByteBuffer.allocate(16).putLong(Protocol.IHAVEOPT).putInt(option).putInt(data.remaining()).flip(), data);
    }

    OptReply optReply() throws IOException {
        ByteBuffer h = read(20);
        if (h.getLong() != Protocol.OPT_REPLY_MAGIC) throw new IOException("bad option reply magic");
        int option = h.getInt(), type = h.getInt(), length = h.getInt();
        return new OptReply(option, type, read(length));
    }

    /** Sends NBD_OPT_GO for {@code name} with no information requests; the replies up to the ACK or an error. */
    java.util.List<OptReply> go(String name) throws IOException {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        option(Protocol.OPT_GO, ByteBuffer.allocate(6 + n.length).putInt(n.length).put(n).putShort((short) 0).flip());
        java.util.List<OptReply> out = new java.util.ArrayList<>();
        OptReply r;
        do {
            out.add(r = optReply());
        } while (r.type() == Protocol.REP_INFO);
        return out;
    }

    static ByteBuffer string(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(4 + b.length).putInt(b.length).put(b).flip();
    }

    void request(int flags, int type, long handle, long offset, int length, ByteBuffer... payload) throws IOException {
        ByteBuffer h = ByteBuffer.allocate(28).putInt(Protocol.REQUEST_MAGIC).putShort((short) flags).putShort((short) type)
                .putLong(handle).putLong(offset).putInt(length).flip();
        ByteBuffer[] all = new ByteBuffer[payload.length + 1];
        all[0] = h;
        System.arraycopy(payload, 0, all, 1, payload.length);
        send(all);
    }

    /** A simple reply's header (the caller reads a read's data). */
    Reply simpleReply() throws IOException {
        ByteBuffer b = read(16);
        return new Reply(b.getInt(), b.getInt(), b.getLong());
    }

    void send(ByteBuffer... bufs) throws IOException {
        for (ByteBuffer b : bufs) while (b.hasRemaining()) channel.write(b);
    }

    ByteBuffer read(int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n);
        while (b.hasRemaining()) if (channel.read(b) < 0) throw new EOFException("closed by the server");
        return b.flip();
    }

    /** True when the server closes the connection (EOF) within 5 seconds; whatever it sends first is skipped. */
    boolean closedByServer() throws Exception {
        java.util.concurrent.CompletableFuture<Boolean> eof = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            ByteBuffer b = ByteBuffer.allocate(1 << 16);
            try {
                while (channel.read(b.clear()) >= 0) { }
            } catch (IOException e) {
                // reset by the server
            }
            return true;
        });
        try {
            return eof.get(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            channel.close();
            return false;
        }
    }

    @Override public void close() throws IOException { channel.close(); }
}
