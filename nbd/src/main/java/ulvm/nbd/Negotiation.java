package ulvm.nbd;

import static ulvm.nbd.Protocol.*;

import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;

/**
 * The fixed newstyle handshake and option haggling of one connection, up to the start of transmission. With TLS
 * configured it is mandatory: every option but STARTTLS and ABORT is refused with NBD_REP_ERR_TLS_REQD until then.
 */
final class Negotiation {
    private final Exports exports;
    private final SSLContext tls;
    private final boolean verifyPeer;
    private final SocketChannel channel;
    private final Consumer<String> log;
    private final String peer;
    private Wire wire;
    private boolean tlsActive, structured, noZeroes;
    /** The export the selected contexts were set for, and the contexts. */
    private String contextExport;
    private List<String> contexts = List.of();

    Negotiation(Wire wire, SocketChannel channel, Exports exports, SSLContext tls, boolean verifyPeer,
            Consumer<String> log, String peer) {
        this.wire = wire;
        this.channel = channel;
        this.exports = exports;
        this.tls = tls;
        this.verifyPeer = verifyPeer;
        this.log = log;
        this.peer = peer;
    }

    /** The wire in use: the TLS one after STARTTLS (closing it closes the connection). */
    Wire wire() { return wire; }

    /** Runs the handshake; the session to transmit on, or null when the connection is to be closed. */
    Session run() throws IOException {
        wire.write(ByteBuffer.allocate(18).putLong(NBDMAGIC).putLong(IHAVEOPT)
                .putShort((short) (FLAG_FIXED_NEWSTYLE | FLAG_NO_ZEROES)).flip());
        int clientFlags = Codec.read(wire, 4).getInt();
        if ((clientFlags & ~(FLAG_FIXED_NEWSTYLE | FLAG_NO_ZEROES)) != 0) {
            log.accept("nbd: " + peer + ": unknown client flags 0x" + Integer.toHexString(clientFlags) + ", closed");
            return null;
        }
        noZeroes = (clientFlags & FLAG_NO_ZEROES) != 0;
        if (tls != null && (clientFlags & FLAG_FIXED_NEWSTYLE) == 0) {
            log.accept("nbd: " + peer + ": the client cannot do fixed newstyle, so no TLS, closed");
            return null;
        }
        for (int n = 0; n < MAX_OPTIONS; n++) {
            ByteBuffer head = Codec.read(wire, 16);
            long magic = head.getLong();
            int option = head.getInt(), length = head.getInt();
            if (magic != IHAVEOPT) {
                log.accept("nbd: " + peer + ": bad option magic, closed");
                return null;
            }
            if (length < 0 || length > MAX_OPTION) {
                log.accept("nbd: " + peer + ": option " + option + " of " + Integer.toUnsignedString(length)
                        + " bytes is too long, closed");
                return null;
            }
            ByteBuffer data = Codec.read(wire, length);
            if (tls != null && !tlsActive && option != OPT_STARTTLS && option != OPT_ABORT) {
                if (option == OPT_EXPORT_NAME) return null;
                reply(option, REP_ERR_TLS_REQD, "TLS is required: start it with NBD_OPT_STARTTLS");
                continue;
            }
            try {
                Session session = option(option, data);
                if (session != null) return session;
            } catch (Codec.ProtocolException | BufferUnderflowException e) {
                reply(option, REP_ERR_INVALID, e.getMessage() == null ? "malformed option" : e.getMessage());
            } catch (Closing e) {
                return null;
            }
        }
        log.accept("nbd: " + peer + ": too many options, closed");
        return null;
    }

    /** Thrown by an option after which the connection ends (ABORT, EXPORT_NAME of no export). */
    private static final class Closing extends Exception {
        Closing() { super(null, null, false, false); }
    }

    private Session option(int option, ByteBuffer data) throws IOException, Codec.ProtocolException, Closing {
        switch (option) {
            case OPT_ABORT -> {
                try {
                    reply(option, REP_ACK, null);
                } catch (IOException ignored) {
                    // the client may close without reading the acknowledgement
                }
                throw new Closing();
            }
            case OPT_EXPORT_NAME -> { return exportName(Codec.string(data, data.remaining())); }
            case OPT_LIST -> list(data);
            case OPT_STARTTLS -> startTls(data);
            case OPT_INFO, OPT_GO -> { return infoOrGo(option, data); }
            case OPT_STRUCTURED_REPLY -> {
                if (data.hasRemaining()) throw new Codec.ProtocolException("NBD_OPT_STRUCTURED_REPLY takes no data");
                if (structured) {
                    reply(option, REP_ERR_INVALID, "structured replies are already negotiated");
                } else {
                    structured = true;
                    reply(option, REP_ACK, null);
                }
            }
            case OPT_LIST_META_CONTEXT, OPT_SET_META_CONTEXT -> metaContext(option, data);
            default -> reply(option, REP_ERR_UNSUP, "option " + option + " is not supported");
        }
        return null;
    }

    private Session exportName(String name) throws IOException, Closing {
        Export export = open(name);
        if (export == null) {
            log.accept("nbd: " + peer + ": no export \"" + name + "\", closed");
            throw new Closing();
        }
        try {
            int flags = Session.flags(export, structured);
            ByteBuffer b = ByteBuffer.allocate(10 + (noZeroes ? 0 : 124)).putLong(export.volume().size())
                    .putShort((short) flags);
            wire.write(b.position(b.limit()).flip());
        } catch (IOException | RuntimeException e) {
            export.close();
            throw e;
        }
        return new Session(wire, name, export, structured, name.equals(contextExport) ? contexts : List.of());
    }

