package ulvm.e2e.crash;

import java.util.Random;

/**
 * One kind of trial. A fresh instance per run: {@link #setup} builds the VG on plain files, {@link #run} is the work
 * the power may cut at any device operation (the daemon starts inside it), {@link #check} runs after the reboot
 * with the rig activated on plain files: it finishes what the crash interrupted and throws what it finds wrong.
 * The same seed's {@code Random} gives the same work in the dry run that counts the operations and in the trial.
 */
interface Scenario {
    void setup(Rig rig, Random random) throws Exception;

    void run(Rig rig, Random random) throws Exception;

    void check(Rig rig) throws Exception;

    /** How many PV images the scenario's rig has. */
    default int pvs() { return Rig.PVS; }

    /** Skips the scenario (before its trials) when a tool its checks need is missing. */
    default void needs() { }

    /** Warnings vgck may give for this scenario's VG beside a torn commit's (a PV left missing on purpose); null: none. */
    default java.util.regex.Pattern expectedWarnings() { return null; }

    /** Fails with {@code what} (the trial adds its seed and how to replay it). */
    static void fail(String what) { throw new AssertionError(what); }

    static void expect(boolean ok, String what) { if (!ok) fail(what); }

    /** Every block of the LV as the oracle allows. */
    static void holds(Rig rig, Oracle o) throws Exception { holds(rig, o, o.blocks); }

    /** The first {@code blocks} blocks of the LV as the oracle allows. */
    static void holds(Rig rig, Oracle o, int blocks) throws Exception {
        byte[] b = new byte[Stamps.BLOCK];
        var v = rig.lv(o.lv);
        for (int i = 0; i < blocks; i++) {
            v.read((long) i * Stamps.BLOCK, java.nio.ByteBuffer.wrap(b));
            String bad = o.check(i, b);
            if (bad != null) fail("fsynced data lost: " + bad);
        }
    }

    /** The raid LV's images are byte-identical (after its resync). */
    static void imagesEqual(Rig rig, String raidLv, int legs) throws Exception {
        var vg = rig.vg();
        byte[] first = LvImage.read(vg, raidLv + "_rimage_0");
        for (int i = 1; i < legs; i++) {
            int d = LvImage.firstDifference(first, LvImage.read(vg, raidLv + "_rimage_" + i));
            if (d >= 0) fail("raid images of " + raidLv + " differ after the resync: rimage_0 and rimage_" + i + " at block " + d);
        }
    }
}
