package ulvm.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tukaani.xz.XZInputStream;

/**
 * The stored hostile-image corpus ({@code src/test/resources/hostile/NAME.img.xz}, one damaged PV per case, named
 * for what it breaks; {@code cases.txt} gives the line ulvm must print for each): every image is refused as
 * HostileImagesTest requires (LVM2's words, exit 5, no stack trace, nothing written; the big ones through the real
 * entry point too), read directly, without generating anything. {@code hostile/regenerate.sh} rewrites the corpus
 * from HostileCases through {@link HostileCorpusWriter}.
 */
class HostileCorpusTest {
    @TempDir Path root;

    /** cases.txt: NAME|launcher|LINE, IMG in LINE standing for the image's path. */
    record Entry(String name, boolean launcher, String line) {}

    static Map<String, Entry> index() throws Exception {
        Map<String, Entry> out = new LinkedHashMap<>();
        try (InputStream in = resource("cases.txt")) {
            for (String l : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (l.isBlank() || l.startsWith("#")) continue;
                String[] f = l.split("\\|", 3);
                out.put(f[0], new Entry(f[0], f[1].equals("launcher"), f[2]));
            }
        }
        return out;
    }

    static InputStream resource(String name) {
        InputStream in = HostileCorpusTest.class.getResourceAsStream("/hostile/" + name);
        if (in == null) throw new IllegalStateException("no resource hostile/" + name);
        return in;
    }

    /** The corpus: every stored image. */
    static Stream<String> corpus() throws Exception {
        Path d = Path.of(HostileCorpusTest.class.getResource("/hostile").toURI());
        List<String> names = new ArrayList<>();
        try (Stream<Path> s = Files.list(d)) {
            s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".img.xz")).sorted()
                    .forEach(n -> names.add(n.substring(0, n.length() - ".img.xz".length())));
        }
        return names.stream();
    }

    @ParameterizedTest
    @MethodSource("corpus")
    void everyImageIsRefusedAndNotWritten(String name) throws Exception {
        Entry e = index().get(name);
        assertTrue(e != null, name + " is not in cases.txt");
        Path dir = Files.createDirectories(root.resolve("images"));
        Path img = dir.resolve(name + ".img").toAbsolutePath();
        try (InputStream in = new XZInputStream(resource(name + ".img.xz"))) {
            Files.copy(in, img);
        }
        List<Path> imgs = List.of(img);
        String line = e.line().replace("IMG", img.toString());
        Refusals.refused(Ulvm.inProcess(dir), imgs, line);
        if (e.launcher()) Refusals.check(Ulvm.launcher(dir), imgs, 5, line, "vgs", "vg");
    }

    /** The corpus holds every case HostileCases knows, and cases.txt names exactly the stored images. */
    @Test
    void theCorpusHoldsEveryCase() throws Exception {
        List<String> stored = corpus().toList();
        assertEquals(stored, index().keySet().stream().sorted().toList(), "cases.txt against the stored images");
        List<String> missing = new ArrayList<>();
        for (HostileCases.Case c : HostileCases.ALL) if (!stored.contains(c.name())) missing.add(c.name());
        assertEquals(List.of(), missing, "cases not in the stored corpus (run test-images/hostile/regenerate.sh)");
    }
}
