package ulvm.api;

/** A refusal or failure reported to the user as one line; {@code exitCode} 5 (failed) or 3 (bad command line). */
public class LvmException extends Exception {
    public static final int FAILED = 5;
    public static final int INVALID = 3;
    private final int exitCode;

    public LvmException(String message) { this(FAILED, message); }

    public LvmException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() { return exitCode; }

    public static LvmException invalid(String message) { return new LvmException(INVALID, message); }
}
