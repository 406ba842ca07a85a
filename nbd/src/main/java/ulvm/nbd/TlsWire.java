package ulvm.nbd;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;

/**
 * TLS over a blocking socket channel (unix or TCP) with an {@link SSLEngine}, after NBD_OPT_STARTTLS. Unwrap runs on
 * the reader thread, wrap under the write lock; SSLEngine allows the two at once.
 */
final class TlsWire implements Wire {
    private final SocketChannel channel;
    private final SSLEngine engine;
    private final Object writeLock = new Object();
    /** Network bytes buffered for one record at most (the largest TLS record is under 34 KiB). */
    private static final int MAX_RECORD = 1 << 20;
    /** Network bytes not yet unwrapped, and plaintext not yet read (both in write mode). */
    private ByteBuffer netIn, appIn;
    private ByteBuffer netOut;
    /** Set once the handshake is over: a post-handshake message the reader meets is answered from there. */
    private volatile boolean established;

    private TlsWire(SocketChannel channel, SSLEngine engine) {
        this.channel = channel;
        this.engine = engine;
        netIn = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
        netOut = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
    }

    /** Runs the server side of the handshake; client certificates are required when {@code verifyPeer}. */
    static TlsWire handshake(SocketChannel channel, SSLContext context, boolean verifyPeer) throws IOException {
        SSLEngine engine = context.createSSLEngine();
        engine.setUseClientMode(false);
        if (verifyPeer) engine.setNeedClientAuth(true);
        TlsWire wire = new TlsWire(channel, engine);
        engine.beginHandshake();
        wire.handshake();
        return wire;
    }

    private void handshake() throws IOException {
        while (true) {
            switch (engine.getHandshakeStatus()) {
                case NEED_WRAP -> wrap(ByteBuffer.allocate(0));
                case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> unwrap();
                case NEED_TASK -> runTasks();
                default -> {
                    established = true;
                    return;
                }
            }
        }
    }

    private void runTasks() {
        for (Runnable task; (task = engine.getDelegatedTask()) != null; ) task.run();
    }

    /** Unwraps one record (reading the network as needed) into {@link #appIn}. */
    private void unwrap() throws IOException {
        while (true) {
            netIn.flip();
            SSLEngineResult r;
            try {
                r = engine.unwrap(netIn, appIn);
            } finally {
                netIn.compact();
            }
            switch (r.getStatus()) {
                case OK -> {
                    if (r.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_TASK) runTasks();
                    if (established && engine.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_WRAP) {
                        wrap(ByteBuffer.allocate(0));
                    }
                    return;
                }
                case BUFFER_UNDERFLOW -> {
                    if (!netIn.hasRemaining()) {
                        if (netIn.capacity() >= MAX_RECORD) throw new SSLException("a TLS record is too large");
                        netIn = grow(netIn, engine.getSession().getPacketBufferSize());
                    }
                    if (channel.read(netIn) < 0) throw new EOFException("the client closed the connection");
                }
                case BUFFER_OVERFLOW -> appIn = grow(appIn, engine.getSession().getApplicationBufferSize());
                case CLOSED -> throw new EOFException("the client closed the TLS session");
            }
        }
    }

    private static ByteBuffer grow(ByteBuffer b, int atLeast) {
        ByteBuffer bigger = ByteBuffer.allocate(Math.max(b.capacity() * 2, b.position() + atLeast));
        return bigger.put(b.flip());
    }

    private void wrap(ByteBuffer... srcs) throws IOException {
        synchronized (writeLock) {
            do {
                netOut.clear();
                SSLEngineResult r = engine.wrap(srcs, netOut);
                switch (r.getStatus()) {
                    case BUFFER_OVERFLOW -> {
                        netOut = ByteBuffer.allocate(Math.max(netOut.capacity() * 2, engine.getSession().getPacketBufferSize()));
                        continue;
                    }
                    default -> { }
                }
                if (r.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_TASK) runTasks();
                netOut.flip();
                while (netOut.hasRemaining()) channel.write(netOut);
                if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
                    if (remaining(srcs)) throw new SSLException("the TLS session is closed");
                    return;
                }
            } while (remaining(srcs));
        }
    }

    private static boolean remaining(ByteBuffer[] srcs) {
        for (ByteBuffer b : srcs) if (b.hasRemaining()) return true;
        return false;
    }

    @Override public void readFully(ByteBuffer dst) throws IOException {
        while (dst.hasRemaining()) {
            if (appIn.position() == 0) {
                unwrap();
                continue;
            }
            appIn.flip();
            int n = Math.min(appIn.remaining(), dst.remaining());
            dst.put(appIn.slice(appIn.position(), n));
            appIn.position(appIn.position() + n).compact();
        }
    }

    @Override public void write(ByteBuffer... srcs) throws IOException {
        wrap(srcs);
    }

    /** Sends TLS close_notify, so that the client sees a clean end of the session rather than a cut. */
    @Override public void finish() {
        try {
            engine.closeOutbound();
            wrap(ByteBuffer.allocate(0));
        } catch (IOException | RuntimeException e) {
            // the client has gone already
        }
    }

    @Override public void close() {
        try {
            channel.close();
        } catch (IOException ignored) { }
    }
}
