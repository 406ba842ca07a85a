package ulvm.e2e.mount;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A foreground pvmove forwarded to the daemon prints its progress until the move ends, while other commands run
 * beside it (as with LVM2, whose pvmove only polls): lvs shows [pvmove0] with its Cpy%Sync, lvcreate works.
 */
class PvMoveForegroundTest {
    private static final long MiB = 1L << 20;

    @BeforeAll
    static void fuse() { MountRig.assumeRootWithFuse(); }

    @Test
    void otherCommandsRunWhileAForegroundMoveCopies(@TempDir Path tmp) throws Exception {
        try (MountRig rig = new MountRig(tmp)) {
            rig.env.put("ULVM_PVMOVE_TEST_DELAY_MS", "500"); // each 4 MiB checkpoint waits: 16 of them
            rig.vg("vg", 3, 128 * MiB);
            String src = rig.images.get(0).toString();
            String dst = rig.images.get(1).toString();
            String third = rig.images.get(2).toString();
            rig.ulvm("lvcreate", "-L", "64M", "-n", "lv", "vg", src).ok();
            rig.mount();
            Path file = rig.lvFile("vg", "lv");
            byte[] data = RaidSteps.random(5, (int) (64 * MiB));
            RaidSteps.writeSynced(file, 0, data);

            CompletableFuture<MountRig.Result> move = CompletableFuture.supplyAsync(() -> rig.ulvm("pvmove", "-i", "1", src, dst));
            PvMoves.waitStarted(rig, "vg", 60_000); // a forwarded vgcfgbackup answered during the move
            List<String> rows = rig.ulvm("lvs", "-a", "--noheadings", "-o", "lv_name,lv_attr,copy_percent", "vg").ok().out().lines()
                    .map(l -> l.trim().replaceAll("\\s+", " ")).toList();
            String pvmove = rows.stream().filter(r -> r.startsWith("[pvmove0]")).findFirst().orElseThrow(() -> new AssertionError(rows.toString()));
            assertTrue(pvmove.matches("\\[pvmove0\\] p-C-aom--- [0-9]+\\.[0-9]{2}"), pvmove);
            double pct = Double.parseDouble(pvmove.substring(pvmove.lastIndexOf(' ') + 1));
            assertTrue(pct > 0 && pct < 100, pvmove);
            rig.ulvm("lvcreate", "-L", "4M", "-n", "beside", "vg", third).ok();
            assertFalse(move.isDone(), "the move was still copying while lvs and lvcreate ran");

            MountRig.Result r = move.get(120, TimeUnit.SECONDS).ok();
            assertTrue(r.out().startsWith("  " + src + ": Moved: 0.00%"), r::toString);
            assertTrue(r.out().contains(src + ": Moved: 100.00%"), r::toString);
            assertTrue(r.out().lines().count() >= 3, () -> "progress every second: " + r);
            assertEquals(List.of("beside " + third + "(0)", "lv " + dst + "(0)"), rig.lvs("vg", "lv_name,devices"));
            assertArrayEquals(data, RaidSteps.readAt(file, 0, (int) (64 * MiB)));
            PvMoves.vgckClean(rig, "vg");
        }
    }
}
