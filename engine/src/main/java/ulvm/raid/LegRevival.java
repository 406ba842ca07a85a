package ulvm.raid;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import ulvm.bitmap.RegionSet;
import ulvm.io.BlockDevice;
import ulvm.model.Lv;
import ulvm.model.Vg;

/**
 * lvchange --refresh of a running raid1 array: a failed leg whose devices work again (a test read and write of its
 * image and rmeta, then the copy of the first region it lacks) comes back; a stale leg recovers only the dirty
 * regions, a leg that was never in sync syncs in full. A leg that still fails stays failed, with a log line.
 */
final class LegRevival {
    private LegRevival() {}

    /** Returns how many legs came back. {@code devices}: the VG's PVs now. */
    static int refresh(Raid1Array a, Vg vg, Lv lv, Function<String, BlockDevice> devices) throws IOException {
        List<Raid1Layout.Image> images = Raid1Layout.images(vg, lv, devices);
        int back = 0;
        for (Raid1Layout.Image im : images) {
            Leg l = null;
            for (Leg k : a.legs) if (k.id.equals(im.id())) l = k;
            if (l == null || !l.failed || !l.writable) continue;
            if (im.image() == null || l.meta != null && im.meta() == null) {
                a.messages.accept(a.label + ": " + l.name + " still failed (its PV is missing)");
                continue;
            }
            try {
                probe(im);
                revive(a, l, im);
                back++;
            } catch (IOException e) {
                a.messages.accept(a.label + ": " + l.name + " still failed (" + e.getMessage() + ")");
            }
        }
        return back;
    }

    /** Reads and writes back the first block of the image and of the rmeta's reserved area, and forces both. */
    private static void probe(Raid1Layout.Image im) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(4096);
        im.image().read(0, b);
        b.flip();
        im.image().write(0, b);
        im.image().flush();
        if (im.meta() != null) {
            byte[] head = im.meta().read(0, 4096);
            im.meta().writeDurably(0, ByteBuffer.wrap(head));
        }
    }

    /**
     * Brings failed leg {@code l} back with the devices of {@code im}: no write or copy runs meanwhile. The first
     * region it lacks is copied now, as the test that the leg takes writes where it had failed (an ENOSPC image
     * takes writes to blocks it already holds); if that fails the leg stays failed.
     */
    private static void revive(Raid1Array a, Leg l, Raid1Layout.Image im) throws IOException {
        a.work.lock();
        try {
            long[] all = a.locks.lockAll();
            Leg back;
            long lacking;
            try {
                long count = a.log.regionCount();
                RegionSet pending = l.pending.resized(count);
                Leg.Job job;
                if (a.log.stale().contains(l.id)) {
                    pending.addAll(a.log.dirty());
                    job = Leg.Job.REVIVE;
                } else if (a.log.members().contains(l.id)) { // failed last: it holds every acknowledged write
                    pending.addAll(a.log.dirty());
                    job = Leg.Job.NONE;
                } else {
                    pending.setAll();
                    job = Leg.Job.SYNC;
                }
                back = new Leg(l.id, l.name, im.image(), im.meta(), true, pending, job, new AtomicLong(), false);
                lacking = pending.cardinality();
                long first = pending.next(0);
                Leg src = first < 0 ? null : a.source(first);
                if (src != null) {
                    copyRegion(a, src, back, first);
                    pending.clear(first);
                    back.copied.incrementAndGet();
                }
                Leg[] next = a.legs.clone();
                List<BlockDevice> metas = new ArrayList<>();
                for (int i = 0; i < next.length; i++) {
                    if (next[i] == l) next[i] = back;
                    if (next[i].meta != null) metas.add(next[i].meta);
                }
                a.legs = next;
                a.log.setMetas(metas);
                if (src != null) a.log.copied(first, a.mayClear(first));
            } finally {
                a.locks.unlockAll(all);
            }
            a.log.persist();
            a.messages.accept(a.label + ": " + l.name + " is back, " + (back.job == Leg.Job.SYNC ? "syncing in full" : "recovering "
                    + lacking + " regions"));
        } finally {
            a.work.unlock();
        }
    }

    /**
     * Copies region {@code r} from {@code src} to {@code dst} and forces both (the caller holds the region's lock):
     * the region's bit may go next, so what the source holds only in its cache must be durable too.
     */
    private static void copyRegion(Raid1Array a, Leg src, Leg dst, long r) throws IOException {
        long off = r * a.regionBytes;
        int len = (int) Math.min(a.regionBytes, a.size - off);
        ByteBuffer b = ByteBuffer.allocate((int) Math.min(len, 1 << 20));
        for (long done = 0; done < len; done += b.capacity()) {
            b.clear().limit((int) Math.min(b.capacity(), len - done));
            src.image.read(off + done, b);
            b.flip();
            dst.image.write(off + done, b);
        }
        src.image.flush();
        dst.image.flush();
    }
}
