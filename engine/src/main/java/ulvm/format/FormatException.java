package ulvm.format;

import java.io.IOException;

/** On-disk data that does not parse: bad CRC, bad magic, truncated area, garbage text. */
public class FormatException extends IOException {
    public FormatException(String message) { super(message); }
}
