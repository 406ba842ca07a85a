package ulvm.fuse.nbd;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import ulvm.api.LvmException;

/**
 * The NBD options of `ulvm mount`: where to listen ({@code unix:PATH}, {@code tcp:ADDR:PORT}, repeatable), the TLS
 * credentials (a directory in qemu's layout) and whether client certificates are required, and whether plain TCP
 * is allowed. Checked by the mount before anything is mounted, and handed to the daemon as words.
 */
public record NbdSettings(List<String> listen, Path tlsCreds, boolean verifyPeer, boolean insecure) {
    /** The files of a credentials directory, as qemu's tls-creds-x509 expects them. */
    public static final List<String> CRED_FILES = List.of("ca-cert.pem", "server-cert.pem", "server-key.pem");
    /** Clients at once, and requests served at once per client. */
    public static final int MAX_CONNECTIONS = 32;
    public static final int MAX_IN_FLIGHT = 16;

    public static final NbdSettings NONE = new NbdSettings(List.of(), null, false, false);

    public boolean serves() { return !listen.isEmpty(); }

    /**
     * The options as given, checked: addresses well formed (a relative unix socket path taken from {@code cwd}), TLS
     * options only with --nbd, TCP only with TLS or --nbd-insecure, the credentials directory complete.
     */
    public static NbdSettings of(List<String> nbd, Path creds, boolean verifyPeer, boolean insecure, Path cwd) throws LvmException {
        if (nbd.isEmpty()) {
            String stray = creds != null ? "--nbd-tls-creds" : verifyPeer ? "--nbd-tls-verify-peer" : insecure ? "--nbd-insecure" : null;
            if (stray != null) throw LvmException.invalid("Option " + stray + " requires --nbd.");
            return NONE;
        }
        if (verifyPeer && creds == null) throw LvmException.invalid("Option --nbd-tls-verify-peer requires --nbd-tls-creds.");
        List<String> listen = new ArrayList<>();
        for (String a : nbd) {
            String norm = address(a, cwd);
            if (norm.startsWith("tcp:") && creds == null && !insecure)
                throw LvmException.invalid("Refusing plain TCP for --nbd " + a + ": give --nbd-tls-creds DIR, or --nbd-insecure to allow it.");
            listen.add(norm);
        }
        Path dir = null;
        if (creds != null) {
            dir = cwd.resolve(creds).normalize();
            if (!Files.isDirectory(dir)) throw new LvmException("NBD TLS credentials directory " + dir + " not found.");
            for (String f : CRED_FILES)
                if (!Files.isReadable(dir.resolve(f))) throw new LvmException("NBD TLS credentials directory " + dir + " lacks " + f + ".");
        }
        return new NbdSettings(List.copyOf(listen), dir, verifyPeer, insecure);
    }

    /** {@code unix:PATH} with an absolute path, or {@code tcp:ADDR:PORT} as given; a bad one is a bad command line. */
    static String address(String a, Path cwd) throws LvmException {
        if (a.startsWith("unix:")) {
            String p = a.substring(5);
            if (p.isEmpty() || p.indexOf('\0') >= 0) throw LvmException.invalid("Invalid argument for --nbd: " + a + " (unix:PATH)");
            Path abs = cwd.resolve(p).normalize();
            if (abs.getParent() == null || !Files.isDirectory(abs.getParent()))
                throw LvmException.invalid("Invalid argument for --nbd: " + a + " (no directory " + abs.getParent() + ")");
            return "unix:" + abs;
        }
        if (a.startsWith("tcp:")) {
            String rest = a.substring(4);
            int colon = rest.lastIndexOf(':');
            String host = colon > 0 ? rest.substring(0, colon) : "";
            if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
            int port = -1;
            try {
                if (colon > 0) port = Integer.parseInt(rest.substring(colon + 1));
            } catch (NumberFormatException e) {
                port = -1;
            }
            if (host.isEmpty() || port < 1 || port > 65535)
                throw LvmException.invalid("Invalid argument for --nbd: " + a + " (tcp:ADDR:PORT, PORT 1-65535)");
            return a;
        }
        throw LvmException.invalid("Invalid argument for --nbd: " + a + " (unix:PATH or tcp:ADDR:PORT)");
    }

    /** The server's options; the TLS context from the credentials directory. */
    public ulvm.nbd.NbdServer.Options options() throws java.io.IOException {
        javax.net.ssl.SSLContext tls = tlsCreds == null ? null : ulvm.nbd.NbdTls.fromCredsDir(tlsCreds, verifyPeer);
        return new ulvm.nbd.NbdServer.Options(listen, tls, verifyPeer, insecure, MAX_CONNECTIONS, MAX_IN_FLIGHT);
    }

    /** The words the daemon gets (after its other arguments); {@link #fromWords} reads them back. */
    public List<String> words() {
        List<String> w = new ArrayList<>();
        for (String l : listen) w.addAll(List.of("--nbd", l));
        if (tlsCreds != null) w.addAll(List.of("--nbd-tls-creds", tlsCreds.toString()));
        if (verifyPeer) w.add("--nbd-tls-verify-peer");
        if (insecure) w.add("--nbd-insecure");
        return w;
    }

    public static NbdSettings fromWords(List<String> w) {
        List<String> listen = new ArrayList<>();
        Path creds = null;
        boolean verify = false, insecure = false;
        for (int i = 0; i < w.size(); i++) {
            switch (w.get(i)) {
                case "--nbd" -> listen.add(w.get(++i));
                case "--nbd-tls-creds" -> creds = Path.of(w.get(++i));
                case "--nbd-tls-verify-peer" -> verify = true;
                case "--nbd-insecure" -> insecure = true;
                default -> throw new IllegalArgumentException("unknown NBD word " + w.get(i));
            }
        }
        return new NbdSettings(List.copyOf(listen), creds, verify, insecure);
    }
}
