package ulvm.fuse;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.ByteBuffer;
import java.util.Map;
import org.junit.jupiter.api.Test;
import ulvm.io.Volume;

class VolumeTreeTest {
    static final Volume V = new Volume() {
        public long size() { return 1; }
        public boolean readOnly() { return true; }
        public int read(long offset, ByteBuffer dst) { return 0; }
        public void write(long offset, ByteBuffer src) {}
        public void flush() {}
    };

    @Test
    void putRemoveAndSnapshotsAreIndependent() {
        VolumeTree tree = new VolumeTree(new FileOwner(1, 2, 0640));
        tree.put("vg", "a", V);
        var before = tree.snapshot();
        tree.put("vg", "b", V);
        assertEquals(1, before.get("vg").size());
        assertEquals(2, tree.snapshot().get("vg").size());
        assertSame(V, tree.remove("vg", "a"));
        assertNull(tree.volume("vg", "a"));
        assertTrue(tree.hasVg("vg"));
        tree.removeVg("vg");
        assertFalse(tree.hasVg("vg"));
        assertEquals(0440, tree.owner().modeFor(true));
    }

    @Test
    void replaceAllAndNameChecks() {
        VolumeTree tree = new VolumeTree();
        tree.replaceAll(Map.of("x", Map.of("y", V)));
        assertSame(V, tree.volume("x", "y"));
        assertThrows(IllegalArgumentException.class, () -> tree.put("a/b", "c", V));
        assertThrows(IllegalArgumentException.class, () -> tree.put("a", "..", V));
        assertThrows(IllegalArgumentException.class, () -> tree.replaceAll(Map.of("ok", Map.of("", V))));
    }

    @Test
    void pathsParse() {
        assertTrue(FsPath.parse("/").isRoot());
        assertEquals(new FsPath("vg", null), FsPath.parse("/vg"));
        assertEquals(new FsPath("vg", "lv"), FsPath.parse("/vg/lv"));
        assertNull(FsPath.parse("/vg/lv/x"));
        assertNull(FsPath.parse("//x"));
        assertNull(FsPath.parse("/vg/"));
    }
}
