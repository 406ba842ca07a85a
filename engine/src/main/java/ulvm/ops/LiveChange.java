package ulvm.ops;

import java.io.IOException;
import java.util.Map;
import java.util.function.Consumer;
import ulvm.api.LvmException;
import ulvm.model.Vg;
import ulvm.store.MetadataWriter;
import ulvm.store.PvDevice;
import ulvm.store.VgCopies;

/**
 * One metadata change applied to what is live, as LVM2's {@code _lv_update_and_reload}: the new text is written and
 * precommitted on every PV, the LVs it changes are suspended ({@link Session.LiveHooks#suspend}), it commits, the new
 * mapping tables are swapped in and I/O resumes ({@link Session.LiveHooks#committed}). A failure before the commit
 * resumes the old tables and says "Failed to write VG ... metadata"; after the commit the new metadata stands, and an
 * LV whose new table cannot load fails its I/O while the command says "Problem reactivating logical volume". Every
 * commit of every command (pvmove's checkpoints included) goes through here, offline too (the hooks do nothing).
 */
final class LiveChange {
    private final Session.LiveHooks hooks;
    private final MetadataWriter.Phases phases;

    LiveChange(Session.LiveHooks hooks, MetadataWriter.Phases phases) {
        this.hooks = hooks;
        this.phases = phases;
    }

    /**
     * Commits {@code next} with seqno {@code prevSeqno + 1}; {@code committed} runs once the commit is durable, before
     * the tables are swapped (LVM2's backup). Returns the VG as committed.
     */
    Vg apply(VgCopies before, Vg next, Map<String, PvDevice> devices, long prevSeqno, String description, boolean repairHeaders,
             Consumer<Vg> committed) throws LvmException {
        Vg done;
        try {
            try {
                done = MetadataWriter.commit(next, prevSeqno, devices, description, v -> hooks.suspend(v, before), repairHeaders, phases);
            } catch (IOException | RuntimeException e) {
                hooks.aborted(next, before);
                throw e;
            }
        } catch (IOException e) {
            throw new LvmException("Failed to write VG " + next.name() + " metadata: " + e.getMessage());
        }
        committed.accept(done);
        try {
            hooks.committed(done, before);
        } catch (IOException | RuntimeException e) { // committed: the new metadata stands, whatever the live tables did
            throw new LvmException(e.getMessage() != null && e.getMessage().startsWith("Problem reactivating")
                    ? e.getMessage() : "Problem reactivating logical volumes of VG " + done.name() + ": " + e);
        }
        return done;
    }
}
