package ulvm.nbd;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The server's TLS context from a directory laid out as qemu's {@code tls-creds-x509} (endpoint=server):
 * {@code server-cert.pem} (the certificate, optionally followed by its chain), {@code server-key.pem} (an unencrypted
 * PKCS#8 key, or a PKCS#1 RSA key) and {@code ca-cert.pem} (the CA certificates client certificates must chain to;
 * required with verify-peer, optional otherwise).
 */
public final class NbdTls {
    private NbdTls() { }

    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

    /** The context for {@link NbdServer.Options#tls()}; pass the same {@code verifyPeer} to the options. */
    public static SSLContext fromCredsDir(Path dir, boolean verifyPeer) throws IOException {
        try {
            List<Certificate> chain = certificates(dir.resolve("server-cert.pem"));
            PrivateKey key = privateKey(dir.resolve("server-key.pem"));
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            char[] password = new char[0];
            keys.setKeyEntry("server", key, password, chain.toArray(Certificate[]::new));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, password);

            Path caFile = dir.resolve("ca-cert.pem");
            javax.net.ssl.TrustManager[] trust = null;
            if (verifyPeer || Files.exists(caFile)) {
                KeyStore cas = KeyStore.getInstance("PKCS12");
                cas.load(null, null);
                int i = 0;
                for (Certificate c : certificates(caFile)) cas.setCertificateEntry("ca" + i++, c);
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(cas);
                trust = tmf.getTrustManagers();
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), trust, null);
            return context;
        } catch (NoSuchFileException e) {
            throw new IOException("TLS credentials: " + e.getFile() + " does not exist", e);
        } catch (GeneralSecurityException e) {
            throw new IOException("TLS credentials in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Every certificate of a PEM file, in order; at least one. */
    static List<Certificate> certificates(Path file) throws IOException, GeneralSecurityException {
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        List<Certificate> out = new ArrayList<>();
        for (Block b : blocks(file)) {
            if (b.type.equals("CERTIFICATE")) out.add(cf.generateCertificate(new ByteArrayInputStream(b.der)));
        }
        if (out.isEmpty()) throw new IOException("TLS credentials: no certificate in " + file);
        return out;
    }

    /** The first private key of a PEM file: PKCS#8 (RSA, EC, Ed25519...) or PKCS#1 RSA. */
    static PrivateKey privateKey(Path file) throws IOException, GeneralSecurityException {
        for (Block b : blocks(file)) {
            switch (b.type) {
                case "PRIVATE KEY" -> { return pkcs8(b.der, file); }
                case "RSA PRIVATE KEY" -> { return KeyFactory.getInstance("RSA").generatePrivate(
                        new PKCS8EncodedKeySpec(rsaPkcs8(b.der))); }
                case "ENCRYPTED PRIVATE KEY" -> throw new IOException("TLS credentials: " + file + " is encrypted");
                default -> { }
            }
        }
        throw new IOException("TLS credentials: no PKCS#8 or PKCS#1 RSA private key in " + file);
    }

    private static PrivateKey pkcs8(byte[] der, Path file) throws IOException {
        for (String algorithm : List.of("RSA", "EC", "Ed25519", "Ed448", "RSASSA-PSS")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // not this algorithm
            }
        }
        throw new IOException("TLS credentials: the key in " + file + " is of an unknown algorithm");
    }

    /** PKCS#1 RSAPrivateKey wrapped as a PKCS#8 PrivateKeyInfo (version 0, rsaEncryption, the key). */
    static byte[] rsaPkcs8(byte[] pkcs1) {
        byte[] version = {0x02, 0x01, 0x00};
        byte[] algorithm = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01,
                0x01, 0x01, 0x05, 0x00};
        byte[] key = der(0x04, pkcs1);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(version);
        body.writeBytes(algorithm);
        body.writeBytes(key);
        return der(0x30, body.toByteArray());
    }

    private static byte[] der(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int n = content.length;
        if (n < 0x80) {
            out.write(n);
        } else {
            int bytes = n > 0xffffff ? 4 : n > 0xffff ? 3 : n > 0xff ? 2 : 1;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) out.write(n >>> (8 * i));
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    private record Block(String type, byte[] der) { }

    private static List<Block> blocks(Path file) throws IOException {
        Matcher m = PEM.matcher(Files.readString(file, java.nio.charset.StandardCharsets.US_ASCII));
        List<Block> out = new ArrayList<>();
        while (m.find()) {
            try {
                out.add(new Block(m.group(1), Base64.getMimeDecoder().decode(m.group(2))));
            } catch (IllegalArgumentException e) {
                throw new IOException("TLS credentials: bad PEM data in " + file);
            }
        }
        return out;
    }
}
