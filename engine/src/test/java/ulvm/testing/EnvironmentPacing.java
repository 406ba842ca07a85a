package ulvm.testing;

import ulvm.ops.CopyPacing;

/**
 * The copy pacing of ulvm processes the end-to-end suites start (the command line, the mount daemon), set by
 * environment variables: ULVM_PVMOVE_TEST_DELAY_MS (a pvmove's pause after each checkpoint), ULVM_PVMOVE_TEST_CHUNK_MS
 * (the least time of each chunk of a pvmove without a mount, under the chunk's lock, as a slow disk), ULVM_MERGE_TEST_DELAY_MS
 * (a snapshot merge's pause after each batch); the system properties ulvm.pvmove.delayMs and ulvm.merge.delayMs win
 * over the first and the last. Found by {@link CopyPacing#fromClassPath} (META-INF/services) when a rig puts the
 * engine's test classes on the process's class path ({@code ULVM_CLASSPATH} of the launcher).
 */
public final class EnvironmentPacing implements CopyPacing {
    /** The launcher's variable for more class path entries. */
    public static final String CLASSPATH_VARIABLE = "ULVM_CLASSPATH";

    /** Puts the engine's test classes (this pacing and its service file) on the class path of the ulvm run with {@code env}. */
    public static void onClassPathOf(java.util.Map<String, String> env) {
        try {
            env.put(CLASSPATH_VARIABLE, java.nio.file.Path.of(EnvironmentPacing.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override public long movePauseMillis() { return Long.getLong("ulvm.pvmove.delayMs", env("ULVM_PVMOVE_TEST_DELAY_MS")); }

    @Override public long moveChunkMillis() { return env("ULVM_PVMOVE_TEST_CHUNK_MS"); }

    @Override public long mergePauseMillis() { return Long.getLong("ulvm.merge.delayMs", env("ULVM_MERGE_TEST_DELAY_MS")); }

    /** A number from the environment, 0 when unset or not a number. */
    private static long env(String name) {
        try {
            String v = System.getenv(name);
            return v == null ? 0 : Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
