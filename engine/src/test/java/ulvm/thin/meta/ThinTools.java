package ulvm.thin.meta;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Debian's thin-provisioning-tools (thin_check, thin_dump, thin_restore), the independent judges of the metadata
 * format. Without them a test is skipped on a developer's machine; with {@code CI=true} it fails, as the e2e suites'
 * {@code Needs} does (scripts/install-deps.sh installs them).
 */
final class ThinTools {
    /** A run's exit code and its stdout and stderr together. */
    record Run(int exit, String output) {}

    /** thin_dump's view: device id -> (virtual block -> {data block, time}), and each device's attributes. */
    record Dump(Map<Long, TreeMap<Long, long[]>> mappings, Map<Long, Map<String, String>> devices, Map<String, String> superblock) {}

    private ThinTools() {}

    static String tool(String name) {
        for (String dir : List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin"))
            if (Files.isExecutable(Path.of(dir, name))) return dir + "/" + name;
        return null;
    }

    static void need() {
        if (tool("thin_check") != null && tool("thin_dump") != null && tool("thin_restore") != null) return;
        String missing = "thin-provisioning-tools (thin_check, thin_dump, thin_restore) are not installed";
        if ("true".equalsIgnoreCase(System.getenv("CI")))
            Assertions.fail("CI=true, and this test cannot run here: " + missing + " (run scripts/install-deps.sh as root)");
        Assumptions.abort(missing);
    }

    static Run run(String... cmd) throws IOException, InterruptedException {
        cmd[0] = tool(cmd[0]);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(p.waitFor(), out);
    }

    /** thin_check must pass, without a word about reference counts (a leak is only a non-fatal error). */
    static void checkClean(Path meta) throws Exception {
        Run r = run("thin_check", meta.toString());
        assertEquals(0, r.exit(), "thin_check " + meta + ":\n" + r.output());
        Assertions.assertFalse(r.output().contains("differ") || r.output().contains("leak"), "thin_check " + meta + ":\n" + r.output());
    }

    static Dump dump(Path meta) throws Exception {
        Run r = run("thin_dump", meta.toString());
        assertEquals(0, r.exit(), "thin_dump:\n" + r.output());
        return parse(r.output());
    }

    static void restore(String xml, Path meta) throws Exception {
        Path in = Files.createTempFile(meta.getParent(), "thin", ".xml");
        Files.writeString(in, xml);
        Run r = run("thin_restore", "-i", in.toString(), "-o", meta.toString());
        assertEquals(0, r.exit(), "thin_restore:\n" + r.output());
    }

    static Dump parse(String xml) throws Exception {
        Element sb = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))).getDocumentElement();
        Map<Long, TreeMap<Long, long[]>> maps = new TreeMap<>();
        Map<Long, Map<String, String>> devs = new TreeMap<>();
        NodeList dl = sb.getElementsByTagName("device");
        for (int i = 0; i < dl.getLength(); i++) {
            Element d = (Element) dl.item(i);
            long id = Long.parseLong(d.getAttribute("dev_id"));
            devs.put(id, attrs(d));
            TreeMap<Long, long[]> m = new TreeMap<>();
            maps.put(id, m);
            for (Node c = d.getFirstChild(); c != null; c = c.getNextSibling()) {
                if (!(c instanceof Element e)) continue;
                long time = Long.parseLong(e.getAttribute("time"));
                if (e.getTagName().equals("single_mapping"))
                    m.put(Long.parseLong(e.getAttribute("origin_block")), new long[] {Long.parseLong(e.getAttribute("data_block")), time});
                else {
                    long o = Long.parseLong(e.getAttribute("origin_begin")), db = Long.parseLong(e.getAttribute("data_begin"));
                    for (long k = 0; k < Long.parseLong(e.getAttribute("length")); k++) m.put(o + k, new long[] {db + k, time});
                }
            }
        }
        return new Dump(maps, devs, attrs(sb));
    }

    private static Map<String, String> attrs(Element e) {
        Map<String, String> a = new TreeMap<>();
        for (int i = 0; i < e.getAttributes().getLength(); i++) a.put(e.getAttributes().item(i).getNodeName(), e.getAttributes().item(i).getNodeValue());
        return a;
    }
}
