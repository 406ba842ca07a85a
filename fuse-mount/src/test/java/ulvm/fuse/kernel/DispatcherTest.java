package ulvm.fuse.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jnr.ffi.LibraryLoader;
import jnr.ffi.annotations.Out;
import jnr.ffi.types.size_t;
import jnr.ffi.types.ssize_t;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import ulvm.fuse.Errno;
import ulvm.fuse.VolumeFiles;
import ulvm.fuse.VolumeTree;

/**
 * Requests fed to {@link Dispatcher}s through a SOCK_SEQPACKET socket pair standing in for /dev/fuse (one read, one
 * request; one write, one reply), laid out as include/uapi/linux/fuse.h says: which requests get no reply at all, and
 * that the session answers the next request after them.
 */
class DispatcherTest {
    /** The socket calls the test needs from libc. */
    public interface Sockets {
        int socketpair(int domain, int type, int protocol, @Out int[] sv);

        @ssize_t long send(int fd, byte[] buf, @size_t long len, int flags);

        @ssize_t long recv(int fd, @Out byte[] buf, @size_t long len, int flags);

        int close(int fd);
    }

    private static final Sockets LIBC = LibraryLoader.create(Sockets.class).load("c");
    private static final int AF_UNIX = 1, SOCK_SEQPACKET = 5, MSG_DONTWAIT = 0x40;
    private static final int LSEEK = 46;
    /** fuse.h: an INTERRUPT's unique is the interrupted request's with this bit set. */
    private static final long INT_REQ_BIT = 1;

    private final int[] pair = new int[2];
    private KernelSession session;

    @BeforeEach
    void open() {
        assertEquals(0, LIBC.socketpair(AF_UNIX, SOCK_SEQPACKET, 0, pair));
        session = KernelSession.unmounted(new VolumeFiles(new VolumeTree()), pair[0]);
    }

    @AfterEach
    void close() {
        LIBC.close(pair[0]);
        LIBC.close(pair[1]);
    }

    /** An INTERRUPT for a request already answered: no reply, and the next request is answered. */
    @Test
    void interruptOfAnAnsweredRequestGetsNoReply() {
        Dispatcher d = dispatcher();
        serve(d, getattr(10));
        assertReply(10, 0, FuseAbi.OUT_HEADER + FuseAbi.ATTR_OUT, kernelReads());
        serve(d, interrupt(12, 10));
        assertNull(kernelReads(), "an INTERRUPT is not answered");
        serve(d, getattr(14));
        assertReply(14, 0, FuseAbi.OUT_HEADER + FuseAbi.ATTR_OUT, kernelReads());
    }

    /**
     * An INTERRUPT read by one worker while another still serves the request: no reply to it, and the original is
     * answered as usual (fuse.rst: the filesystem may ignore INTERRUPT entirely).
     */
    @Test
    void interruptOfARequestStillBeingServedGetsNoReply() {
        Dispatcher serving = dispatcher(), other = dispatcher();
        kernelSends(getattr(20));
        int n = (int) serving.receive();
        kernelSends(interrupt(22, 20));
        other.handle((int) other.receive());
        assertNull(kernelReads(), "an INTERRUPT is not answered");
        serving.handle(n);
        assertReply(20, 0, FuseAbi.OUT_HEADER + FuseAbi.ATTR_OUT, kernelReads());
        assertNull(kernelReads(), "one reply only");
    }

    /** FORGET and BATCH_FORGET have no reply (fuse.h); node ids stay valid, so a GETATTR after them is answered. */
    @Test
    void forgetsGetNoReplyAndTheSessionGoesOn() {
        Dispatcher d = dispatcher();
        ByteBuffer batch = request(FuseAbi.BATCH_FORGET, 0, 0, 8 + 2 * 16);
        batch.putInt(40, 2).putLong(48, FuseAbi.ROOT_ID).putLong(56, 1).putLong(64, 99).putLong(72, 3);
        serve(d, batch);
        serve(d, request(FuseAbi.FORGET, 0, FuseAbi.ROOT_ID, 8).putLong(40, 1));
        assertNull(kernelReads(), "no reply to FORGET or BATCH_FORGET");
        serve(d, getattr(30));
        ByteBuffer r = kernelReads();
        assertReply(30, 0, FuseAbi.OUT_HEADER + FuseAbi.ATTR_OUT, r);
        assertEquals(FuseAbi.ROOT_ID, r.getLong(FuseAbi.OUT_HEADER + 16), "the root's attributes");
    }

    /**
     * LSEEK (SEEK_DATA, SEEK_HOLE) is answered ENOSYS: the kernel then sets no_lseek and seeks itself
     * (fs/fuse/file.c fuse_lseek), as for a file that is data throughout, which an LV file is.
     */
    @Test
    void lseekIsNotImplemented() {
        Dispatcher d = dispatcher();
        serve(d, request(LSEEK, 40, 2, 24).putLong(40, 0).putLong(48, 0).putInt(56, 4 /* SEEK_HOLE */));
        assertReply(40, -Errno.ENOSYS, FuseAbi.OUT_HEADER, kernelReads());
        assertEquals(1, session.notImplemented(LSEEK));
    }

    private Dispatcher dispatcher() {
        return new Dispatcher(session, pair[0], 128 << 10);
    }

    private void serve(Dispatcher d, ByteBuffer request) {
        kernelSends(request);
        long n = d.receive();
        assertTrue(n > 0, "receive: " + n);
        d.handle((int) n);
    }

    /** {@code struct fuse_in_header} and room for {@code body} bytes after it. */
    private static ByteBuffer request(int opcode, long unique, long nodeid, int body) {
        ByteBuffer b = ByteBuffer.allocate(FuseAbi.IN_HEADER + body).order(ByteOrder.nativeOrder());
        b.putInt(FuseAbi.H_LEN, FuseAbi.IN_HEADER + body).putInt(FuseAbi.H_OPCODE, opcode);
        b.putLong(FuseAbi.H_UNIQUE, unique).putLong(FuseAbi.H_NODEID, nodeid);
        return b;
    }

    /** GETATTR of the root ({@code struct fuse_getattr_in}: flags, dummy, fh). */
    private static ByteBuffer getattr(long unique) {
        return request(FuseAbi.GETATTR, unique, FuseAbi.ROOT_ID, 16);
    }

    /** INTERRUPT of request {@code of} ({@code struct fuse_interrupt_in}: its unique). */
    private static ByteBuffer interrupt(long unique, long of) {
        return request(FuseAbi.INTERRUPT, unique | INT_REQ_BIT, 0, 8).putLong(FuseAbi.IN_HEADER, of);
    }

    private void kernelSends(ByteBuffer request) {
        byte[] b = request.array();
        assertEquals(b.length, LIBC.send(pair[1], b, b.length, 0));
    }

    /** The next reply the session wrote, or null when there is none. */
    private ByteBuffer kernelReads() {
        byte[] b = new byte[4096];
        long n = LIBC.recv(pair[1], b, b.length, MSG_DONTWAIT);
        return n < 0 ? null : ByteBuffer.wrap(b, 0, (int) n).slice().order(ByteOrder.nativeOrder());
    }

    private static void assertReply(long unique, int error, int len, ByteBuffer reply) {
        assertTrue(reply != null, "a reply to " + unique);
        assertEquals(len, reply.remaining());
        assertEquals(len, reply.getInt(0));
        assertEquals(error, reply.getInt(4));
        assertEquals(unique, reply.getLong(8));
    }
}
