package ulvm.nbd;

import static org.junit.jupiter.api.Assertions.*;
import static ulvm.nbd.Protocol.*;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Garbage, oversized lengths and disconnects mid-request: that connection is closed, the server serves on. */
class HostileClientTest {
    @TempDir Path dir;

    private static void stillServes(ServerFixture f) throws Exception {
        Clients.run("qemu-img", "compare", "-f", "raw", "-F", "raw", f.uri("vg/ro"), f.ro.toString()).ok();
        for (int i = 0; i < 300 && f.exports.open.get() > 0; i++) Thread.sleep(10);
        assertEquals(0, f.exports.open.get(), "every export opened was closed");
    }

    private static RawClient transmitting(ServerFixture f, String name) throws Exception {
        RawClient c = new RawClient(f.socket);
        c.hello(FLAG_FIXED_NEWSTYLE | FLAG_NO_ZEROES);
        assertEquals(REP_ACK, c.go(name).get(2).type());
        return c;
    }

    @Test void garbageInsteadOfTheHandshake() throws Exception {
        try (ServerFixture f = new ServerFixture(dir)) {
            try (RawClient c = new RawClient(f.socket)) {
                c.read(18);
                c.send(ByteBuffer.wrap("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes()));
                assertTrue(c.closedByServer());
            }
            try (RawClient c = new RawClient(f.socket)) {
                c.hello(FLAG_FIXED_NEWSTYLE);
                c.send(ByteBuffer.allocate(16).putLong(0xdeadbeefL).putInt(OPT_GO).putInt(0).flip());
                assertTrue(c.closedByServer());
            }
            stillServes(f);
        }
    }

    @Test void anOversizedOptionClosesTheConnection() throws Exception {
        try (ServerFixture f = new ServerFixture(dir)) {
            for (int length : new int[] {MAX_OPTION + 1, 0x7fffffff, -1}) {
                try (RawClient c = new RawClient(f.socket)) {
                    c.hello(FLAG_FIXED_NEWSTYLE);
                    c.send(ByteBuffer.allocate(16).putLong(IHAVEOPT).putInt(OPT_LIST).putInt(length).flip());
                    assertTrue(c.closedByServer(), "length " + length);
                }
            }
            assertTrue(f.logged("too long"), f.log.toString());
            stillServes(f);
        }
    }

    @Test void anOversizedWriteOrGarbageRequestClosesTheConnection() throws Exception {
        try (ServerFixture f = new ServerFixture(dir)) {
            try (RawClient c = transmitting(f, "vg/lv")) {
                c.request(0, CMD_WRITE, 1, 0, MAX_PAYLOAD + 1);
                assertTrue(c.closedByServer());
            }
            try (RawClient c = transmitting(f, "vg/lv")) {
                c.send(ByteBuffer.allocate(28).putInt(0, 0x12345678));
                assertTrue(c.closedByServer());
            }
            stillServes(f);
        }
    }

    @Test void aDisconnectMidRequestLeavesTheExportClosedAndTheFileUntouched() throws Exception {
        try (ServerFixture f = new ServerFixture(dir)) {
            byte[] before = java.nio.file.Files.readAllBytes(f.lv);
            RawClient c = transmitting(f, "vg/lv");
            c.request(0, CMD_WRITE, 1, 0, 1 << 20, ByteBuffer.allocate(1000));
            c.close();
            RawClient half = new RawClient(f.socket);
            half.hello(FLAG_FIXED_NEWSTYLE);
            half.send(ByteBuffer.allocate(10).putLong(IHAVEOPT).flip());
            half.close();
            stillServes(f);
            assertArrayEquals(before, java.nio.file.Files.readAllBytes(f.lv));
        }
    }

    @Test void garbageInsteadOfATlsHandshake() throws Exception {
        Certs certs = new Certs(dir, false);
        try (ServerFixture f = new ServerFixture(dir, NbdTls.fromCredsDir(certs.server, false), false, false, List.of())) {
            try (RawClient c = new RawClient(f.socket)) {
                c.hello(FLAG_FIXED_NEWSTYLE);
                c.option(OPT_STARTTLS, ByteBuffer.allocate(0));
                assertEquals(REP_ACK, c.optReply().type());
                c.send(ByteBuffer.wrap(new byte[] {0x16, 0x03, 0x01, 0x7f, (byte) 0xff, 1, 2, 3, 4, 5, 6, 7, 8}));
                c.send(ByteBuffer.allocate(40000));
                assertTrue(c.closedByServer());
            }
            assertTrue(f.logged("TLS handshake failed"), f.log.toString());
            Clients.run("nbdinfo", "--size", "nbds+unix:///vg%2Fro?socket=" + f.socket + "&tls-certificates="
                    + certs.caOnly).ok();
        }
    }

    @Test void aClientThatNeverNegotiatesIsClosedAfterTheTimeout() throws Exception {
        long before = Connection.negotiationTimeoutMillis;
        Connection.negotiationTimeoutMillis = 300;
        try (ServerFixture f = new ServerFixture(dir); RawClient c = new RawClient(f.socket)) {
            c.hello(FLAG_FIXED_NEWSTYLE);
            assertTrue(c.closedByServer());
            assertTrue(f.logged("negotiation took over 300 ms"), f.log.toString());
        } finally {
            Connection.negotiationTimeoutMillis = before;
        }
    }

    @Test void connectionsAboveTheCapAreClosedAtOnce() throws Exception {
        try (ServerFixture f = new ServerFixture(dir)) {
            List<RawClient> held = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                RawClient c = new RawClient(f.socket);
                c.read(18);
                held.add(c);
            }
            try (RawClient extra = new RawClient(f.socket)) {
                assertTrue(extra.closedByServer());
            }
            assertTrue(f.logged("connections already"), f.log.toString());
            for (RawClient c : held) c.close();
            Thread.sleep(200);
            stillServes(f);
        }
    }
}
