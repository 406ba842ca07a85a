package ulvm.cli;

import ulvm.api.LvmException;
import ulvm.ops.Sizes;

/** LVM2's raid option values: --regionsize (MiB by default) and the recovery rates (KiB/s by default). */
public final class RaidArgs {
    private RaidArgs() {}

    private static LvmException bad(String why, String option, String v) {
        return Sizes.invalidArg(why, option, v);
    }

    /** -R/--regionsize as sectors, with lvmcmdline.c's checks (regionsize_mb_arg). */
    public static long regionSectors(String v) throws LvmException {
        Sizes.Size sz = Sizes.parse(v, "--regionsize");
        if (sz.sign() == '-') throw bad("Region size may not be negative.", "--regionsize", v);
        long sectors = sz.bytes() / 512;
        if (sectors > 0xFFFFFFFFL) throw bad("Region size is too big (max 4294967295).", "--regionsize", v);
        if (sectors == 0) throw bad("Region size may not be zero.", "--regionsize", v);
        if (sectors % 8 != 0) throw bad("Region size must be a multiple of machine memory page size (4096 bytes).", "--regionsize", v);
        if (Long.bitCount(sectors) != 1) throw bad("Region size must be a power of 2.", "--regionsize", v);
        return sectors;
    }

    /** --maxrecoveryrate / --minrecoveryrate as LVM2 stores them: KiB/sec (sizekb, KiB by default). */
    public static long rateKiB(String v, String option) throws LvmException {
        if (v == null) return 0;
        String t = v.matches("[0-9]+(\\.[0-9]*)?") ? v + "k" : v;
        Sizes.Size sz;
        try {
            sz = Sizes.parse(t, option);
        } catch (LvmException e) {
            throw LvmException.invalid("Invalid argument for " + option + ": " + v + "\nError during parsing of command line.");
        }
        if (sz.sign() == '-') throw LvmException.invalid("Invalid argument for " + option + ": " + v + "\nError during parsing of command line.");
        return sz.bytes() / 1024;
    }
}
