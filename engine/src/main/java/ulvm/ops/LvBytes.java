package ulvm.ops;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import ulvm.api.LvmException;
import ulvm.mapping.LvTable;
import ulvm.mapping.TableBuilder;
import ulvm.model.Lv;
import ulvm.model.Vg;
import ulvm.segtype.StripedType;
import ulvm.store.PvDevice;
import ulvm.store.VgCopies;

/**
 * A linear or striped LV's bytes (a pool's metadata LV or its spare: LVM2 lets `lvconvert --thinpool --poolmetadata`
 * take a striped one) copied to a file and back, through the LV's mapping on its PVs.
 */
final class LvBytes {
    private LvBytes() {}

    /** Writes the LV's bytes to {@code file}, which ends up the LV's size. */
    static void toFile(VgCopies vc, Vg vg, Lv lv, Path file) throws LvmException { copy(vc, vg, lv, file, false); }

    /** Writes {@code file}'s bytes (up to the LV's size) over the LV, and forces them out. */
    static void fromFile(VgCopies vc, Vg vg, Lv lv, Path file) throws LvmException { copy(vc, vg, lv, file, true); }

    private static void copy(VgCopies vc, Vg vg, Lv lv, Path file, boolean intoLv) throws LvmException {
        for (var seg : lv.segments())
            if (StripedType.view(seg) == null)
                throw new LvmException(vg.name() + "/" + lv.name() + " is not linear or striped: not supported by this version of ulvm yet.");
        for (var seg : lv.segments())
            for (var a : seg.areas())
                if (a instanceof ulvm.model.Area.OnPv on && vc.device(on.pvId()) == null)
                    throw new LvmException("Cannot access " + vg.name() + "/" + lv.name() + ": a PV is missing.");
        ByteBuffer buf = ByteBuffer.allocate(1 << 20);
        try (FileChannel f = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.CREATE)) {
            LvTable table = TableBuilder.build(vg, lv, id -> {
                PvDevice d = vc.device(id);
                return d == null ? null : d.device();
            });
            for (long at = 0; at < table.size(); at += buf.capacity()) {
                buf.clear().limit((int) Math.min(buf.capacity(), table.size() - at));
                if (intoLv) {
                    while (buf.hasRemaining() && f.read(buf, at + buf.position()) > 0) { }
                    while (buf.hasRemaining()) buf.put((byte) 0); // past the file's end: zeros
                    buf.flip();
                    table.write(at, buf);
                } else {
                    while (buf.hasRemaining()) table.read(at + buf.position(), buf);
                    buf.flip();
                    while (buf.hasRemaining()) f.write(buf, at + buf.position());
                }
            }
            if (intoLv) table.flush();
        } catch (IOException e) {
            throw new LvmException("Cannot copy " + vg.name() + "/" + lv.name() + ": " + e.getMessage());
        }
    }
}
