package ulvm.nbd;

import static org.junit.jupiter.api.Assertions.*;
import static ulvm.nbd.Protocol.*;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Negotiation details checked with a raw client: option errors, NO_ZEROES, meta contexts, mandatory TLS. */
class NegotiationTest {
    @TempDir Path dir;

    @Test void unknownAndMalformedOptionsAreAnsweredAndTheClientGoesOn() throws Exception {
        try (ServerFixture f = new ServerFixture(dir); RawClient c = new RawClient(f.socket)) {
            assertEquals(FLAG_FIXED_NEWSTYLE | FLAG_NO_ZEROES, c.hello(FLAG_FIXED_NEWSTYLE | FLAG_NO_ZEROES));
            c.option(99, ByteBuffer.allocate(3));
            assertEquals(REP_ERR_UNSUP, c.optReply().type());
            c.option(OPT_LIST, ByteBuffer.allocate(1));
            assertEquals(REP_ERR_INVALID, c.optReply().type());
            c.option(OPT_GO, ByteBuffer.allocate(4).putInt(1000).flip());
            assertEquals(REP_ERR_INVALID, c.optReply().type(), "a name longer than the option");
            c.option(OPT_STARTTLS, ByteBuffer.allocate(0));
            assertEquals(REP_ERR_UNSUP, c.optReply().type(), "no TLS configured");
            assertEquals(REP_ERR_UNKNOWN, c.go("vg/none").get(0).type());
            c.option(OPT_LIST, ByteBuffer.allocate(0));
            RawClient.OptReply r = c.optReply();
            assertEquals(REP_SERVER, r.type());
            assertEquals(5, r.data().getInt());
            assertEquals("vg/lvtest export vg/lv", r.text().substring(4));
        }
    }

    @Test void metaContextsAreListedAndSetOnlyWithStructuredReplies() throws Exception {
        try (ServerFixture f = new ServerFixture(dir); RawClient c = new RawClient(f.socket)) {
            c.hello(FLAG_FIXED_NEWSTYLE);
            assertEquals(List.of("base:allocation", "qemu:dirty-bitmap:track"), contexts(c, OPT_LIST_META_CONTEXT));
            assertEquals(List.of("qemu:dirty-bitmap:track"), contexts(c, OPT_LIST_META_CONTEXT, "qemu:"));
            c.option(OPT_SET_META_CONTEXT, metaQuery("vg/lv", "base:allocation"));
            assertEquals(REP_ERR_INVALID, c.optReply().type());
            c.option(OPT_STRUCTURED_REPLY, ByteBuffer.allocate(0));
            assertEquals(REP_ACK, c.optReply().type());
            assertEquals(List.of("base:allocation"), contexts(c, OPT_SET_META_CONTEXT, "base:allocation", "nope:x"));
        }
    }

    @Test void exportNameSendsZeroesUnlessNoZeroesAndSimpleRepliesFollow() throws Exception {
        try (ServerFixture f = new ServerFixture(dir)) {
            for (boolean noZeroes : new boolean[] {false, true}) {
                try (RawClient c = new RawClient(f.socket)) {
                    c.hello(FLAG_FIXED_NEWSTYLE | (noZeroes ? FLAG_NO_ZEROES : 0));
                    c.option(OPT_EXPORT_NAME, ByteBuffer.wrap("vg/ro".getBytes()));
                    ByteBuffer b = c.read(noZeroes ? 10 : 134);
                    assertEquals(ServerFixture.SIZE, b.getLong());
                    int flags = b.getShort();
                    assertEquals(FLAG_HAS_FLAGS | FLAG_READ_ONLY, flags & (FLAG_HAS_FLAGS | FLAG_READ_ONLY | FLAG_SEND_TRIM));
                    c.request(0, CMD_READ, 7, 4096, 512);
                    RawClient.Reply r = c.simpleReply();
                    assertEquals(new RawClient.Reply(SIMPLE_REPLY_MAGIC, 0, 7), r);
                    assertEquals(ByteBuffer.wrap(ServerFixture.bytes(f.ro, 4096, 512)), c.read(512));
                    c.request(0, CMD_WRITE, 8, 0, 4, ByteBuffer.allocate(4));
                    assertEquals(new RawClient.Reply(SIMPLE_REPLY_MAGIC, EPERM, 8), c.simpleReply());
                    c.request(0, CMD_READ, 9, 0, MAX_PAYLOAD + 1);
                    assertEquals(EINVAL, c.simpleReply().error(), "too long a read without structured replies");
                    c.request(0, CMD_BLOCK_STATUS, 10, 0, 4096);
                    assertEquals(EINVAL, c.simpleReply().error(), "no meta context");
                    c.request(0, 77, 11, 0, 0);
                    assertEquals(EINVAL, c.simpleReply().error(), "unknown command");
                    c.request(0, CMD_DISC, 12, 0, 0);
                    assertTrue(c.closedByServer());
                }
            }
        }
    }

