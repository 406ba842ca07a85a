package ulvm.ops;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import ulvm.api.LvmException;
import ulvm.model.Area;
import ulvm.model.Lv;
import ulvm.model.Pv;
import ulvm.model.Segment;
import ulvm.model.Vg;
import ulvm.store.PvDevice;
import ulvm.store.VgCopies;

/** A linear LV's bytes (a pool's metadata LV or its spare) copied to a file and back, extent by extent on its PVs. */
final class LvBytes {
    private LvBytes() {}

    /** Writes the LV's bytes to {@code file}, which ends up the LV's size. */
    static void toFile(VgCopies vc, Vg vg, Lv lv, Path file) throws LvmException { copy(vc, vg, lv, file, false); }

    /** Writes {@code file}'s bytes (up to the LV's size) over the LV, and forces them out. */
    static void fromFile(VgCopies vc, Vg vg, Lv lv, Path file) throws LvmException { copy(vc, vg, lv, file, true); }

    private static void copy(VgCopies vc, Vg vg, Lv lv, Path file, boolean intoLv) throws LvmException {
        ByteBuffer buf = ByteBuffer.allocate(1 << 20);
        try (FileChannel f = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.CREATE)) {
            long at = 0;
            for (Segment seg : lv.segments()) {
                if (seg.areas().size() != 1 || !(seg.areas().get(0) instanceof Area.OnPv on))
                    throw new LvmException(vg.name() + "/" + lv.name() + " is not linear: not supported by this version of ulvm yet.");
                Pv pv = vg.pv(on.pvId()).orElseThrow();
                PvDevice d = vc.device(on.pvId());
                if (d == null) throw new LvmException("Cannot access " + vg.name() + "/" + lv.name() + ": a PV is missing.");
                long off = pv.peStart() * 512 + on.pe() * vg.extentBytes(), len = seg.areaLength() * vg.extentBytes();
                for (long done = 0; done < len; done += buf.capacity()) {
                    buf.clear().limit((int) Math.min(buf.capacity(), len - done));
                    if (intoLv) {
                        while (buf.hasRemaining() && f.read(buf, at + done + buf.position()) > 0) { }
                        while (buf.hasRemaining()) buf.put((byte) 0); // past the file's end: zeros
                        buf.flip();
                        d.device().writeFully(off + done, buf);
                    } else {
                        d.device().readFully(off + done, buf);
                        buf.flip();
                        while (buf.hasRemaining()) f.write(buf, at + done + buf.position());
                    }
                }
                if (intoLv) d.device().flush();
                at += len;
            }
        } catch (IOException e) {
            throw new LvmException("Cannot copy " + vg.name() + "/" + lv.name() + ": " + e.getMessage());
        }
    }
}
