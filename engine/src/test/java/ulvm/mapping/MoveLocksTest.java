package ulvm.mapping;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Set;
import org.junit.jupiter.api.Test;

class MoveLocksTest {
    @Test
    void aMovesLockIsSharedUntilTheMoveIsOverThenDropped() {
        MoveLocks locks = new MoveLocks();
        var a = locks.of("vg", "id-a");
        assertSame(a, locks.of("vg", "id-a"), "tables and copier share one lock per move");
        locks.of("vg", "id-b");
        locks.of("other", "id-a");
        locks.retain("vg", Set.of("id-b")); // id-a finished in vg
        assertEquals(2, locks.size());
        assertNotSame(a, locks.of("vg", "id-a"));
        assertEquals(3, locks.size());
        locks.retain("vg", Set.of());
        assertEquals(1, locks.size(), "another VG's move keeps its lock");
    }
}
