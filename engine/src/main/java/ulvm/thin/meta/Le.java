package ulvm.thin.meta;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Little-endian fields in a block. */
final class Le {
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private Le() {}

    static int getInt(byte[] b, int off) { return (int) INT.get(b, off); }

    static long getUInt(byte[] b, int off) { return getInt(b, off) & 0xffffffffL; }

    static long getLong(byte[] b, int off) { return (long) LONG.get(b, off); }

    static void putInt(byte[] b, int off, int v) { INT.set(b, off, v); }

    static void putLong(byte[] b, int off, long v) { LONG.set(b, off, v); }
}
