package ulvm.ops;

import java.io.IOException;
import ulvm.api.LvmException;
import ulvm.model.Area;
import ulvm.model.Lv;
import ulvm.model.Pv;
import ulvm.model.Segment;
import ulvm.model.Vg;
import ulvm.store.PvDevice;
import ulvm.store.VgCopies;

/**
 * lvcreate's -Z y: wipes the first 4 KiB of a new LV so old signatures on reused extents are gone; and the full
 * wipe of a new raid metadata sub-LV.
 */
final class LvZero {
    static final int BYTES = 4096;

    private LvZero() {}

    static void zeroStart(VgCopies vc, Vg vg, Lv lv) throws LvmException {
        if (lv.segments().isEmpty()) return;
        Segment first = lv.segments().get(0);
        if (first.areas().isEmpty() || !(first.areas().get(0) instanceof Area.OnPv on)) return;
        Pv pv = vg.pv(on.pvId()).orElseThrow();
        PvDevice d = vc.device(on.pvId());
        if (d == null) return;
        long off = pv.peStart() * 512 + on.pe() * vg.extentBytes();
        try {
            d.device().write(off, new byte[(int) Math.min(BYTES, vg.extentBytes())]);
            d.device().flush();
        } catch (IOException e) {
            throw new LvmException("Failed to wipe start of new LV " + vg.name() + "/" + lv.name() + ": " + e.getMessage());
        }
    }

    /** Zeroes every extent of {@code lv} (a new rmeta: no valid superblock or bitmap means a new leg). */
    static void zeroAll(VgCopies vc, Vg vg, Lv lv) throws LvmException {
        byte[] zeros = new byte[1 << 20];
        try {
            for (Segment seg : lv.segments()) {
                for (Area a : seg.areas()) {
                    if (!(a instanceof Area.OnPv on)) continue;
                    Pv pv = vg.pv(on.pvId()).orElseThrow();
                    PvDevice d = vc.device(on.pvId());
                    if (d == null) continue;
                    long off = pv.peStart() * 512 + on.pe() * vg.extentBytes();
                    long len = seg.areaLength() * vg.extentBytes();
                    for (long done = 0; done < len; done += zeros.length) {
                        int n = (int) Math.min(zeros.length, len - done);
                        d.device().write(off + done, n == zeros.length ? zeros : new byte[n]);
                    }
                    d.device().flush();
                }
            }
        } catch (IOException e) {
            throw new LvmException("Failed to wipe new metadata LV " + vg.name() + "/" + lv.name() + ": " + e.getMessage());
        }
    }
}
