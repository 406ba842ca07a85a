package ulvm.nbd;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Reading fixed-size fields from a wire and strings from option payloads. */
final class Codec {
    private Codec() { }

    static ByteBuffer read(Wire wire, int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n);
        wire.readFully(b);
        return b.flip();
    }

    /** {@code n} bytes of {@code b} as UTF-8; ProtocolException when they are not valid UTF-8 or not there. */
    static String string(ByteBuffer b, int n) throws ProtocolException {
        if (n < 0 || n > b.remaining()) throw new ProtocolException("a string runs past the end of the option");
        ByteBuffer s = b.slice(b.position(), n);
        b.position(b.position() + n);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(s).toString();
        } catch (CharacterCodingException e) {
            throw new ProtocolException("a string is not UTF-8");
        }
    }

    static byte[] utf8(String s) { return s.getBytes(StandardCharsets.UTF_8); }

    /** An option payload that does not parse (answered with NBD_REP_ERR_INVALID). */
    static final class ProtocolException extends Exception {
        ProtocolException(String message) { super(message); }
    }
}
