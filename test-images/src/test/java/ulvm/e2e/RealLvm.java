package ulvm.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a real LVM2 command on PV image files: attaches a loop device per image (read-only unless the command
 * writes), limits LVM2 to exactly those devices with activation disabled, maps /dev/loopN back to the image paths
 * in the output and in nothing else, and detaches. Needs root and Debian's lvm2 (2.03.16).
 */
public final class RealLvm {
    static final String CONFIG = "global{activation=0} devices{hints=\"none\"} backup{backup=0 archive=0}";

    /** Commands that change the images; every other command gets read-only loop devices. */
    private static final Set<String> WRITERS = Set.of("vgcfgrestore", "pvcreate", "vgcreate", "lvcreate", "lvextend",
            "lvreduce", "lvresize", "lvremove", "vgextend", "vgreduce", "vgremove", "pvremove", "pvchange", "pvresize",
            "lvchange", "vgchange", "lvconvert", "lvrename", "vgrename", "vgexport", "vgimport", "vgmerge", "vgsplit", "pvmove");

    /** stderr lines that only say there is no device-mapper or no backup here (and that -Zn did not zero). */
    private static final Pattern NOISE = Pattern.compile(
            "WARNING: Activation disabled|No device-mapper interaction|/dev/mapper/control|Failure to communicate with kernel"
                    + "|Check that device-mapper|Incompatible libdevmapper|NOT backed up|Failed to check for active"
                    + "|WARNING: Logical volume \\S+ not zeroed");

    private static final Pattern LOOP = Pattern.compile("/dev/loop[0-9]+(?![0-9])");

    public record Result(int rc, String out, String err) {
        /** stderr without the activation/backup noise. */
        public String warnings() {
            StringBuilder b = new StringBuilder();
            for (String l : err.split("\n")) if (!l.isBlank() && !NOISE.matcher(l).find()) b.append(l).append('\n');
            return b.toString();
        }

        @Override public String toString() { return "rc=" + rc + "\n--out--\n" + out + "--err--\n" + err; }
    }

    private RealLvm() {}

    static boolean installed() {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":"))
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, "vgck"))) return true;
        return Files.isExecutable(Path.of("/usr/sbin/vgck")) || Files.isExecutable(Path.of("/sbin/vgck"));
    }

    /**
     * Runs {@code cmd args} with {@code --devices} the loop devices over {@code images}. An argument that names one of
     * the images (alone or as {@code IMG:PE-PE}) is given the loop device instead.
     */
    public static Result run(List<Path> images, String cmd, String... args) { return runConfigured(images, CONFIG, cmd, args); }

    /** As {@link #run} with {@code config} as the {@code --config} string instead (archiving on, a local system ID...). */
    public static Result runConfigured(List<Path> images, String config, String cmd, String... args) {
        boolean writes = WRITERS.contains(cmd) || (cmd.equals("vgck") && List.of(args).contains("--updatemetadata"));
        List<String> imgs = new ArrayList<>();
        List<String> loops = new ArrayList<>();
        try {
            for (Path p : images) {
                String img = p.toAbsolutePath().normalize().toString();
                List<String> attach = new ArrayList<>(List.of("losetup", "-f", "--show"));
                if (!writes) attach.add("-r");
                attach.add(img);
                Result r = exec(attach);
                if (r.rc != 0) throw new IllegalStateException("cannot attach " + img + ": " + r);
                imgs.add(img);
                loops.add(r.out.trim());
            }
            List<String> line = new ArrayList<>(List.of(cmd.split(" "))); // "lvm fullreport": a command without its own binary
            line.addAll(List.of("--devices", String.join(",", loops), "--config", config));
            for (String a : args) line.add(toLoop(a, imgs, loops));
            Result r = exec(line);
            return new Result(r.rc, toImages(r.out, imgs, loops), toImages(r.err, imgs, loops));
        } finally {
            for (String l : loops) exec(List.of("losetup", "-d", l));
        }
    }

    /**
     * Runs many read-only commands ({cmd, args...} each) on the images in one go: the loop devices are attached once
     * and one shell runs them all, so a table of commands costs one attach. One result per command.
     */
    public static List<Result> runAll(List<Path> images, List<String[]> commands) {
        List<String> imgs = new ArrayList<>(), loops = new ArrayList<>();
        try {
            for (Path p : images) {
                String img = p.toAbsolutePath().normalize().toString();
                Result r = exec(List.of("losetup", "-f", "--show", "-r", img));
                if (r.rc != 0) throw new IllegalStateException("cannot attach " + img + ": " + r);
                imgs.add(img);
                loops.add(r.out.trim());
            }
            StringBuilder sh = new StringBuilder();
            for (String[] c : commands) {
                List<String> line = new ArrayList<>(List.of(c[0], "--devices", String.join(",", loops), "--config", CONFIG));
                for (int i = 1; i < c.length; i++) line.add(toLoop(c[i], imgs, loops));
                for (String w : line) sh.append('\'').append(w.replace("'", "'\\''")).append("' ");
                sh.append("; rc=$?; echo \"@@@ $rc\"; echo \"@@@ $rc\" >&2\n");
            }
            Result r = exec(List.of("bash", "-c", sh.toString()));
            String[] outs = toImages(r.out, imgs, loops).split("@@@ ", -1), errs = toImages(r.err, imgs, loops).split("@@@ ", -1);
            List<Result> results = new ArrayList<>();
            for (int i = 0; i < commands.size(); i++) {
                String o = i == 0 ? outs[0] : outs[i].substring(outs[i].indexOf('\n') + 1);
                String e = i == 0 ? errs[0] : errs[i].substring(errs[i].indexOf('\n') + 1);
                int rc = Integer.parseInt(outs[i + 1].substring(0, outs[i + 1].indexOf('\n')).trim());
                results.add(new Result(rc, o, e));
            }
            return results;
        } finally {
            for (String l : loops) exec(List.of("losetup", "-d", l));
        }
    }

    /** {@code pvck --dump headers IMG} on the image file itself (pvck refuses its own device with --devices). */
    static Result pvckHeaders(Path image) {
        return exec(List.of("pvck", "--dump", "headers", image.toAbsolutePath().normalize().toString()));
    }

    private static String toLoop(String arg, List<String> imgs, List<String> loops) {
        for (int i = 0; i < imgs.size(); i++) {
            String img = imgs.get(i);
            if (arg.equals(img)) return loops.get(i);
            if (arg.startsWith(img + ":")) return loops.get(i) + arg.substring(img.length());
        }
        return arg;
    }

    private static String toImages(String s, List<String> imgs, List<String> loops) {
        Matcher m = LOOP.matcher(s);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            int i = loops.indexOf(m.group());
            m.appendReplacement(b, Matcher.quoteReplacement(i >= 0 ? imgs.get(i) : m.group()));
        }
        m.appendTail(b);
        return b.toString();
    }

    static Result exec(List<String> command) {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("LVM_SUPPRESS_FD_WARNINGS", "1");
        return exec(pb);
    }

    /** Runs a process with no input; waits at most a minute. */
    static Result exec(ProcessBuilder pb) {
        List<String> command = pb.command();
        pb.environment().put("LC_ALL", "C");
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        try {
            Process p = pb.start();
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> slurp(p.getErrorStream()));
            String out = slurp(p.getInputStream());
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("timed out: " + command);
            }
            return new Result(p.exitValue(), out, err.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String slurp(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
