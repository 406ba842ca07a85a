package ulvm.e2e.mount;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * NBD over TCP with TLS, set up through the mount options as the README says (certificates made with openssl): a
 * client with the CA connects (nbdinfo, nbdcopy, qemu-img with tls-creds-x509), one without it, or without TLS, is
 * refused; with --nbd-tls-verify-peer a client also needs a certificate the CA signed.
 */
class NbdTlsTest {
    private static final long MiB = 1L << 20;

    @BeforeAll
    static void needs() {
        MountRig.assumeRootWithFuse();
        NbdSteps.needTools();
        ulvm.e2e.Needs.that(MountRig.sh("sh", "-c", "command -v openssl").rc() == 0, "no openssl");
    }

    @Test
    void clientsWithTheCaConnectOthersAreRefused(@TempDir Path tmp) throws Exception {
        Path tls = certificates(tmp.resolve("tls"));
        try (MountRig rig = new MountRig(tmp)) {
            rig.vg("vg", 1, 64 * MiB);
            rig.ulvm("lvcreate", "-L", "8M", "-n", "lin", "vg").ok();
            int port = freePort();
            String tcp = "tcp:127.0.0.1:" + port;
            rig.mountArgs.addAll(List.of("--nbd", tcp, "--nbd-tls-creds", tls.resolve("server").toString()));
            rig.mount();
            RaidSteps.writeSynced(rig.lvFile("vg", "lin"), MiB, RaidSteps.random(5, (int) (3 * MiB)));
            String ok = "nbds://127.0.0.1:" + port + "/vg/lin?tls-certificates=" + tls.resolve("client");
            assertTrue(NbdSteps.tool("nbdinfo", ok).ok().out().contains("protocol: newstyle-fixed with TLS"));
            NbdSteps.tool("nbdcopy", ok, tmp.resolve("copy").toString()).ok();
            assertArrayEquals(Files.readAllBytes(rig.lvFile("vg", "lin")), Files.readAllBytes(tmp.resolve("copy")));
            MountRig.Result qemu = NbdSteps.tool("qemu-img", "compare", "--object",
                    "tls-creds-x509,id=tls0,dir=" + tls.resolve("client") + ",endpoint=client", "--image-opts",
                    "driver=nbd,host=127.0.0.1,port=" + port + ",export=vg/lin,tls-creds=tls0",
                    "driver=raw,file.filename=" + rig.lvFile("vg", "lin"));
            assertEquals(0, qemu.rc(), qemu::toString);
            refused("nbds://127.0.0.1:" + port + "/vg/lin?tls-certificates=" + tls.resolve("stranger")); // another CA
            refused("nbd://127.0.0.1:" + port + "/vg/lin"); // no TLS
            rig.umount();

            rig.mountArgs.add("--nbd-tls-verify-peer");
            rig.mount();
            NbdSteps.tool("nbdinfo", ok).ok();
            refused("nbds://127.0.0.1:" + port + "/vg/lin?tls-certificates=" + tls.resolve("nocert")); // the CA, no certificate
            NbdSteps.tool("nbdinfo", ok).ok(); // the daemon serves on
        }
    }

    private static void refused(String uri) {
        MountRig.Result r = NbdSteps.tool("nbdinfo", uri);
        assertNotEquals(0, r.rc(), r::toString);
    }

    private static int freePort() throws Exception {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /**
     * The README's openssl steps: server/ (qemu's names), client/ (libnbd's, signed by the CA), nocert/ (the CA only),
     * stranger/ (a client of another CA).
     */
    static Path certificates(Path dir) throws Exception {
        for (String d : List.of("server", "client", "nocert", "stranger")) Files.createDirectories(dir.resolve(d));
        String script = String.join("\n",
                "set -e; cd '" + dir + "'",
                "openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj '/CN=test CA' -keyout ca-key.pem -out server/ca-cert.pem",
                "openssl req -newkey rsa:2048 -nodes -subj /CN=localhost -keyout server/server-key.pem -out server.csr",
                "printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\\nextendedKeyUsage=serverAuth\\n' > server.ext",
                "openssl x509 -req -in server.csr -CA server/ca-cert.pem -CAkey ca-key.pem -CAcreateserial -days 30 -out server/server-cert.pem -extfile server.ext",
                "cp server/ca-cert.pem client/; cp server/ca-cert.pem nocert/",
                "openssl req -newkey rsa:2048 -nodes -subj /CN=client -keyout client/client-key.pem -out client.csr",
                "printf 'extendedKeyUsage=clientAuth\\n' > client.ext",
                "openssl x509 -req -in client.csr -CA server/ca-cert.pem -CAkey ca-key.pem -CAcreateserial -days 30 -out client/client-cert.pem -extfile client.ext",
                "openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj '/CN=other CA' -keyout other-key.pem -out stranger/ca-cert.pem",
                "openssl req -newkey rsa:2048 -nodes -subj /CN=stranger -keyout stranger/client-key.pem -out stranger.csr",
                "openssl x509 -req -in stranger.csr -CA stranger/ca-cert.pem -CAkey other-key.pem -CAcreateserial -days 30 -out stranger/client-cert.pem -extfile client.ext");
        MountRig.sh("sh", "-c", script).ok();
        return dir;
    }
}
