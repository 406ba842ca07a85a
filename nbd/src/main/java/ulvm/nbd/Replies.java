package ulvm.nbd;

import static ulvm.nbd.Protocol.*;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import ulvm.io.Volume;

/** Writes transmission replies on a wire: simple ones, or structured chunks once negotiated. */
final class Replies {
    private final Wire wire;
    private final boolean structured;

    Replies(Wire wire, boolean structured) {
        this.wire = wire;
        this.structured = structured;
    }

    boolean structured() { return structured; }

    /** A successful reply with no payload. */
    void ok(long handle) throws IOException {
        if (structured) chunk(handle, true, REPLY_TYPE_NONE);
        else simple(handle, 0);
    }

    /** A failed request: errno {@code error} and, in a structured reply, {@code message}. */
    void error(long handle, int error, String message) throws IOException {
        if (!structured) {
            simple(handle, error);
            return;
        }
        byte[] m = message == null ? new byte[0] : message.getBytes(StandardCharsets.UTF_8);
        if (m.length > 4096) m = java.util.Arrays.copyOf(m, 4096);
        chunk(handle, true, REPLY_TYPE_ERROR, ByteBuffer.allocate(6 + m.length).putInt(error).putShort((short) m.length)
                .put(m).flip());
    }

    /** A simple reply, followed by {@code data} (a successful read). */
    void simple(long handle, int error, ByteBuffer... data) throws IOException {
        ByteBuffer head = ByteBuffer.allocate(16).putInt(SIMPLE_REPLY_MAGIC).putInt(error).putLong(handle).flip();
        send(concat(head, data));
    }

    /** A structured reply chunk of {@code type} with {@code payload}, the last one of its request when {@code done}. */
    void chunk(long handle, boolean done, int type, ByteBuffer... payload) throws IOException {
        long length = 0;
        for (ByteBuffer b : payload) length += b.remaining();
        ByteBuffer head = ByteBuffer.allocate(20).putInt(STRUCTURED_REPLY_MAGIC)
                .putShort((short) (done ? REPLY_FLAG_DONE : 0)).putShort((short) type).putLong(handle)
                .putInt((int) length).flip();
        send(concat(head, payload));
    }

    private void send(ByteBuffer[] buffers) throws Unsent {
        try {
            wire.write(buffers);
        } catch (IOException e) {
            throw new Unsent(e);
        }
    }

    /** A reply that could not be written: the connection is broken (unlike an error of the volume). */
    static final class Unsent extends IOException {
        Unsent(IOException cause) { super(cause.getMessage(), cause); }
    }

    private static ByteBuffer[] concat(ByteBuffer head, ByteBuffer[] rest) {
        ByteBuffer[] all = new ByteBuffer[rest.length + 1];
        all[0] = head;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    /** The NBD errno for an exception from a volume or an export: EIO unless it says otherwise. */
    static int errno(Throwable t) {
        if (t instanceof Volume.NoSpaceException) return ENOSPC;
        if (t instanceof Volume.NotSupportedException) return ENOTSUP;
        if (t instanceof java.nio.file.AccessDeniedException || t instanceof java.nio.ReadOnlyBufferException) return EPERM;
        if (t instanceof IllegalArgumentException || t instanceof IndexOutOfBoundsException) return EINVAL;
        if (t instanceof OutOfMemoryError) return ENOMEM;
        return EIO;
    }
}
