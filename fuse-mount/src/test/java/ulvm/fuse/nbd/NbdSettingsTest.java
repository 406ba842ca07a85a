package ulvm.fuse.nbd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ulvm.api.LvmException;

/** The --nbd options of `ulvm mount`: checked before anything is mounted, each refusal one line with its exit code. */
class NbdSettingsTest {
    @TempDir Path dir;

    private LvmException refused(int rc, List<String> nbd, Path creds, boolean verify, boolean insecure) {
        LvmException e = assertThrows(LvmException.class, () -> NbdSettings.of(nbd, creds, verify, insecure, dir));
        assertEquals(rc, e.exitCode(), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
        return e;
    }

    @Test
    void addressesAreCheckedAndUnixPathsMadeAbsolute() throws LvmException {
        NbdSettings s = NbdSettings.of(List.of("unix:nbd.sock", "tcp:127.0.0.1:10809", "tcp:[::1]:10810"), null, false, true, dir);
        assertEquals(List.of("unix:" + dir.resolve("nbd.sock"), "tcp:127.0.0.1:10809", "tcp:[::1]:10810"), s.listen());
        assertEquals(s, NbdSettings.fromWords(s.words()));
        for (String bad : List.of("nbd.sock", "unix:", "tcp:localhost", "tcp:127.0.0.1:0", "tcp:127.0.0.1:65536", "tcp::10809", "tcp:h:x"))
            assertEquals("Invalid argument for --nbd: " + bad, refused(3, List.of(bad), null, false, true).getMessage().replaceAll(" \\(.*", ""));
        refused(3, List.of("unix:/no/such/dir/s"), null, false, true);
    }

    @Test
    void plainTcpNeedsTlsOrInsecure() throws Exception {
        assertEquals("Refusing plain TCP for --nbd tcp:127.0.0.1:10809: give --nbd-tls-creds DIR, or --nbd-insecure to allow it.",
                refused(3, List.of("tcp:127.0.0.1:10809"), null, false, false).getMessage());
        NbdSettings.of(List.of("unix:s"), null, false, false, dir); // a unix socket needs neither
        Path creds = Files.createDirectory(dir.resolve("creds"));
        assertEquals("NBD TLS credentials directory " + creds + " lacks ca-cert.pem.",
                refused(5, List.of("tcp:127.0.0.1:10809"), Path.of("creds"), false, false).getMessage());
        for (String f : NbdSettings.CRED_FILES) Files.writeString(creds.resolve(f), "x");
        NbdSettings s = NbdSettings.of(List.of("tcp:127.0.0.1:10809"), Path.of("creds"), true, false, dir);
        assertEquals(creds, s.tlsCreds());
        assertEquals(s, NbdSettings.fromWords(s.words()));
        refused(5, List.of("tcp:127.0.0.1:10809"), Path.of("nope"), false, false);
    }

    @Test
    void tlsOptionsNeedNbd() {
        assertEquals("Option --nbd-tls-creds requires --nbd.", refused(3, List.of(), dir, false, false).getMessage());
        assertEquals("Option --nbd-insecure requires --nbd.", refused(3, List.of(), null, false, true).getMessage());
        assertEquals("Option --nbd-tls-verify-peer requires --nbd-tls-creds.", refused(3, List.of("unix:s"), null, true, false).getMessage());
    }
}
