package ulvm.nbd;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** libnbd's and qemu's clients against the server on a unix socket: listing, copying, comparing. */
class UnixClientsTest {
    @TempDir Path dir;

    @Test void socketIs0600AndRemovedAtClose() throws Exception {
        ServerFixture f = new ServerFixture(dir);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f.socket)));
        assertEquals(java.util.List.of("unix:" + f.socket), f.server.addresses());
        f.close();
        assertFalse(Files.exists(f.socket));
    }

    @Test void aStaleSocketFileIsReplacedAndALiveOneRefused() throws Exception {
        java.nio.file.Path sock = dir.resolve("nbd.sock");
        try (java.nio.channels.ServerSocketChannel stale = java.nio.channels.ServerSocketChannel.open(
                java.net.StandardProtocolFamily.UNIX)) {
            stale.bind(java.net.UnixDomainSocketAddress.of(sock));
        }
        assertTrue(Files.exists(sock));
        try (ServerFixture f = new ServerFixture(dir)) {
            Clients.run("nbdinfo", "--size", f.uri("vg/lv")).ok();
            java.io.IOException e = assertThrows(java.io.IOException.class, () -> NbdServer.start(
                    new NbdServer.Options(java.util.List.of("unix:" + sock), null, false, false, 0, 0), f.exports, s -> { }));
            assertTrue(e.getMessage().contains("in use"), e.getMessage());
            Clients.run("nbdinfo", "--size", f.uri("vg/lv")).ok();
        }
    }

    @Test void badAddressesAndOptionsAreRefusedWithTheirReason() {
        FileExports none = new FileExports();
        for (String[] c : new String[][] {
                {"udp:1.2.3.4:5", "cannot listen on udp:1.2.3.4:5: not an NBD address (unix:PATH or tcp:ADDR:PORT)"},
                {"tcp:127.0.0.1:99999", "cannot listen on tcp:127.0.0.1:99999: not an NBD address"},
                {"unix:" + dir.resolve("no/such/s"), "cannot listen on unix:" + dir.resolve("no/such/s") + ": no such directory"}}) {
            java.io.IOException e = assertThrows(java.io.IOException.class, () -> NbdServer.start(
                    new NbdServer.Options(java.util.List.of(c[0]), null, false, true, 0, 0), none, s -> { }));
            assertTrue(e.getMessage().startsWith(c[1]), e.getMessage());
        }
        java.io.IOException e = assertThrows(java.io.IOException.class, () -> NbdServer.start(new NbdServer.Options(
                java.util.List.of("unix:" + dir.resolve("s")), null, true, false, 0, 0), none, s -> { }));
        assertEquals("verifying NBD clients' certificates needs TLS", e.getMessage());
    }

    @Test void exportNamesWithASlashWorkEscapedOrNotInUris() throws Exception {
        try (ServerFixture f = new ServerFixture(dir)) {
            String plain = "nbd+unix:///vg/ro?socket=" + f.socket;
            assertEquals(ServerFixture.SIZE + "\n", Clients.run("nbdinfo", "--size", plain).ok().out());
            assertEquals(ServerFixture.SIZE + "\n", Clients.run("nbdinfo", "--size", f.uri("vg/ro")).ok().out());
            Clients.run("qemu-img", "compare", "-f", "raw", "-F", "raw", plain, f.ro.toString()).ok();
        }
    }

    @Test void closingTheServerEndsItsConnectionsAndClosesTheExports() throws Exception {
        ServerFixture f = new ServerFixture(dir);
        try (RawClient c = new RawClient(f.socket)) {
            c.hello(Protocol.FLAG_FIXED_NEWSTYLE | Protocol.FLAG_NO_ZEROES);
            assertEquals(Protocol.REP_ACK, c.go("vg/lv").get(2).type());
            assertEquals(1, f.exports.open.get());
            f.close();
            assertTrue(c.closedByServer());
            assertEquals(0, f.exports.open.get(), "close() returns once the connections have ended");
        }
    }

    @Test void nbdinfoListsTheExportsWithTheirDescriptions() throws Exception {
        try (ServerFixture f = new ServerFixture(dir)) {
            String out = Clients.run("nbdinfo", "--list", "nbd+unix://?socket=" + f.socket).ok().out();
            assertTrue(out.contains("export=\"vg/lv\""), out);
            assertTrue(out.contains("export=\"vg/ro\""), out);
            assertTrue(out.contains("description: test export vg/lv"), out);
            assertTrue(out.contains("export-size: " + ServerFixture.SIZE), out);
            assertTrue(out.contains("is_read_only: true"), out);
            assertTrue(out.contains("can_multi_conn: true"), out);
            assertTrue(out.contains("block_size_maximum: 33554432"), out);
        }
    }

    @Test void nbdcopyOfAnExportEqualsTheFile() throws Exception {
        try (ServerFixture f = new ServerFixture(dir)) {
            Path copy = dir.resolve("copy.img");
            Clients.run("nbdcopy", f.uri("vg/ro"), copy.toString()).ok();
            assertArrayEquals(Files.readAllBytes(f.ro), Files.readAllBytes(copy));
            assertEquals(0, f.exports.open.get() > 0 ? waitClosed(f) : 0);
        }
    }

    @Test void nbdcopyIntoAnExportWritesIt() throws Exception {
        try (ServerFixture f = new ServerFixture(dir)) {
            Path src = ServerFixture.image(dir.resolve("src.img"), 7);
            Clients.run("nbdcopy", src.toString(), f.uri("vg/lv")).ok();
            assertArrayEquals(Files.readAllBytes(src), Files.readAllBytes(f.lv));
        }
    }

    @Test void qemuImgComparesTheExportWithTheFileAndConvertsIntoIt() throws Exception {
        try (ServerFixture f = new ServerFixture(dir)) {
            Clients.run("qemu-img", "compare", "-f", "raw", "-F", "raw", f.uri("vg/ro"), f.ro.toString()).ok();
            Clients.Result differ = Clients.run("qemu-img", "compare", "-f", "raw", "-F", "raw", f.uri("vg/ro"),
                    f.lv.toString());
            assertEquals(1, differ.exit(), differ.out());
            Path src = ServerFixture.image(dir.resolve("src.img"), 9);
            Clients.run("qemu-img", "convert", "-n", "-f", "raw", "-O", "raw", src.toString(), f.uri("vg/lv")).ok();
            assertArrayEquals(Files.readAllBytes(src), Files.readAllBytes(f.lv));
        }
    }

    @Test void writesToAReadOnlyExportFailWithEperm() throws Exception {
        try (ServerFixture f = new ServerFixture(dir)) {
            byte[] before = Files.readAllBytes(f.ro);
            Clients.Result r = Clients.run("nbdsh", "-u", f.uri("vg/ro"), "-c",
                    "try:\n  h.pwrite(b'x' * 512, 0)\nexcept nbd.Error as e:\n  print('errno', e.errnum)\n");
            assertTrue(r.out().contains("errno 1"), r.out());
            assertArrayEquals(before, Files.readAllBytes(f.ro));
        }
    }

    @Test void anUnknownExportIsRefused() throws Exception {
        try (ServerFixture f = new ServerFixture(dir)) {
            Clients.Result r = Clients.run("nbdinfo", f.uri("vg/none"));
            assertNotEquals(0, r.exit());
            assertTrue(r.out().contains("vg/none"), r.out());
        }
    }

    /** The export is closed once the client has gone (the server notices the disconnect). */
    private static int waitClosed(ServerFixture f) throws InterruptedException {
        for (int i = 0; i < 200 && f.exports.open.get() > 0; i++) Thread.sleep(10);
        return f.exports.open.get();
    }
}
