package ulvm.e2e.crash;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import ulvm.io.BlockDevice;
import ulvm.io.Devices;
import ulvm.io.fault.PowerLoss;
import ulvm.model.Area;
import ulvm.model.Lv;
import ulvm.model.MirrorSegment;
import ulvm.model.Vg;
import ulvm.move.MoveLvs;
import ulvm.move.MoveProgress;
import ulvm.move.MoveRecord;

/**
 * {@code pvmove PV0 PV1} of a 12 MiB LV (three 4 MiB chunks in one segment: two progress records, then the finish,
 * issue 17.1) with the power cut at the first or second progress record: before it is written (the chunk's data is
 * forced, its record is not) or right after it (the record is durable, the next chunk not yet written). Either way
 * the checkpoint found after the reboot (the record where trusted, else extents_moved) is exactly the last record
 * written, every extent below it is on the destination, so at most one chunk is copied again; {@code pvmove}
 * finishes the move and the data is intact. When the trial's own random cut comes first, only the latter holds.
 */
final class PvMoveRecordScenario implements Scenario {
    private static final int LV_MIB = 12;
    private static final int CHUNK_EXTENTS = 4; // MoveCopier.CHECKPOINT_BYTES in 1 MiB extents
    private Oracle lin;
    private int cutAt;
    private boolean afterRecord;
    private volatile boolean fired;

    @Override
    public void setup(Rig rig, Random random) throws Exception {
        Builds.vg(rig);
        rig.ok("lvcreate", "-L", LV_MIB + "m", "-n", "lin", Rig.VG, rig.pv(0));
        lin = new Oracle("lin", (int) (LV_MIB * Rig.MiB / Stamps.BLOCK));
        rig.activate();
        try {
            new Workload(lin, rig.lv("lin"), random, 1).fill();
        } finally {
            rig.deactivate();
        }
    }

    @Override
    public void run(Rig rig, Random random) throws Exception {
        Random pick = new Random(random.nextLong()); // the first draws of Randoms of consecutive seeds agree
        cutAt = 1 + pick.nextInt(2);
        afterRecord = pick.nextBoolean();
        Devices.Opener plain = rig.devices;
        PowerLoss power = rig.power; // null in the dry run: nothing is cut, the operations are counted
        rig.devices = (path, writable) -> {
            BlockDevice d = plain.open(path, writable);
            return power != null && path.getFileName().toString().endsWith(".progress") ? new CutAtRecord(d, power) : d;
        };
        try {
            rig.ok("pvmove", "-i", "0", rig.pv(0), rig.pv(1));
        } finally {
            rig.devices = plain;
        }
    }

    @Override
    public void check(Rig rig) throws Exception {
        Vg vg = rig.vg();
        List<Lv> moves = MoveLvs.pvmoveLvs(vg);
        if (fired) {
            Scenario.expect(moves.size() == 1, "no pvmove LV after a cut inside the copy");
            Lv mv = moves.get(0);
            Vg at = MoveRecord.apply(Devices.FILES, MoveRecord.file(rig.sys.root(), mv.id()), vg, mv.name());
            long checkpoint = MoveProgress.moved(at.lv(mv.name()).orElseThrow());
            long expected = (long) CHUNK_EXTENTS * (afterRecord ? cutAt : cutAt - 1);
            Scenario.expect(checkpoint == expected, "cut " + (afterRecord ? "after" : "before") + " record " + cutAt + ": checkpoint at "
                    + checkpoint + " extents, not " + expected);
            destinationHolds(vg, (MirrorSegment) mv.segments().get(0), checkpoint);
            System.out.println("crash campaign: pvmoverecord: cut " + (afterRecord ? "after" : "before") + " record " + cutAt + ", resumed at "
                    + checkpoint + " extents");
        }
        if (!moves.isEmpty()) rig.ok("pvmove", "-i", "0");
        Vg done = rig.vg();
        Scenario.expect(MoveLvs.pvmoveLvs(done).isEmpty(), "a pvmove LV is left after pvmove finished");
        Scenario.expect(moves.isEmpty() || !PvMoveScenario.onPv(done, "lin", rig.pv(0)), "lin still on PV0 after the resumed move finished");
        Scenario.holds(rig, lin);
    }

    /** Extents [0, {@code n}) of the segment read the same on its destination as on its source. */
    private static void destinationHolds(Vg vg, MirrorSegment m, long n) throws IOException {
        for (long e = 0; e < n; e++) {
            byte[] src = extent(vg, (Area.OnPv) m.mirrors().get(0), e), dst = extent(vg, (Area.OnPv) m.mirrors().get(1), e);
            Scenario.expect(Arrays.equals(src, dst), "extent " + e + " is below the checkpoint but not on the destination");
        }
    }

    private static byte[] extent(Vg vg, Area.OnPv a, long e) throws IOException {
        var pv = vg.pv(a.pvId()).orElseThrow();
        ByteBuffer b = ByteBuffer.allocate((int) vg.extentBytes());
        try (FileChannel ch = FileChannel.open(Path.of(pv.device()), StandardOpenOption.READ)) {
            while (b.hasRemaining()) if (ch.read(b, pv.peStart() * 512 + (a.pe() + e) * vg.extentBytes() + b.position()) < 0) break;
        }
        return b.array();
    }

    /** The record file's device: the power goes before or after its {@code cutAt}th write. */
    private final class CutAtRecord implements BlockDevice {
        private final BlockDevice d;
        private final PowerLoss power;
        private int writes;

        CutAtRecord(BlockDevice d, PowerLoss power) {
            this.d = d;
            this.power = power;
        }

        @Override public void writeDurably(long pos, ByteBuffer src) throws IOException {
            if (++writes != cutAt || power.isCut()) {
                d.writeDurably(pos, src);
                return;
            }
            if (afterRecord) d.writeDurably(pos, src);
            fired = true;
            power.cut();
            throw new IOException("power cut " + (afterRecord ? "after" : "before") + " progress record " + cutAt);
        }

        @Override public String name() { return d.name(); }
        @Override public long size() throws IOException { return d.size(); }
        @Override public void readFully(long pos, ByteBuffer dst) throws IOException { d.readFully(pos, dst); }
        @Override public void writeFully(long pos, ByteBuffer src) throws IOException { d.writeFully(pos, src); }
        @Override public void flush() throws IOException { d.flush(); }
        @Override public void close() throws IOException { d.close(); }
    }
}
