package ulvm.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ulvm.api.Console;
import ulvm.ops.LvOps;
import ulvm.ops.PvOps;
import ulvm.ops.Session;
import ulvm.ops.Sizes;
import ulvm.ops.VgOps;
import ulvm.ops.Wiring;

/** A commit stopped after any phase leaves the old or the new metadata on every PV, never a mix. */
class CommitCrashTest {
    @TempDir Path dir;

    static final class Quiet implements Console {
        final List<String> lines = new ArrayList<>();
        @Override public void out(String l) { lines.add(l); }
        @Override public void err(String l) { lines.add(l); }
        @Override public boolean ask(String q) { return false; }
    }

    /** The phase at which the commits of {@link #session}'s commands stop; null: none. */
    String crashAfter;

    Session session(List<Path> pvs) {
        MetadataWriter.Phases phases = p -> { if (p.equals(crashAfter)) throw new IOException("simulated crash after " + p); };
        return new Session(new SystemDir(dir.resolve("sys")), pvs, new Quiet(), "test", Path.of("").toAbsolutePath(), Wiring.PLAIN.withCommitPhases(phases));
    }

    @Test
    void crashAtEveryPhaseLeavesOldOrNew() throws Exception {
        for (String phase : List.of("written", "precommitted", "committed")) {
            Path d = Files.createDirectories(dir.resolve(phase));
            List<Path> pvs = List.of(d.resolve("a.img"), d.resolve("b.img"));
            for (Path p : pvs) try (var f = java.nio.channels.FileChannel.open(p, java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE)) { f.truncate(0); f.write(java.nio.ByteBuffer.allocate(1), 64L << 20); }
            Session s = session(pvs);
            new PvOps(s).pvcreate(pvs, new PvOps.CreateSpec(false, null, 0, 0));
            new VgOps(s).vgcreate("vg", pvs, 0);
            crashAfter = phase;
            LvOps.SizeArg size = new LvOps.SizeArg(Sizes.parse("8M", "-L"), null);
            assertThrows(Exception.class, () -> new LvOps(s).lvcreate(new LvOps.CreateSpec("vg", "lv", size, 1, 0, List.of(), null, false, true)));
            crashAfter = null;
            try (Scan scan = Scan.of(pvs, false)) {
                VgCopies vc = scan.vg("vg").orElseThrow();
                boolean created = vc.vg().lv("lv").isPresent();
                assertEquals(phase.equals("committed"), created, phase);
                assertEquals(created ? 2 : 1, vc.vg().seqno(), phase);
                assertTrue(vc.staleCopies().isEmpty(), phase + ": every PV has the same version");
            }
        }
    }
}
