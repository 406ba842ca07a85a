package ulvm.io.fault;

/**
 * One injected fault of a {@link FaultyDevice}. Ranges are byte ranges [from, to) of the device; {@code afterWrites}
 * counts the device's writes (plain and durable) before the fault starts.
 */
public sealed interface Fault {
    /** Reads touching [from, to) fail with EIO. */
    record ReadError(long from, long to) implements Fault {}

    /** Writes touching [from, to) fail with EIO and write nothing. */
    record WriteError(long from, long to) implements Fault {}

    /** Every write after the first {@code n} fails (a disk that starts failing). */
    record FailAfterWrites(long n) implements Fault {}

    /** flush and durable writes fail (the data may or may not have reached the disk). */
    record FlushError() implements Fault {}

    /** Every operation waits {@code millis} first (a slow disk). */
    record Delay(long millis) implements Fault {}

    /** After {@code afterOps} operations the device is gone: everything fails with "No such device". */
    record Gone(long afterOps) implements Fault {}
}
