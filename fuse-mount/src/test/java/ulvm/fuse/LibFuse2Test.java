package ulvm.fuse;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LibFuse2Test {
    @Test
    void missingLibraryIsOneClearLine() {
        Object r = LibFuse2.Holder.load(Path.of("/dev/null"), "libulvm-no-such-fuse.so.2");
        FuseUnavailableException e = assertInstanceOf(FuseUnavailableException.class, r);
        assertTrue(e.getMessage().startsWith("FUSE unavailable: libfuse 2 (libfuse.so.2) not found"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void missingDeviceIsOneClearLine() {
        Object r = LibFuse2.Holder.load(Path.of("/dev/ulvm-no-such-fuse"), "libfuse.so.2");
        assertEquals("FUSE unavailable: /dev/ulvm-no-such-fuse does not exist (modprobe fuse)",
                assertInstanceOf(FuseUnavailableException.class, r).getMessage());
    }

    @Test
    void loadsTheInstalledLibrary() {
        assertNotNull(LibFuse2.require());
    }
}
