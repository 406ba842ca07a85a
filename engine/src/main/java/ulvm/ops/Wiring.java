package ulvm.ops;

import ulvm.io.CacheMode;
import ulvm.io.Devices;
import ulvm.store.MetadataWriter;

/**
 * What the engine runs over, chosen once where it is assembled (the command line's {@code main}, the mount daemon, a
 * test) and handed to every {@link Session} and activation: where PV images open ({@code images}), who is told the
 * phases of each metadata commit ({@code commitPhases}) and how pvmove and snapshot merge pace their copies ({@code pacing}).
 */
public record Wiring(Devices.Opener images, MetadataWriter.Phases commitPhases, CopyPacing pacing) {
    /** Plain image files, nobody told, no pause. */
    public static final Wiring PLAIN = new Wiring(Devices.FILES, MetadataWriter.Phases.NONE, CopyPacing.NONE);

    /** A process's own: images opened with {@code cache}, the copy pacing found on its class path. */
    public static Wiring of(CacheMode cache) {
        return new Wiring(Devices.files(cache), MetadataWriter.Phases.NONE, CopyPacing.fromClassPath());
    }

    public Wiring withImages(Devices.Opener o) { return new Wiring(o, commitPhases, pacing); }

    public Wiring withCommitPhases(MetadataWriter.Phases p) { return new Wiring(images, p, pacing); }

    public Wiring withPacing(CopyPacing p) { return new Wiring(images, commitPhases, p); }
}
