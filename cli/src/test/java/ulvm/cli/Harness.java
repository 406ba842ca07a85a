package ulvm.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import ulvm.store.Scan;
import ulvm.store.SystemDir;

/** Runs ulvm commands in-process against sparse image files in a temporary directory. */
final class Harness {
    record Result(int rc, String out, String err) {
        @Override public String toString() { return "rc=" + rc + "\n--out--\n" + out + "--err--\n" + err; }
    }

    final Path dir;
    final SystemDir sys;
    /** What the engine of the commands run from now on runs over. */
    ulvm.ops.Wiring wiring = ulvm.ops.Wiring.PLAIN;

    Harness(Path dir) {
        this.dir = dir;
        this.sys = new SystemDir(dir.resolve("sys"));
    }

    Path image(String name, long bytes) throws IOException {
        Path p = dir.resolve(name);
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            ch.truncate(0);
            ch.write(ByteBuffer.allocate(1), bytes - 1);
        }
        return p;
    }

    Result run(String... args) { return runWithInput(null, args); }

    Result runWithInput(String stdin, String... args) { return runWith(null, stdin, args); }

    /** With live hooks standing in for a daemon (activity, raid status, sync actions). */
    Result runWith(ulvm.ops.Session.LiveHooks hooks, String stdin, String... args) {
        StringWriter o = new StringWriter(), e = new StringWriter();
        InputStream in = stdin == null ? InputStream.nullInputStream() : new java.io.ByteArrayInputStream(stdin.getBytes());
        StdConsole c = new StdConsole(new PrintWriter(o, true), new PrintWriter(e, true), in);
        int rc = Main.run(args, sys, c, hooks, false, Path.of("").toAbsolutePath(), wiring);
        return new Result(rc, o.toString(), e.toString());
    }

    /**
     * SHA-256 over every file in the directory and the devices file: of each image its size, its first 1.1 MiB
     * (label, metadata area, start of the data area) and the first 4 KiB of every 1 MiB after that (where LV
     * zeroing or misplaced data would land). Proves that a refused command wrote nothing.
     */
    String fingerprint() throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        List<Path> files = new java.util.ArrayList<>();
        try (var l = Files.list(dir)) {
            files.addAll(l.filter(Files::isRegularFile).sorted().toList());
        }
        if (Files.exists(sys.devicesFile())) files.add(sys.devicesFile());
        for (Path p : files) {
            md.update(p.getFileName().toString().getBytes());
            try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
                long size = ch.size();
                md.update(Long.toString(size).getBytes());
                ByteBuffer head = ByteBuffer.allocate((int) Math.min(size, 1_200_000));
                ch.read(head, 0);
                md.update(head.flip());
                for (long at = 2 << 20; at < size; at += 1 << 20) {
                    ByteBuffer b = ByteBuffer.allocate(4096);
                    ch.read(b, at);
                    md.update(b.flip());
                }
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    Scan scan(Path... pvs) { return Scan.of(List.of(pvs), false); }

    static void ok(Result r) { org.junit.jupiter.api.Assertions.assertEquals(0, r.rc(), r.toString()); }

    /** A refusal: the exit code, the expected line on stderr, no stack trace, and no byte changed anywhere. */
    void refused(int rc, String line, String... args) throws Exception {
        String before = fingerprint();
        Result r = run(args);
        org.junit.jupiter.api.Assertions.assertEquals(rc, r.rc(), r.toString());
        org.junit.jupiter.api.Assertions.assertTrue(r.err().contains(line), "expected <" + line + "> in\n" + r);
        org.junit.jupiter.api.Assertions.assertFalse(r.err().contains("Exception"), r.toString());
        org.junit.jupiter.api.Assertions.assertEquals(before, fingerprint(), "a refused command must write nothing");
    }
}
