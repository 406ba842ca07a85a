package ulvm.live;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import ulvm.io.BlockDevice;
import ulvm.mapping.TableBuilder;
import ulvm.mapping.Target;
import ulvm.model.Lv;
import ulvm.model.ThinPoolSegment;
import ulvm.model.ThinSegment;
import ulvm.model.Vg;
import ulvm.segtype.ThinPoolType;
import ulvm.segtype.ThinType;
import ulvm.thin.MetadataMappings;
import ulvm.thin.PoolIo;
import ulvm.thin.meta.PoolMetadata;

/**
 * The running thin pools of an {@link Activation}, by pool LV id: a pool opens with the first of its thin LVs (its
 * metadata formatted if LVM2 left it wiped, its queued messages sent as libdm sends them), follows every commit of
 * its VG (messages, a grown data LV, -Z, --errorwhenfull and --discards), and is committed and closed with its last thin LV.
 * Called under the Activation's lock.
 */
final class RunningPools {
    /** One open pool. */
    record Pool(String vg, String lvId, String name, PoolMetadata meta, PoolIo io) { }

    private final Map<String, Pool> byLv = new LinkedHashMap<>();
    /** Pool LV ids activated on their own (lvchange -ay VG/POOL): they stay open without thin LVs until -an names them. */
    private final java.util.Set<String> alone = new java.util.HashSet<>();
    private final Consumer<String> messages;

    RunningPools(Consumer<String> messages) { this.messages = messages; }

    /** The target of a thin LV's segment: its device in the pool, the pool opened now if it is not running. */
    Target target(Vg vg, Lv thin, ThinSegment seg, Function<String, BlockDevice> devices) throws IOException {
        Lv poolLv = vg.lv(seg.pool()).orElseThrow(() -> new IOException(thin.name() + ": no thin pool " + seg.pool()));
        Pool p = open(vg, poolLv, devices);
        if (p.meta().details(seg.deviceId()) == null) {
            throw new IOException("thin device " + seg.deviceId() + " of " + vg.name() + "/" + thin.name() + " is not in pool "
                    + poolLv.name() + "'s metadata");
        }
        return p.io().device(seg.deviceId(), thin.extents() * vg.extentBytes());
    }

    /** lvchange -ay VG/POOL: the pool opens (no file shows it) and stays open until {@link #deactivateAlone}. */
    void openAlone(Vg vg, Lv poolLv, Function<String, BlockDevice> devices) throws IOException {
        open(vg, poolLv, devices);
        alone.add(poolLv.id());
    }

    /** lvchange -an VG/POOL (or the VG): the pool no longer stays open on its own; {@link #release} closes it unless a thin LV of it is active. */
    void deactivateAlone(String vg, String poolName) {
        Pool p = get(vg, poolName);
        if (p != null) alone.remove(p.lvId());
    }

    /** How many pools of VG {@code vg} run activated themselves (LVM2's pool LV, not only its -tpool layer, is active). */
    int activatedAlone(String vg) {
        int n = 0;
        for (Pool p : byLv.values()) if (p.vg().equals(vg) && alone.contains(p.lvId())) n++;
        return n;
    }

    /** Whether pool {@code vg/name} runs activated itself. */
    boolean activatedAlone(String vg, String name) {
        Pool p = get(vg, name);
        return p != null && alone.contains(p.lvId());
    }

    /** Whether a pool of VG {@code vg} is running. */
    boolean running(String vg) {
        for (Pool p : byLv.values()) if (p.vg().equals(vg)) return true;
        return false;
    }

    /** The running pool of LV {@code vg/name}, or null. */
    Pool get(String vg, String name) {
        for (Pool p : byLv.values()) if (p.vg().equals(vg) && p.name().equals(name)) return p;
        return null;
    }

    private Pool open(Vg vg, Lv poolLv, Function<String, BlockDevice> devices) throws IOException {
        Pool p = byLv.get(poolLv.id());
        if (p != null) return p;
        ThinPoolSegment ps = ThinPoolType.of(poolLv);
        if (ps == null) throw new IOException(poolLv.name() + " is not a thin pool");
        BlockDevice meta = subLv(vg, ps.metadataLv(), devices), data = subLv(vg, ps.dataLv(), devices);
        long blockBytes = ps.chunkSize() * 512;
        long blocks = data.size() / blockBytes;
        try {
            ulvm.thin.ThinCheck.beforeActivation(meta, vg.name() + "/" + poolLv.name(), messages);
        } catch (IOException e) {
            messages.accept(e.getMessage());
            throw e;
        }
        PoolMetadata md = PoolMetadata.open(meta, ps.chunkSize(), blocks);
        if (md.nrDataBlocks() < blocks) {
            md.resizeData(blocks);
            md.commit();
        }
        PoolIo io = new PoolIo(new MetadataMappings(md), data, blockBytes, ps.zeroNewBlocks(),
                poolLv.flags().contains("ERROR_WHEN_FULL"));
        io.discards(PoolIo.Discards.of(ps.discards()));
        p = new Pool(vg.name(), poolLv.id(), poolLv.name(), md, io);
        send(vg, poolLv, ps, p);
        byLv.put(poolLv.id(), p);
        return p;
    }

