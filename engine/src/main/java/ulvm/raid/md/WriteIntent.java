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

    /**
     * {@link #beforeWrite(long, long)} for a write that starts at region {@code first}'s start: a sequential stream's
     * likely next step, for which a log may mark regions ahead in the same record.
     */
    default void beforeStreamWrite(long first, long last) throws IOException { beforeWrite(first, last); }

    /** No log (raid0, or tests). */
    static WriteIntent none() { return (f, l) -> { }; }

    /** Marks through a raid1-style write-intent log. */
    static WriteIntent of(WriteIntentLog log) {
        return new WriteIntent() {
            @Override
            public void beforeWrite(long f, long l) throws IOException {
                if (f == l) log.beforeWrite(f);
                else log.beforeWrite(f, l);
            }

            @Override
            public void beforeStreamWrite(long f, long l) throws IOException {
                if (f == l) log.beforeWrite(f, true); // marks ahead when the region before is durably dirty
                else log.beforeWrite(f, l);
            }
        };
    }
}
