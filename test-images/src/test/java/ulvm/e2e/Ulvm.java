package ulvm.e2e;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import ulvm.cli.Main;
import ulvm.cli.StdConsole;
import ulvm.store.SystemDir;

/**
 * Runs ulvm on image files in a directory, either in-process ({@link Main#run}) or through the {@code ulvm}
 * launcher at the worktree root. Every command gets {@code --devices} with the images it is told about, so the
 * devices file never decides what ulvm sees.
 */
final class Ulvm {
    record Result(int rc, String out, String err) {
        @Override public String toString() { return "rc=" + rc + "\n--out--\n" + out + "--err--\n" + err; }
    }

    final Path dir;
    final SystemDir sys;
    private final boolean launcher;
    /** What the engine of in-process runs from now on runs over. */
    ulvm.ops.Wiring wiring = ulvm.ops.Wiring.PLAIN;

    private Ulvm(Path dir, boolean launcher) {
        this.dir = dir;
        this.sys = new SystemDir(dir.resolve("sys"));
        this.launcher = launcher;
    }

    static Ulvm inProcess(Path dir) { return new Ulvm(dir, false); }

    static Ulvm launcher(Path dir) { return new Ulvm(dir, true); }

    /** A sparse image file of {@code bytes}; an existing file is truncated or grown to that size. */
    Path image(String name, long bytes) throws IOException {
        Path p = dir.resolve(name).toAbsolutePath().normalize();
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            if (ch.size() > bytes) ch.truncate(bytes);
            else if (ch.size() < bytes) ch.write(ByteBuffer.allocate(1), bytes - 1);
        }
        return p;
    }

    /** {@code ulvm CMD --devices IMAGES ARGS}. */
    Result on(List<Path> images, String cmd, String... args) {
        List<String> line = new ArrayList<>(List.of(cmd, "--devices", String.join(",", images.stream().map(Path::toString).toList())));
        line.addAll(List.of(args));
        return run(line.toArray(new String[0]));
    }

    Result run(String... args) {
        return launcher ? viaLauncher(args) : inProcess(args);
    }

    private Result inProcess(String... args) {
        StringWriter o = new StringWriter(), e = new StringWriter();
        StdConsole c = new StdConsole(new PrintWriter(o, true), new PrintWriter(e, true), java.io.InputStream.nullInputStream());
        int rc = Main.run(args, sys, c, null, false, Path.of("").toAbsolutePath(), wiring);
        return new Result(rc, o.toString(), e.toString());
    }

    /** The launcher script: the worktree root is the parent of this module's directory. */
    static Path launcherScript() {
        Path module = Path.of(System.getProperty("basedir", "")).toAbsolutePath().normalize();
        Path script = module.getParent().resolve("ulvm");
        if (!Files.isExecutable(script)) throw new IllegalStateException("no ulvm launcher at " + script);
        return script;
    }

    private Result viaLauncher(String... args) {
        List<String> cmd = new ArrayList<>(List.of(launcherScript().toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("ULVM_SKIP_BUILD", "1");
        pb.environment().put("ULVM_SYSTEM_DIR", sys.root().toString());
        RealLvm.Result r = RealLvm.exec(pb);
        return new Result(r.rc(), r.out(), r.err());
    }
}
