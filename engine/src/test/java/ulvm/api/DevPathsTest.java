package ulvm.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** skip_dev_dir's names: /dev/VG/LV and /dev/mapper/VG-LV (with '-' doubled inside a name). */
class DevPathsTest {
    @Test
    void devDirAndMapperNames() {
        assertEquals("vg/lv", DevPaths.strip("/dev/vg/lv"));
        assertEquals("vg/lv", DevPaths.strip("//dev//vg/lv"));
        assertEquals("vg", DevPaths.strip("/dev/vg"));
        assertEquals("vg/lv", DevPaths.strip("vg/lv"));
        assertEquals("vg/lv", DevPaths.strip("/dev/mapper/vg-lv"));
        assertEquals("my-vg/my-lv", DevPaths.strip("/dev/mapper/my--vg-my--lv"));
        assertEquals("vg", DevPaths.strip("/dev/mapper/vg"));
        assertEquals("/srv/a.img", DevPaths.strip("/srv/a.img"));
        assertEquals("my--vg-my--lv", DevPaths.dmName("my-vg", "my-lv"));
        assertArrayEquals(new String[] {"a-b", "c"}, DevPaths.splitDmName("a--b-c"));
        assertNull(DevPaths.splitDmName("vg-lv-real"), "a layer after the LV name");
    }
}