    @Test void structuredRepliesCarryErrorsAndBlockStatus() throws Exception {
        try (ServerFixture f = new ServerFixture(dir); RawClient c = new RawClient(f.socket)) {
            c.hello(FLAG_FIXED_NEWSTYLE | FLAG_NO_ZEROES);
            c.option(OPT_STRUCTURED_REPLY, ByteBuffer.allocate(0));
            assertEquals(REP_ACK, c.optReply().type());
            assertEquals(List.of("base:allocation"), contexts(c, OPT_SET_META_CONTEXT, "base:allocation"));
            List<RawClient.OptReply> go = c.go("vg/lv");
            assertEquals(REP_ACK, go.get(go.size() - 1).type());
            int flags = go.get(0).data().getShort(10);
            assertEquals(FLAG_SEND_DF, flags & FLAG_SEND_DF);

            c.request(0, CMD_READ, 1, 0, MAX_PAYLOAD + 1);
            ByteBuffer h = c.read(20);
            assertEquals(STRUCTURED_REPLY_MAGIC, h.getInt());
            assertEquals(REPLY_FLAG_DONE, h.getShort());
            assertEquals(REPLY_TYPE_ERROR, h.getShort() & 0xffff);
            assertEquals(1, h.getLong());
            ByteBuffer e = c.read(h.getInt());
            assertEquals(EOVERFLOW, e.getInt());

            c.request(CMD_FLAG_REQ_ONE, CMD_BLOCK_STATUS, 2, 512 << 10, 2 << 20);
            h = c.read(20);
            h.getInt();
            assertEquals(REPLY_FLAG_DONE, h.getShort());
            assertEquals(REPLY_TYPE_BLOCK_STATUS, h.getShort());
            assertEquals(2, h.getLong());
            ByteBuffer bs = c.read(h.getInt());
            assertEquals(12, bs.remaining(), "one extent with REQ_ONE");
            assertEquals(0, f.log.size(), f.log.toString());
            assertEquals(1, bs.getInt());
            assertEquals(512 << 10, bs.getInt());
            assertEquals(0, bs.getInt());
        }
    }

    @Test void withTlsEveryOptionButStartTlsIsRefused() throws Exception {
        Certs certs = new Certs(dir, false);
        try (ServerFixture f = new ServerFixture(dir, NbdTls.fromCredsDir(certs.server, false), false, false, List.of())) {
            try (RawClient c = new RawClient(f.socket)) {
                c.hello(FLAG_FIXED_NEWSTYLE);
                c.option(OPT_LIST, ByteBuffer.allocate(0));
                assertEquals(REP_ERR_TLS_REQD, c.optReply().type());
                assertEquals(REP_ERR_TLS_REQD, c.go("vg/lv").get(0).type());
                c.option(OPT_EXPORT_NAME, ByteBuffer.wrap("vg/lv".getBytes()));
                assertTrue(c.closedByServer(), "EXPORT_NAME cannot be refused but by closing");
            }
            try (RawClient c = new RawClient(f.socket)) {
                c.hello(0);
                assertTrue(c.closedByServer(), "TLS needs fixed newstyle");
            }
            try (RawClient c = new RawClient(f.socket)) {
                c.hello(FLAG_FIXED_NEWSTYLE);
                c.option(OPT_ABORT, ByteBuffer.allocate(0));
                assertEquals(REP_ACK, c.optReply().type());
                assertTrue(c.closedByServer());
            }
            assertEquals(0, f.exports.open.get());
        }
    }

    static ByteBuffer metaQuery(String export, String... queries) {
        ByteBuffer name = RawClient.string(export);
        ByteBuffer b = ByteBuffer.allocate(1024).put(name).putInt(queries.length);
        for (String q : queries) b.put(RawClient.string(q));
        return b.flip();
    }

    private static List<String> contexts(RawClient c, int option, String... queries) throws Exception {
        c.option(option, metaQuery("vg/lv", queries));
        List<String> out = new java.util.ArrayList<>();
        for (RawClient.OptReply r; (r = c.optReply()).type() == REP_META_CONTEXT; ) {
            int id = r.data().getInt();
            assertEquals(option == OPT_SET_META_CONTEXT, id != 0);
            out.add(r.text().substring(4));
        }
        return out;
    }
}
