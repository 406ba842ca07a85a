package ulvm.snapshot;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import ulvm.model.Lv;
import ulvm.model.SnapshotSegment;
import ulvm.model.Vg;
import ulvm.segtype.SnapshotType;

/**
 * Snapshots in the metadata model, as LVM2 records them: an internal LV (snapshotN) holding one {@link SnapshotSegment}
 * that names the origin LV and the COW LV (the user's snapshot name, an ordinary LV holding the store).
 */
public final class SnapshotLvs {
    private SnapshotLvs() {}

    public static Optional<SnapshotSegment> segment(Lv lv) {
        return Optional.ofNullable(SnapshotType.of(lv));
    }

    /** The snapshot segments of {@code origin}, in metadata order. */
    public static List<SnapshotSegment> of(Vg vg, String origin) {
        List<SnapshotSegment> out = new ArrayList<>();
        for (Lv l : vg.lvs()) segment(l).filter(s -> s.origin().equals(origin)).ifPresent(out::add);
        return out;
    }

    /** The snapshot segment whose COW LV is {@code cow}. */
    public static Optional<SnapshotSegment> ofCow(Vg vg, String cow) {
        for (Lv l : vg.lvs()) {
            Optional<SnapshotSegment> s = segment(l).filter(x -> x.cowStore().equals(cow));
            if (s.isPresent()) return s;
        }
        return Optional.empty();
    }

    /** The internal snapshotN LV of the COW LV {@code cow}. */
    public static Optional<Lv> internalOf(Vg vg, String cow) {
        for (Lv l : vg.lvs()) if (segment(l).filter(x -> x.cowStore().equals(cow)).isPresent()) return Optional.of(l);
        return Optional.empty();
    }

    public static boolean isOrigin(Vg vg, String lv) { return !of(vg, lv).isEmpty(); }

    public static boolean isCow(Vg vg, String lv) { return ofCow(vg, lv).isPresent(); }

    /** The snapshot merging into {@code origin}, if any. */
    public static Optional<SnapshotSegment> merging(Vg vg, String origin) {
        return of(vg, origin).stream().filter(SnapshotSegment::merging).findFirst();
    }
}
