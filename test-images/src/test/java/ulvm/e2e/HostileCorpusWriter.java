package ulvm.e2e;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

/**
 * Not a test of its own (its name is outside surefire's default includes): {@code test-images/hostile/regenerate.sh}
 * runs it with {@code -Dtest=HostileCorpusWriter -Dulvm.hostile.regenerate=DIR} to write the corpus that
 * HostileCorpusTest reads.
 */
class HostileCorpusWriter {
    @TempDir Path root;

    /** Writes the corpus into {@code -Dulvm.hostile.regenerate=DIR}: each case's damage on a fresh good image. */
    @Test
    void regenerate() throws Exception {
        Path out = Path.of(System.getProperty("ulvm.hostile.regenerate")).toAbsolutePath();
        Files.createDirectories(out);
        StringBuilder index = new StringBuilder("# The hostile-image corpus: NAME|launcher or -|the line ulvm must print (IMG: the image's path).\n"
                + "# Written by test-images/hostile/regenerate.sh from HostileCases; read by HostileCorpusTest.\n");
        for (HostileCases.Case c : HostileCases.ALL) {
            Path dir = Files.createDirectories(root.resolve(c.name()));
            Ulvm u = Ulvm.inProcess(dir);
            Path img = HostileCases.good(u, u.image("pv.img", c.big() ? 64 << 20 : 8 << 20), c.big());
            String line = c.damage().apply(img).replace(img.toString(), "IMG");
            assertFalse(line.contains("\n"), line);
            try (InputStream in = Files.newInputStream(img);
                    OutputStream o = new XZOutputStream(Files.newOutputStream(out.resolve(c.name() + ".img.xz")), new LZMA2Options(6))) {
                in.transferTo(o);
            }
            index.append(c.name()).append('|').append(c.launcher() ? "launcher" : "-").append('|').append(line).append('\n');
        }
        Files.writeString(out.resolve("cases.txt"), index);
    }
}
