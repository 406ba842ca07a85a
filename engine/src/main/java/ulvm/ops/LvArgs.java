package ulvm.ops;

import java.util.ArrayList;
import java.util.List;
import ulvm.api.LvmException;
import ulvm.model.Lv;
import ulvm.store.Scan;
import ulvm.store.VgCopies;

/**
 * The LVs a command's VG|LV arguments name, as LVM2's process_each_lv finds them: VG/LV names that LV, a VG name
 * every visible LV of that VG (a COW LV counts when its origin is visible). Each LV comes once.
 */
public final class LvArgs {
    /** {@code named}: given as VG/LV (a refusal fails the command), not found through its VG (a refusal only warns). */
    public record Target(String vg, String lv, boolean named) {
        public String display() { return vg + "/" + lv; }
    }

    /** What a command does to one LV; throws to refuse it (exit code 0: a warning only, see {@link #typeRefused}). */
    public interface Each {
        void apply(Target t) throws LvmException;
    }

    /** A failure that ends the whole command at once (it would be the same for every LV). */
    public static final class Abort extends LvmException {
        public Abort(String message) { super(message); }
    }

    private LvArgs() {}

    /**
     * Runs {@code each} on every LV the arguments name, as process_each_lv: a refusal of one LV is told and the others
     * still go; at the end throws with the worst exit code (nothing when every refusal was a warning).
     */
    public static void forEach(Session s, Scan scan, List<String> args, Each each) throws LvmException {
        int rc = 0;
        for (Target t : expand(s, scan, args)) {
            try {
                each.apply(t);
            } catch (Abort e) {
                throw e;
            } catch (LvmException e) {
                if (e.getMessage() != null) for (String l : e.getMessage().split("\n")) s.tell(l);
                rc = Math.max(rc, e.exitCode());
            }
        }
        if (rc != 0) throw new LvmException(rc, null);
    }

    /**
     * An LV whose type (or properties) the command does not take: {@code why} alone when it came from a VG argument,
     * which is no failure; with "Command not permitted" and exit 5 when named.
     */
    public static LvmException typeRefused(Target t, String why) {
        if (!t.named()) return new LvmException(0, why);
        return new LvmException(why + "\nCommand not permitted on LV " + t.display() + ".");
    }

    /** Throws LVM2's words for a VG that is not there; an LV that is not there comes back as named (its refusal follows). */
    public static List<Target> expand(Session s, Scan scan, List<String> args) throws LvmException {
        List<Target> out = new ArrayList<>();
        for (String arg : args) {
            String a = ulvm.api.DevPaths.strip(arg);
            while (a.endsWith("/")) a = a.substring(0, a.length() - 1);
            if (a.contains("/")) {
                String[] vl = LvOps.vgLv(a, null);
                add(out, new Target(vl[0], vl[1], true));
                continue;
            }
            VgCopies vc = s.vg(scan, a);
            for (Lv lv : vc.vg().lvs()) if (SnapshotRoles.userVisible(vc.vg(), lv)) add(out, new Target(a, lv.name(), false));
        }
        return out;
    }

    private static void add(List<Target> out, Target t) {
        for (int i = 0; i < out.size(); i++) {
            Target o = out.get(i);
            if (o.vg().equals(t.vg()) && o.lv().equals(t.lv())) {
                if (t.named() && !o.named()) out.set(i, t);
                return;
            }
        }
        out.add(t);
    }
}
