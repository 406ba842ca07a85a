package ulvm.raid;

/**
 * Timing of a running array. {@code quietMillis}: a dirty bit is cleared once its region had no write for this long
 * (at most twice as long); {@code rateBytesPerSecond}: resync/merge copy rate per device, 0 for unlimited (LVM2's
 * max_recovery_rate overrides it per LV).
 */
public record RaidSettings(long quietMillis, long rateBytesPerSecond) {
    public static RaidSettings defaults() {
        return new RaidSettings(Long.getLong("ulvm.raid.quietMillis", 3000), 0);
    }

    public RaidSettings withRate(long bytesPerSecond) { return new RaidSettings(quietMillis, bytesPerSecond); }
}
