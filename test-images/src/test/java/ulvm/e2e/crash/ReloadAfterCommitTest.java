package ulvm.e2e.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ulvm.io.FileBlockDevice;

/**
 * Issue 14.5: once the metadata has committed, the new tables are the truth. When an active LV's new table cannot be
 * loaded (here: the PV it was extended onto cannot be opened by the daemon), the LV resumes failing its I/O with EIO
 * (its old table would hide the new extents and, after a move, point at freed ones), the command says so in LVM2's
 * words ("Problem reactivating logical volume") instead of claiming the commit failed, and the committed metadata
 * stands. Reactivation loads the new table.
 */
class ReloadAfterCommitTest {
    @Test
    void anLvWhoseNewTableCannotLoadFailsItsIoAndTheCommandSaysSo(@TempDir Path tmp) throws Exception {
        try (Rig rig = new Rig(tmp, 4)) {
            Path blocked = rig.images.get(3).toAbsolutePath().normalize();
            boolean[] refuse = {false};
            rig.devices = (path, writable) -> {
                boolean daemon = StackWalker.getInstance().walk(s -> s.anyMatch(f -> f.getClassName().equals("ulvm.live.Activation")));
                if (refuse[0] && daemon && path.toAbsolutePath().normalize().equals(blocked)) throw new IOException(path + ": Permission denied");
                return FileBlockDevice.open(path, writable);
            };
            Builds.vg(rig);
            Builds.linear(rig, "lin", 0);
            rig.activate();
            byte[] data = Stamps.block(0, 7);
            rig.lv("lin").write(0, ByteBuffer.wrap(data));
            refuse[0] = true;
            rig.ok("vgextend", Rig.VG, rig.pv(3)); // no active LV changes: the daemon needs nothing of the new PV yet
            Rig.Result r = rig.cli("lvextend", "-l", "+1", Rig.VG + "/lin", rig.pv(3));
            assertEquals(5, r.rc(), r.toString());
            assertTrue(r.err().contains("Problem reactivating logical volume " + Rig.VG + "/lin."), r.err());
            assertTrue(!r.err().contains("Failed to write VG"), r.err());
            refuse[0] = false;
            assertEquals(Builds.LV_MIB + 1, rig.vg().lv("lin").orElseThrow().extents(), "the commit stands");
            IOException e = assertThrows(IOException.class, () -> rig.lv("lin").read(0, ByteBuffer.allocate(4096)));
            assertTrue(e.getMessage().contains("Input/output error"), e.getMessage());
            assertTrue(rig.messages.stream().anyMatch(m -> m.contains("lin: its new mapping cannot be loaded")), rig.messages.toString());
            rig.ok("lvchange", "-an", Rig.VG + "/lin");
            rig.ok("lvchange", "-ay", Rig.VG + "/lin");
            byte[] back = new byte[4096];
            rig.lv("lin").read(0, ByteBuffer.wrap(back));
            assertEquals(ByteBuffer.wrap(data), ByteBuffer.wrap(back));
            assertEquals((Builds.LV_MIB + 1) * Rig.MiB, rig.lv("lin").size());
        }
    }
}