    private static BlockDevice subLv(Vg vg, String name, Function<String, BlockDevice> devices) throws IOException {
        Lv lv = vg.lv(name).orElseThrow(() -> new IOException("no LV " + name));
        return new LvTableDevice(vg.name() + "/" + name, TableBuilder.build(vg, lv, devices));
    }

    /**
     * libdm's _thin_pool_node_send_messages: nothing when the metadata's transaction id is the VG's (sent before);
     * the queued messages and the new id when it is one lower; else LVM2's error.
     */
    private void send(Vg vg, Lv poolLv, ThinPoolSegment ps, Pool p) throws IOException {
        long have = p.meta().transactionId(), want = ps.transactionId();
        if (have == want) return;
        boolean queued = !ps.messages().isEmpty();
        if (have + 1 != want) {
            throw new IOException("Thin pool " + vg.name() + "-" + poolLv.name() + "-tpool transaction_id is " + have
                    + ", while expected " + (want - (queued ? 1 : 0)) + ".");
        }
        if (!queued) return;
        p.io().exclusive(() -> {
            for (ThinPoolSegment.Message m : ps.messages()) {
                if (m.create() != null) {
                    String n = m.create();
                    ThinSegment t = ThinType.of(vg.lv(n).orElseThrow(() -> new IOException("message: no thin LV " + n)));
                    ThinSegment o = t.origin() == null ? null : vg.lv(t.origin()).map(ThinType::of).orElse(null);
                    if (p.meta().details(t.deviceId()) != null) continue;
                    if (o == null) p.meta().createThin(t.deviceId());
                    else p.meta().createSnap(t.deviceId(), o.deviceId());
                } else if (p.meta().details(m.delete()) != null) {
                    p.meta().deleteDevice(m.delete());
                }
            }
            p.meta().setTransactionId(have, want);
            p.io().commit();
            return null;
        });
        messages.accept(vg.name() + "/" + poolLv.name() + ": thin pool messages sent, transaction_id " + want);
    }

    /** After a commit of {@code vg}: each running pool of it takes its queued messages, a grown data LV and its settings. */
    void committed(Vg vg, Function<String, BlockDevice> devices) throws IOException {
        IOException first = null;
        for (Pool p : new ArrayList<>(byLv.values())) {
            if (!p.vg().equals(vg.name())) continue;
            Lv poolLv = vg.lvs().stream().filter(l -> l.id().equals(p.lvId())).findFirst().orElse(null);
            ThinPoolSegment ps = poolLv == null ? null : ThinPoolType.of(poolLv);
            if (ps == null) { // the pool was removed
                close(p);
                continue;
            }
            try {
                p.io().zeroNewBlocks(ps.zeroNewBlocks());
                p.io().errorWhenFull(poolLv.flags().contains("ERROR_WHEN_FULL"));
                p.io().discards(PoolIo.Discards.of(ps.discards()));
                BlockDevice data = subLv(vg, ps.dataLv(), devices);
                long blocks = data.size() / p.io().blockBytes();
                if (blocks > p.meta().nrDataBlocks()) { // lvextend of the pool: held writes go on
                    p.io().exclusive(() -> {
                        p.io().data(data);
                        p.meta().resizeData(blocks);
                        p.io().commit();
                        return null;
                    });
                    p.io().spaceAdded();
                }
                send(vg, poolLv, ps, p);
                byLv.put(p.lvId(), new Pool(vg.name(), p.lvId(), poolLv.name(), p.meta(), p.io()));
            } catch (IOException e) {
                if (first == null) first = e;
            }
        }
        if (first != null) throw first;
    }

    /** Commits and forgets each pool of {@code vg} none of whose thin LVs is active (pools activated alone stay). */
    void release(Vg vg, java.util.Set<String> activeLvs) {
        for (Pool p : new ArrayList<>(byLv.values())) {
            if (!p.vg().equals(vg.name()) || alone.contains(p.lvId())) continue;
            boolean used = false;
            for (Lv l : vg.lvs()) {
                ThinSegment t = ThinType.of(l);
                if (t != null && t.pool().equals(p.name()) && activeLvs.contains(l.name())) used = true;
            }
            if (!used) close(p);
        }
    }

    private void close(Pool p) {
        byLv.remove(p.lvId());
        alone.remove(p.lvId());
        try {
            p.io().commit();
        } catch (IOException e) {
            messages.accept(p.vg() + "/" + p.name() + ": closing the thin pool: " + e.getMessage());
        }
    }

    /** The VG is gone (its metadata LVs with it): its pools are dropped without a commit. */
    void forget(String vg) {
        for (Pool p : new ArrayList<>(byLv.values())) {
            if (!p.vg().equals(vg)) continue;
            byLv.remove(p.lvId());
            alone.remove(p.lvId());
        }
    }

    void closeAll() {
        for (Pool p : new ArrayList<>(byLv.values())) close(p);
    }

    List<Pool> all() { return List.copyOf(byLv.values()); }
}
