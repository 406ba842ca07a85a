package ulvm.e2e.crash;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Issue 14.3: {@value #WRITERS} writers on {@value #WRITERS} linear LVs of one PV write and fsync at the same time,
 * so their fsyncs meet on the PV's one device: a flush arriving while another's force runs must wait for a force
 * that covers its writes. The power goes at any point; every write whose fsync returned is there after the reboot.
 * (On the old flush, which cleared the device's dirty flag before forcing, a second fsync returned at once.)
 */
final class ConcurrentFsyncScenario implements Scenario {
    static final int WRITERS = 4;
    private static final int MIB = 1;
    private final List<Oracle> lvs = new ArrayList<>();

    @Override
    public void setup(Rig rig, Random random) {
        Builds.vg(rig);
        for (int i = 0; i < WRITERS; i++) {
            rig.ok("lvcreate", "-L", MIB + "m", "-n", "c" + i, Rig.VG, rig.pv(0));
            lvs.add(new Oracle("c" + i, (int) (MIB * Rig.MiB / Stamps.BLOCK)));
        }
    }

    @Override
    public void run(Rig rig, Random random) throws Exception {
        rig.activate();
        List<Thread> threads = new ArrayList<>();
        Throwable[] failed = new Throwable[WRITERS];
        for (int i = 0; i < WRITERS; i++) {
            int k = i;
            Workload w = new Workload(lvs.get(k), rig.lv("c" + k), new Random(random.nextLong()), 1);
            threads.add(new Thread(() -> {
                try {
                    for (int n = 0; n < 40; n++) w.random(1, 1); // a write, then its fsync
                } catch (Throwable t) {
                    failed[k] = t;
                }
            }, "fsync-writer-" + k));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) t.join();
        for (Throwable t : failed) if (t != null) throw new IllegalStateException("writer", t);
    }

    @Override
    public void check(Rig rig) throws Exception {
        for (Oracle o : lvs) Scenario.holds(rig, o);
    }
}
