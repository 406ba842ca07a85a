package ulvm.fuse.kernel;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import ulvm.fuse.FsPath;

/**
 * Node ids the kernel knows paths by: the root is 1, every other path gets the next number the first time a
 * lookup finds it and keeps it for the session's life (a tree of VGs and LVs stays small), so an LV removed and
 * created again under its name is the same node. FORGET therefore needs no bookkeeping.
 */
final class Inodes {
    private final ConcurrentHashMap<FsPath, Long> ids = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, FsPath> paths = new ConcurrentHashMap<>();
    private final AtomicLong next = new AtomicLong(FuseAbi.ROOT_ID + 1);

    Inodes() {
        ids.put(FsPath.ROOT, FuseAbi.ROOT_ID);
        paths.put(FuseAbi.ROOT_ID, FsPath.ROOT);
    }

    /** The path of a node id, or null for one never given out. */
    FsPath path(long nodeid) {
        return paths.get(nodeid);
    }

    /** The node id of {@code p}, given out now if it has none. */
    long id(FsPath p) {
        Long known = ids.get(p);
        if (known != null) return known;
        return ids.computeIfAbsent(p, k -> {
            long id = next.getAndIncrement();
            paths.put(id, k);
            return id;
        });
    }

    /** The node id of {@code p} if the kernel was ever told it, else 0. */
    long known(FsPath p) {
        Long id = ids.get(p);
        return id == null ? 0 : id;
    }

    /** Every path given a node id so far. */
    Iterable<FsPath> all() {
        return ids.keySet();
    }
}
