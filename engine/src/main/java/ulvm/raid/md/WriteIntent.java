package ulvm.raid.md;

import java.io.IOException;
import ulvm.bitmap.WriteIntentLog;

/**
 * The write-intent hook of an md array: before any image write to regions {@code first..last} (regions of image
 * offsets, as md's bitmap counts device sectors for raid4/5/6), their bits must be durable. The raid1 arrays'
 * {@link WriteIntentLog} (group commit, a record on every rmeta) does it: {@link #of}.
 */
@FunctionalInterface
public interface WriteIntent {
    void beforeWrite(long first, long last) throws IOException;

    /** No log (raid0, or tests). */
    static WriteIntent none() { return (f, l) -> { }; }

    /** Marks through a raid1-style write-intent log. */
    static WriteIntent of(WriteIntentLog log) {
        return (f, l) -> {
            if (f == l) log.beforeWrite(f);
            else log.beforeWrite(f, l);
        };
    }
}
