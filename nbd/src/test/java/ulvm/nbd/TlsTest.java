package ulvm.nbd;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS from a qemu-style credentials dir: mandatory once configured, client certificates with verify-peer. */
class TlsTest {
    @TempDir Path dir;

    private static String tlsUri(ServerFixture f, String name, Path creds) {
        return "nbds+unix:///" + name.replace("/", "%2F") + "?socket=" + f.socket + "&tls-certificates=" + creds;
    }

    @Test void aClientWithTheCaReadsOverTlsAndAPlainClientIsRefused() throws Exception {
        Certs certs = new Certs(dir, false);
        try (ServerFixture f = new ServerFixture(dir, NbdTls.fromCredsDir(certs.server, false), false, false, List.of())) {
            String list = Clients.run("nbdinfo", "--list", "nbds+unix://?socket=" + f.socket + "&tls-certificates="
                    + certs.caOnly).ok().out();
            assertTrue(list.contains("export=\"vg/ro\""), list);
            Path copy = dir.resolve("copy.img");
            Clients.run("nbdcopy", tlsUri(f, "vg/ro", certs.caOnly), copy.toString()).ok();
            assertArrayEquals(Files.readAllBytes(f.ro), Files.readAllBytes(copy));

            Clients.Result plain = Clients.run("nbdinfo", f.uri("vg/ro"));
            assertNotEquals(0, plain.exit());
            assertTrue(plain.out().toLowerCase().contains("tls"), plain.out());
        }
    }

    @Test void verifyPeerWantsAClientCertificateOfTheCa() throws Exception {
        Certs certs = new Certs(dir, true);
        try (ServerFixture f = new ServerFixture(dir, NbdTls.fromCredsDir(certs.server, true), true, false, List.of())) {
            Clients.run("nbdsh", "-c", "h.set_uri_allow_local_file(True)\nh.connect_uri('" + tlsUri(f, "vg/lv", certs.client)
                    + "')\nh.pwrite(b'T' * 4096, 0, nbd.CMD_FLAG_FUA)\n").ok();
            assertEquals('T', Files.readAllBytes(f.lv)[4095]);
            Clients.Result noCert = Clients.run("nbdinfo", tlsUri(f, "vg/lv", certs.caOnly));
            assertNotEquals(0, noCert.exit(), noCert.out());
            assertTrue(f.logged("TLS handshake failed"), f.log.toString());
        }
    }

    @Test void tcpNeedsTlsOrInsecure() throws Exception {
        IOException e = assertThrows(IOException.class, () -> new ServerFixture(dir, null, false, false,
                List.of("tcp:127.0.0.1:0")));
        assertTrue(e.getMessage().contains("without TLS"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("nbd.sock")), "nothing is left listening");

        try (ServerFixture f = new ServerFixture(dir, null, false, true, List.of("tcp:127.0.0.1:0", "tcp:[::1]:0"))) {
            String v6 = f.server.addresses().get(2);
            assertTrue(v6.matches("tcp:\\[::1\\]:\\d+"), v6);
            Clients.run("nbdinfo", "--size", "nbd://[::1]:" + port(v6) + "/vg%2Fro").ok();
            String tcp = f.server.addresses().get(1);
            assertTrue(tcp.matches("tcp:127\\.0\\.0\\.1:\\d+"), tcp);
            Clients.run("qemu-img", "compare", "-f", "raw", "-F", "raw",
                    "nbd://127.0.0.1:" + port(tcp) + "/vg%2Fro", f.ro.toString()).ok();
        }
    }

    @Test void tcpWithTlsServesLibnbdAndQemu() throws Exception {
        Certs certs = new Certs(dir, false);
        try (ServerFixture f = new ServerFixture(dir, NbdTls.fromCredsDir(certs.server, true), true, false,
                List.of("tcp:127.0.0.1:0"))) {
            String port = port(f.server.addresses().get(1));
            Path copy = dir.resolve("copy.img");
            Clients.run("nbdcopy", "nbds://localhost:" + port + "/vg%2Fro?tls-certificates=" + certs.client,
                    copy.toString()).ok();
            assertArrayEquals(Files.readAllBytes(f.ro), Files.readAllBytes(copy));
            Path qemuCreds = Files.createDirectories(dir.resolve("qemu-client"));
            for (String n : List.of("ca-cert.pem", "client-cert.pem", "client-key.pem")) {
                Files.copy(certs.client.resolve(n), qemuCreds.resolve(n));
            }
            Clients.run("qemu-img", "compare", "--object", "tls-creds-x509,id=tls0,endpoint=client,dir=" + qemuCreds,
                    "--image-opts", "driver=nbd,host=localhost,port=" + port + ",export=vg/ro,tls-creds=tls0",
                    "driver=raw,file.driver=file,file.filename=" + f.ro).ok();
            // libnbd checks the server's certificate over TCP (over a unix socket it does not)
            Clients.Result stranger = Clients.run("nbdinfo", "nbds://localhost:" + port + "/vg%2Fro?tls-certificates="
                    + certs.stranger);
            assertTrue(stranger.out().contains("certificate verification"), stranger.out());
            assertTrue(f.logged("TLS handshake failed"), f.log.toString());
        }
    }

    private static String port(String tcp) { return tcp.substring(tcp.lastIndexOf(':') + 1); }
}
