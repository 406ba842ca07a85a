package ulvm.raid.md;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import ulvm.io.MemoryDevice;

/** A rebuild in steps, as a sync worker runs it between checkpoints: its mark, reads around it, writes meanwhile. */
class MdRebuildTest {
    @Test
    void aRebuildInStepsIsReadBelowItsMarkAndWrittenEverywhere() throws IOException {
        for (String spec : java.util.List.of("raid5_ls:4", "raid6_nr:5", "raid10:4")) {
            String[] p = spec.split(":");
            MdRig m = new MdRig(p[0], Integer.parseInt(p[1]));
            Random r = new Random(8);
            m.randomIo(r, 30); // image 0: raid10 reads its group's first copy
            m.devs[0].failing(true);
            m.randomIo(r, 10);
            MemoryDevice fresh = new MemoryDevice("new", MdRig.IMAGE, m.journal);
            AtomicInteger reads = new AtomicInteger();
            fresh.onRead((pos, len) -> {
                reads.incrementAndGet();
                assertTrue(pos + len <= m.a.rebuiltTo(0), "read past the rebuild mark at " + pos);
            });
            m.devs[0] = fresh;
            m.a.replace(0, fresh);
            assertTrue(m.a.isRebuilding(0));
            assertEquals(0, m.a.rebuiltTo(0));
            m.a.rebuild(0, MdRig.IMAGE / 2, MdRig.IMAGE / 4); // not at the mark: done, but the mark stays
            assertEquals(0, m.a.rebuiltTo(0));
            m.a.rebuild(0, 0, MdRig.IMAGE / 2 + 100);
            assertEquals(MdRig.IMAGE / 2 + 100, m.a.rebuiltTo(0), "the mark moves from 0 on only (a worker goes in order)");
            m.randomIo(r, 20); // writes reach the new image everywhere, reads below the mark use it
            m.assertReadsModel();
            assertTrue(reads.get() > 0, spec + ": reads below the mark go to the new image");
            m.a.rebuild(0, MdRig.IMAGE / 2 + 100, MdRig.IMAGE);
            assertFalse(m.a.isRebuilding(0));
            assertEquals(MdRig.IMAGE, m.a.rebuiltTo(0));
            assertEquals(0, m.mismatches(), spec);
            assertThrows(IllegalStateException.class, () -> m.a.rebuild(0, 0, 1));
        }
    }
}
