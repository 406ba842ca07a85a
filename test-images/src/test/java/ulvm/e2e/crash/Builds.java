package ulvm.e2e.crash;

import java.util.Random;

/** The starting points of the scenarios, built on plain files before the power can go. */
final class Builds {
    static final int LV_MIB = 4;
    static final int BLOCKS = (int) (LV_MIB * Rig.MiB / Stamps.BLOCK);

    private Builds() {}

    /** {@code vgcreate -s 1m vg PV0 PV1 PV2}. */
    static void vg(Rig rig) {
        rig.ok("vgcreate", "-s", "1m", Rig.VG, rig.pv(0), rig.pv(1), rig.pv(2));
    }

    /** A linear LV on {@code pv}. */
    static void linear(Rig rig, String lv, int pv) {
        rig.ok("lvcreate", "-L", LV_MIB + "m", "-n", lv, Rig.VG, rig.pv(pv));
    }

    /** A 2-image raid1 LV on PV0 and PV1, not synced ({@code --nosync}: both images hold zeros, sparse). */
    static void raid1(Rig rig, String lv) {
        rig.ok("lvcreate", "--type", "raid1", "-m", "1", "-L", LV_MIB + "m", "-R", "128k", "--nosync", "-n", lv, Rig.VG, rig.pv(0), rig.pv(1));
    }

    /** As {@link #raid1}, synced in full by a daemon on plain files (LVM2 adds images only to a synced LV). */
    static void syncedRaid1(Rig rig, String lv) throws Exception {
        rig.ok("lvcreate", "--type", "raid1", "-m", "1", "-L", LV_MIB + "m", "-R", "128k", "-n", lv, Rig.VG, rig.pv(0), rig.pv(1));
        rig.activate();
        try {
            rig.awaitInSync(lv, 60);
        } finally {
            rig.deactivate();
        }
    }

    /** Every block of the LV written once and fsynced, through a daemon on plain files; returns its oracle. */
    static Oracle filled(Rig rig, String lv, Random random) throws Exception {
        Oracle o = new Oracle(lv, BLOCKS);
        rig.activate();
        try {
            new Workload(o, rig.lv(lv), random, 1).fill();
        } finally {
            rig.deactivate();
        }
        return o;
    }

    /** What a block of the LV holds when every block holds its durable version (all fsynced, nothing pending). */
    static byte[] durableImage(Oracle o) {
        byte[] out = new byte[o.blocks * Stamps.BLOCK];
        for (int b = 0; b < o.blocks; b++) {
            long v = o.durable(b);
            if (v != 0) System.arraycopy(Stamps.block(b, v), 0, out, b * Stamps.BLOCK, Stamps.BLOCK);
        }
        return out;
    }
}
