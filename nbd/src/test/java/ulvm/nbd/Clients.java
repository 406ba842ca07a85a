package ulvm.nbd;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real NBD clients (libnbd's nbdinfo/nbdcopy/nbdsh, qemu-img, qemu-io, openssl) for the tests. */
final class Clients {
    private Clients() { }

    /** Exit status and output (stdout and stderr together). */
    record Result(int exit, String out) {
        Result ok() {
            if (exit != 0) throw new AssertionError("exit " + exit + ": " + out);
            return this;
        }
    }

    static Result run(String... cmd) throws IOException, InterruptedException {
        Path out = Files.createTempFile("nbd-client", ".out");
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            // nbdsh runs "python3": the system one has libnbd's module, a python3 of pyenv may not
            pb.environment().put("PATH", "/usr/bin:/bin:" + System.getenv("PATH"));
            Process p = pb.start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timed out: " + List.of(cmd) + "\n" + Files.readString(out));
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /** The nbd+unix URI of export {@code name} (a '/' in it escaped) on socket {@code socket}. */
    static String unixUri(String name, Path socket) {
        return "nbd+unix:///" + name.replace("/", "%2F") + "?socket=" + socket;
    }
}
