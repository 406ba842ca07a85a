package ulvm.fuse;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The file handles the kernel holds on LV files: handle number -> (VG, LV, writable), and how many
 * handles each LV has, so that removing an LV can be refused while it is open.
 */
final class OpenFiles {
    /** One open(2) of an LV file. */
    record Handle(String vg, String lv, boolean writable) {
        String key() {
            return OpenFiles.key(vg, lv);
        }
    }

    private final ConcurrentHashMap<Long, Handle> handles = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Integer> counts = new ConcurrentHashMap<>();
    private final AtomicLong nextHandle = new AtomicLong(1);

    long open(String vg, String lv, boolean writable) {
        Handle handle = new Handle(vg, lv, writable);
        long fh = nextHandle.getAndIncrement();
        counts.merge(handle.key(), 1, Integer::sum);
        handles.put(fh, handle);
        return fh;
    }

    /** The handle, or null for an unknown number. */
    Handle get(long fh) {
        return handles.get(fh);
    }

    void release(long fh) {
        Handle handle = handles.remove(fh);
        if (handle != null) {
            counts.computeIfPresent(handle.key(), (k, n) -> n == 1 ? null : n - 1);
        }
    }

    int count(String vg, String lv) {
        return counts.getOrDefault(key(vg, lv), 0);
    }

    int total() {
        return handles.size();
    }

    private static String key(String vg, String lv) {
        return vg + '/' + lv;
    }
}