    private void list(ByteBuffer data) throws IOException, Codec.ProtocolException {
        if (data.hasRemaining()) throw new Codec.ProtocolException("NBD_OPT_LIST takes no data");
        for (String name : exports.names()) {
            byte[] n = Codec.utf8(name);
            String d = exports.description(name);
            byte[] desc = d == null ? new byte[0] : Codec.utf8(d);
            reply(OPT_LIST, REP_SERVER, ByteBuffer.allocate(4 + n.length + desc.length).putInt(n.length).put(n).put(desc).flip());
        }
        reply(OPT_LIST, REP_ACK, null);
    }

    private void startTls(ByteBuffer data) throws IOException, Codec.ProtocolException, Closing {
        if (data.hasRemaining()) throw new Codec.ProtocolException("NBD_OPT_STARTTLS takes no data");
        if (tls == null) {
            reply(OPT_STARTTLS, REP_ERR_UNSUP, "TLS is not configured");
            return;
        }
        if (tlsActive) {
            reply(OPT_STARTTLS, REP_ERR_INVALID, "TLS is already started");
            return;
        }
        reply(OPT_STARTTLS, REP_ACK, null);
        try {
            wire = TlsWire.handshake(channel, tls, verifyPeer);
        } catch (IOException e) {
            log.accept("nbd: " + peer + ": TLS handshake failed: " + e.getMessage());
            throw new Closing();
        }
        tlsActive = true;
        structured = false;
        contexts = List.of();
        contextExport = null;
    }

    private Session infoOrGo(int option, ByteBuffer data) throws IOException, Codec.ProtocolException {
        String name = Codec.string(data, data.getInt());
        int count = Short.toUnsignedInt(data.getShort());
        if (data.remaining() != 2 * count) throw new Codec.ProtocolException("the information requests do not add up");
        List<Integer> requests = new ArrayList<>();
        for (int i = 0; i < count; i++) requests.add(Short.toUnsignedInt(data.getShort()));
        Export export = open(name);
        if (export == null) {
            reply(option, REP_ERR_UNKNOWN, "no export \"" + name + "\"");
            return null;
        }
        boolean go = option == OPT_GO;
        try {
            int flags = Session.flags(export, structured);
            reply(option, REP_INFO, ByteBuffer.allocate(12).putShort((short) INFO_EXPORT)
                    .putLong(export.volume().size()).putShort((short) flags).flip());
            if (requests.contains(INFO_NAME)) reply(option, REP_INFO, info(INFO_NAME, name));
            String description = exports.description(name);
            if (requests.contains(INFO_DESCRIPTION) && description != null) {
                reply(option, REP_INFO, info(INFO_DESCRIPTION, description));
            }
            reply(option, REP_INFO, ByteBuffer.allocate(14).putShort((short) INFO_BLOCK_SIZE).putInt(MIN_BLOCK)
                    .putInt(PREFERRED_BLOCK).putInt(MAX_PAYLOAD).flip());
            reply(option, REP_ACK, null);
        } catch (IOException | RuntimeException e) {
            export.close();
            throw e;
        }
        if (!go) {
            export.close();
            return null;
        }
        return new Session(wire, name, export, structured, name.equals(contextExport) ? contexts : List.of());
    }

    private static ByteBuffer info(int type, String s) {
        byte[] b = Codec.utf8(s);
        return ByteBuffer.allocate(2 + b.length).putShort((short) type).put(b).flip();
    }

    private void metaContext(int option, ByteBuffer data) throws IOException, Codec.ProtocolException {
        String name = Codec.string(data, data.getInt());
        int count = data.getInt();
        List<String> queries = new ArrayList<>();
        for (int i = 0; i < count; i++) queries.add(Codec.string(data, data.getInt()));
        if (data.hasRemaining()) throw new Codec.ProtocolException("the queries do not add up");
        boolean set = option == OPT_SET_META_CONTEXT;
        if (set && !structured) {
            reply(option, REP_ERR_INVALID, "structured replies are not negotiated");
            return;
        }
        Export export = open(name);
        if (export == null) {
            reply(option, REP_ERR_UNKNOWN, "no export \"" + name + "\"");
            return;
        }
        List<String> chosen;
        try {
            chosen = MetaContexts.pick(MetaContexts.offered(export), queries, set);
        } finally {
            export.close();
        }
        for (int i = 0; i < chosen.size(); i++) {
            byte[] b = Codec.utf8(chosen.get(i));
            reply(option, REP_META_CONTEXT, ByteBuffer.allocate(4 + b.length).putInt(set ? i + 1 : 0).put(b).flip());
        }
        if (set) {
            contexts = List.copyOf(chosen);
            contextExport = name;
        }
        reply(option, REP_ACK, null);
    }

    private Export open(String name) {
        try {
            return exports.open(name);
        } catch (IOException | RuntimeException e) {
            log.accept("nbd: " + peer + ": cannot open export \"" + name + "\": " + e.getMessage());
            return null;
        }
    }

    private void reply(int option, int type, Object payload) throws IOException {
        ByteBuffer data = payload instanceof ByteBuffer b ? b
                : payload == null ? ByteBuffer.allocate(0) : ByteBuffer.wrap(Codec.utf8(payload.toString()));
        ByteBuffer head = ByteBuffer.allocate(20).putLong(OPT_REPLY_MAGIC).putInt(option).putInt(type)
                .putInt(data.remaining()).flip();
        wire.write(head, data);
    }
}
