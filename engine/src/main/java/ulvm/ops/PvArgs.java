package ulvm.ops;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import ulvm.alloc.PvRange;
import ulvm.api.LvmException;
import ulvm.model.Pv;
import ulvm.model.Vg;
import ulvm.store.PvDevice;
import ulvm.store.VgCopies;

/** PV arguments of lvcreate, lvextend and pvmove: {@code PATH[:PE[-PE]][:PE[-PE]]...}. */
public final class PvArgs {
    private PvArgs() {}

    /** The PE ranges the arguments allow, by PV id; empty list for no arguments. */
    public static List<PvRange> parse(List<String> args, VgCopies vc, Session s) throws LvmException {
        List<PvRange> out = new ArrayList<>();
        Vg vg = vc.vg();
        for (String arg : args) {
            String[] parts = arg.split(":");
            Path path = s.resolve(parts[0]);
            PvDevice dev = null;
            for (PvDevice d : vc.devices().values()) if (d.path().toAbsolutePath().normalize().equals(path)) dev = d;
            if (dev == null) throw new LvmException("Physical Volume \"" + parts[0] + "\" not found in Volume Group \"" + vg.name() + "\".");
            Pv pv = vg.pv(dev.uuid()).orElseThrow();
            if (parts.length == 1) {
                out.add(new PvRange(pv.id(), 0, pv.peCount()));
                continue;
            }
            for (int i = 1; i < parts.length; i++) {
                String r = parts[i];
                long start, end;
                try {
                    int dash = r.indexOf('-');
                    if (dash < 0) {
                        start = Long.parseLong(r);
                        end = start;
                    } else {
                        start = dash == 0 ? 0 : Long.parseLong(r.substring(0, dash));
                        end = dash == r.length() - 1 ? pv.peCount() - 1 : Long.parseLong(r.substring(dash + 1));
                    }
                } catch (NumberFormatException e) {
                    throw LvmException.invalid("Physical extent parsing error at " + r + ".");
                }
                if (start > end || end >= pv.peCount() || start < 0)
                    throw new LvmException("PE range error: start extent " + start + " to end extent " + end + ".");
                out.add(new PvRange(pv.id(), start, end + 1));
            }
        }
        return out;
    }
}
