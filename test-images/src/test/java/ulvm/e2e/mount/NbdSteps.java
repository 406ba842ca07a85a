package ulvm.e2e.mount;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The NBD side of the mount tests: `ulvm mount --nbd unix:SOCKET`, export URIs, and libnbd's and qemu's own clients
 * (nbdinfo, nbdcopy, nbdsh, qemu-img) run as a user would. nbdsh is a python3 program: it runs with the system's
 * python3 (/usr/bin first on the PATH), which has libnbd's module.
 */
final class NbdSteps {
    private NbdSteps() {}

    /** Skips (fails under CI) without libnbd's tools and qemu-img. */
    static void needTools() {
        for (String t : List.of("nbdinfo", "nbdcopy", "nbdsh", "qemu-img"))
            ulvm.e2e.Needs.that(MountRig.sh("sh", "-c", "command -v " + t).rc() == 0, "no " + t + " (libnbd-bin, python3-libnbd, qemu-utils)");
    }

    static Path socket(MountRig rig) { return rig.dir.resolve("nbd.sock"); }

    /** `ulvm mount --nbd unix:SOCKET` (and {@code more} options). */
    static void mount(MountRig rig, String... more) {
        rig.mountArgs.addAll(List.of("--nbd", "unix:" + socket(rig)));
        rig.mountArgs.addAll(List.of(more));
        rig.mount();
    }

    /** The URI of export {@code vgLv} on the rig's unix socket. */
    static String uri(MountRig rig, String vgLv) { return "nbd+unix:///" + vgLv + "?socket=" + socket(rig); }

    /** A client tool, with the system's python3 for nbdsh. */
    static MountRig.Result tool(String... command) {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("PATH", "/usr/bin:/bin:" + pb.environment().getOrDefault("PATH", ""));
        return MountRig.exec(pb, 120);
    }

    /** A client started in the background (killed by the rig's close if still running). */
    static Process start(MountRig rig, String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(rig.dir.resolve("client.log").toFile());
        pb.environment().put("PATH", "/usr/bin:/bin:" + pb.environment().getOrDefault("PATH", ""));
        Process p = pb.start();
        rig.onClose(p::destroyForcibly);
        return p;
    }

    /** One line of `nbdinfo --map`: {@code length} bytes at {@code offset} with state {@code type}. */
    record Extent(long offset, long length, int type, String description) { }

    /** `nbdinfo --map[=CONTEXT] URI`. */
    static List<Extent> map(String uri, String context) {
        MountRig.Result r = tool("nbdinfo", context == null ? "--map" : "--map=" + context, uri).ok();
        List<Extent> out = new ArrayList<>();
        for (String l : r.out().lines().map(String::trim).filter(l -> !l.isEmpty()).toList()) {
            String[] f = l.split("\\s+", 4);
            out.add(new Extent(Long.parseLong(f[0]), Long.parseLong(f[1]), Integer.parseInt(f[2]), f.length > 3 ? f[3] : ""));
        }
        return out;
    }

    /** nbdcopy of export {@code vgLv} into a new file; its bytes. */
    static byte[] copyOut(MountRig rig, String vgLv, Path to) throws Exception {
        tool("nbdcopy", uri(rig, vgLv), to.toString()).ok();
        return Files.readAllBytes(to);
    }

    /** `qemu-img compare` of the export and a raw file: identical. */
    static void qemuSame(MountRig rig, String vgLv, Path file) {
        MountRig.Result r = tool("qemu-img", "compare", "-f", "raw", "-F", "raw", uri(rig, vgLv), file.toString());
        assertEquals(0, r.rc(), r::toString);
    }

    /** The export names `nbdinfo --list` shows. */
    static List<String> listed(MountRig rig) {
        return tool("nbdinfo", "--list", "--json", "nbd+unix:///?socket=" + socket(rig)).ok().out().lines()
                .filter(l -> l.contains("\"export-name\"")).map(l -> l.replaceAll(".*\"export-name\": \"([^\"]*)\".*", "$1")).toList();
    }
}
