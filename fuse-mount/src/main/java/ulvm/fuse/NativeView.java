package ulvm.fuse;

import java.lang.ref.Reference;
import java.lang.reflect.Field;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import sun.misc.Unsafe;

/**
 * Views of native memory (the FUSE request buffer) as a direct {@link ByteBuffer}, without JNI and
 * without copying: each thread owns one direct buffer whose address and capacity are repointed for
 * every call. A view is valid only until the same thread asks for the next one, so volumes must not
 * keep the buffer they are handed. When {@code sun.misc.Unsafe} is not usable, {@link #available()}
 * is false and callers copy instead.
 */
final class NativeView {
    private static final Unsafe UNSAFE;
    private static final long ADDRESS;
    private static final long CAPACITY;

    static {
        Unsafe unsafe = null;
        long address = -1;
        long capacity = -1;
        try {
            Field f = Unsafe.class.getDeclaredField("theUnsafe");
            f.setAccessible(true);
            unsafe = (Unsafe) f.get(null);
            address = unsafe.objectFieldOffset(Buffer.class.getDeclaredField("address"));
            capacity = unsafe.objectFieldOffset(Buffer.class.getDeclaredField("capacity"));
            if (!selfTest(unsafe, address, capacity)) unsafe = null;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            unsafe = null;
        }
        UNSAFE = unsafe;
        ADDRESS = address;
        CAPACITY = capacity;
    }

    private static final ThreadLocal<ByteBuffer> VIEWS = ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(1));

    private NativeView() {}

    static boolean available() {
        return UNSAFE != null;
    }

    /** This thread's view of {@code length} bytes at native {@code address}, position 0, limit length. */
    static ByteBuffer of(long address, int length) {
        ByteBuffer view = VIEWS.get();
        repoint(UNSAFE, ADDRESS, CAPACITY, view, address, length);
        return view;
    }

    private static void repoint(Unsafe unsafe, long addressOffset, long capacityOffset,
                                ByteBuffer view, long address, int length) {
        unsafe.putLong(view, addressOffset, address);
        unsafe.putInt(view, capacityOffset, length);
        view.clear();
        view.order(ByteOrder.BIG_ENDIAN);
    }

    /** Checks that the field offsets really move a buffer (guards against a JDK that lays out Buffer differently). */
    private static boolean selfTest(Unsafe unsafe, long addressOffset, long capacityOffset) {
        ByteBuffer target = ByteBuffer.allocateDirect(16);
        target.put(3, (byte) 42);
        long targetAddress = unsafe.getLong(target, addressOffset);
        ByteBuffer view = ByteBuffer.allocateDirect(1);
        repoint(unsafe, addressOffset, capacityOffset, view, targetAddress + 2, 8);
        boolean ok = view.capacity() == 8 && view.limit() == 8 && view.get(1) == 42;
        Reference.reachabilityFence(target);
        return ok;
    }
}
