package ulvm.ops;

import java.util.Set;
import ulvm.model.Vg;
import ulvm.store.LocalSystemId;

/**
 * The VGs LVM2 2.03.16 will not touch, and its words for them (lib/metadata/metadata.c: _access_vg_lock_type,
 * _access_vg_systemid, _access_vg_exported, checked in that order by vg_read): a VG whose lock type needs lvmlockd
 * (there is none here), a VG owned by another host (a system ID that is not the local one), an exported VG.
 */
public final class VgAccess {
    /** What a command may still use: LVM2's READ_ALLOW_EXPORTED, --foreign, --shared. */
    public enum Allow { EXPORTED, FOREIGN, SHARED }

    /**
     * A refusal. {@code message}: what a command naming the VG prints, one line per time LVM2 prints it (a foreign VG
     * with no local system ID: twice); {@code unnamed}: what a command going over every VG prints (mostly nothing).
     */
    public record Refusal(String message, String unnamed) { }

    private VgAccess() {}

    /** Null when the VG may be used. */
    public static Refusal check(Vg vg, LocalSystemId local, Set<Allow> allow) {
        if (vg.shared() && !allow.contains(Allow.SHARED)) {
            return new Refusal("Cannot access VG " + vg.name() + " with lock type " + vg.setting("lock_type") + " that requires lvmlockd.", null);
        }
        String sid = vg.setting("system_id");
        if (sid != null && !sid.isEmpty() && !sid.equals(local.id()) && !allow.contains(Allow.FOREIGN)) {
            if (local.id() == null) {
                String m = "Cannot access VG " + vg.name() + " with system ID " + sid + " with unknown local system ID.";
                return new Refusal(m + "\n" + m, m);
            }
            return new Refusal("Cannot access VG " + vg.name() + " with system ID " + sid + " with local system ID " + local.id() + ".", null);
        }
        if (vg.exported() && !allow.contains(Allow.EXPORTED)) return new Refusal("Volume group " + vg.name() + " is exported", null);
        return null;
    }
}
