package ulvm.nbd;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Test certificates made with openssl: a CA, a server certificate (PKCS#1 RSA key, as qemu's docs make them with
 * certtool, or PKCS#8 EC) in {@code server/}, and client credential dirs for libnbd: {@code client/} (CA and a client
 * certificate), {@code ca-only/} (the CA, no certificate) and {@code stranger/} (another CA's certificates).
 */
final class Certs {
    final Path server, client, caOnly, stranger;

    Certs(Path dir, boolean ecServerKey) throws Exception {
        server = Files.createDirectories(dir.resolve("server"));
        client = Files.createDirectories(dir.resolve("client"));
        caOnly = Files.createDirectories(dir.resolve("ca-only"));
        stranger = Files.createDirectories(dir.resolve("stranger"));
        Path work = Files.createDirectories(dir.resolve("work"));
        ca(work, "ca");
        ca(work, "other-ca");
        if (ecServerKey) {
            openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", server.resolve("server-key.pem"));
        } else {
            openssl("genrsa", "-traditional", "-out", server.resolve("server-key.pem"), "2048");
        }
        sign(work, "ca", server.resolve("server-key.pem"), "localhost", server.resolve("server-cert.pem"),
                "subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n");
        Files.copy(work.resolve("ca-cert.pem"), server.resolve("ca-cert.pem"));
        Files.copy(work.resolve("ca-cert.pem"), client.resolve("ca-cert.pem"));
        Files.copy(work.resolve("ca-cert.pem"), caOnly.resolve("ca-cert.pem"));
        openssl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", client.resolve("client-key.pem"));
        sign(work, "ca", client.resolve("client-key.pem"), "client", client.resolve("client-cert.pem"),
                "extendedKeyUsage=clientAuth\n");
        Files.copy(work.resolve("other-ca-cert.pem"), stranger.resolve("ca-cert.pem"));
        openssl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", stranger.resolve("client-key.pem"));
        sign(work, "other-ca", stranger.resolve("client-key.pem"), "stranger", stranger.resolve("client-cert.pem"),
                "extendedKeyUsage=clientAuth\n");
    }

    private static void ca(Path work, String name) throws Exception {
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", work.resolve(name + "-key.pem"),
                "-out", work.resolve(name + "-cert.pem"), "-days", "2", "-subj", "/CN=" + name,
                "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
    }

    private static void sign(Path work, String ca, Path key, String cn, Path cert, String ext) throws Exception {
        Path csr = work.resolve(cn + ".csr"), extFile = work.resolve(cn + ".ext");
        Files.writeString(extFile, ext);
        openssl("req", "-new", "-key", key, "-subj", "/CN=" + cn, "-out", csr);
        openssl("x509", "-req", "-in", csr, "-CA", work.resolve(ca + "-cert.pem"), "-CAkey", work.resolve(ca + "-key.pem"),
                "-set_serial", String.valueOf(System.nanoTime()), "-out", cert, "-days", "2", "-extfile", extFile);
    }

    private static void openssl(Object... args) throws IOException, InterruptedException {
        String[] cmd = new String[args.length + 1];
        cmd[0] = "openssl";
        for (int i = 0; i < args.length; i++) cmd[i + 1] = args[i].toString();
        Clients.run(cmd).ok();
    }
}
