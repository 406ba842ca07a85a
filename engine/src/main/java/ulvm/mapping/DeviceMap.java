package ulvm.mapping;

import java.util.function.Function;
import ulvm.io.BlockDevice;

/**
 * PV id to its open image, with the locks of the moves running on them: tables built from one map share the locks
 * the copier takes. A plain {@code Function} gets locks of its own (nothing copies concurrently offline).
 */
public interface DeviceMap extends Function<String, BlockDevice> {
    MoveLocks moveLocks();

    static DeviceMap of(Function<String, BlockDevice> byId, MoveLocks locks) {
        return new DeviceMap() {
            @Override public BlockDevice apply(String id) { return byId.apply(id); }
            @Override public MoveLocks moveLocks() { return locks; }
        };
    }
}
