package ulvm.cli.cmd;

import java.util.ArrayList;
import java.util.List;
import ulvm.api.LvmException;
import ulvm.cli.YesNo;
import ulvm.ops.LvOps;
import ulvm.ops.Session;
import ulvm.ops.Sizes;
import ulvm.ops.ThinCreate;

/**
 * lvcreate's thin forms (LVM2 2.03.16's tools/lvcreate.c): --type thin-pool, -T|--thinpool with a size (a pool),
 * -V with -T|--thinpool (a thin LV, and its pool first when a size is given too), and their refusals.
 */
final class ThinCreateArgs {
    private ThinCreateArgs() {}

    /** Whether the command line asks for a thin pool or a thin LV. */
    static boolean wanted(LvCreate c) {
        return c.thin || c.thinPool != null || "thin-pool".equals(c.type) || "thin".equals(c.type)
                || c.virtualSize != null && !c.snapshot;
    }

    static void run(Session s, LvCreate c) throws LvmException {
        if (c.snapshot && c.virtualSize != null) throw LvmException.invalid("Command does not accept option: --snapshot.");
        boolean poolType = "thin-pool".equals(c.type);
        boolean sized = c.size != null || c.extents != null;
        if (c.size != null && c.extents != null) throw LvmException.invalid("Please specify either size or extents but not both.");
        if (poolType && c.virtualSize != null) throw LvmException.invalid("Command does not accept option: --virtualsize " + c.virtualSize + ".");
        boolean createPool = poolType || sized;
        if ("thin".equals(c.type) && sized && c.virtualSize == null) // no command-lines.in form takes it
            throw LvmException.invalid("Command does not accept option: " + (c.size != null ? "--size " + c.size : "--extents " + c.extents) + ".");
        // -T|--thinpool with a size and no -V makes only the pool: --name names it, as with --type thin-pool
        boolean onlyPool = poolType || createPool && c.virtualSize == null;
        if (!createPool) {
            for (String[] o : new String[][] {{"--zero", c.zero}, {"--chunksize", c.chunkSize}, {"--poolmetadatasize", c.poolMetadataSize},
                    {"--poolmetadataspare", c.poolMetadataSpare}, {"--discards", c.discards}, {"--errorwhenfull", c.errorWhenFull}})
                if (o[1] != null) throw o[0].equals("--discards") || o[0].equals("--errorwhenfull") || o[0].equals("--poolmetadataspare")
                        ? LvmException.invalid("Command does not accept option: " + o[0] + " " + o[1] + ".")
                        : LvmException.invalid(o[0] + " is supported only with thin pool creation.");
        }
        if (createPool && "r".equals(c.permission)) throw LvmException.invalid("Cannot create read-only thin pool.");
        if (c.mirrors != null && c.mirrors > 0 || c.stripes != null && c.stripes > 1)
            throw new LvmException("Striped or mirrored thin pool data is not supported by this version of ulvm yet.");
        // names: VG, VG/POOL as the argument; --thinpool POOL or VG/POOL; -n NAME (the pool's with --type thin-pool)
        List<String> pvArgs = new ArrayList<>(c.args);
        String vg = null, pool = null, name = c.name;
        if (!pvArgs.isEmpty() && !pvArgs.get(0).startsWith("/") && !pvArgs.get(0).startsWith(".")) {
            String first = pvArgs.remove(0);
            if (first.contains("/")) {
                String[] vl = LvOps.vgLv(first, null);
                vg = vl[0];
                pool = vl[1];
            } else vg = first;
        } else if (!pvArgs.isEmpty() && pvArgs.get(0).startsWith("/dev/")) {
            String[] vl = LvOps.vgLv(pvArgs.remove(0), null);
            vg = vl[0];
            pool = vl[1];
        }
        if (c.thinPool != null) {
            String[] vl = c.thinPool.contains("/") ? LvOps.vgLv(c.thinPool, vg) : new String[] {vg, c.thinPool};
            if (pool != null && !pool.equals(vl[1]))
                throw LvmException.invalid("Ambiguous thin-pool name specified, " + pool + " and " + vl[1] + ".");
            vg = vl[0];
            pool = vl[1];
        }
        if (name != null && name.contains("/")) {
            String[] vl = LvOps.vgLv(name, vg);
            vg = vl[0];
            name = vl[1];
        }
        if (vg == null) throw LvmException.invalid("Please provide a volume group name");
        if (onlyPool && name != null) {
            if (pool != null && !pool.equals(name)) throw LvmException.invalid("Ambiguous thin-pool name specified, " + name + " and " + pool + ".");
            pool = name;
            name = null;
        }
        if (pool != null && name != null && pool.equals(name)) throw LvmException.invalid("Logical volume name " + name + " and pool name must be different.");
        if (!createPool && c.virtualSize == null && pool != null) { // lvcreate -T VG/ORIGIN: a thin snapshot of ORIGIN
            new ThinCreate(s).snapshot(vg, pool, name);
            return;
        }
        if (!createPool && pool == null) throw LvmException.invalid("Please specify name of existing pool.");
        long virtualBytes = 0;
        if (c.virtualSize != null) {
            Sizes.Size v = Sizes.parse(c.virtualSize, "--virtualsize");
            if (v.sign() == '-') throw Sizes.invalidArg("Size may not be negative.", "--virtualsize", c.virtualSize);
            if (v.bytes() == 0) throw LvmException.invalid("--virtualsize may not be zero.");
            virtualBytes = v.bytes();
        }
        ThinCreate tc = new ThinCreate(s);
        ThinCreate.ThinSpec thin = c.virtualSize == null ? null : new ThinCreate.ThinSpec(vg, pool, name, virtualBytes);
        if (!createPool) {
            tc.createThin(thin);
            return;
        }
        if (!sized) throw LvmException.invalid("Please specify either size or extents.");
        long chunk = chunkSectors(c.chunkSize);
        long meta = metadataBytes(c.poolMetadataSize);
        String discards = discards(c.discards);
        boolean ewf = c.errorWhenFull != null && parse(c.errorWhenFull, "--errorwhenfull");
        Boolean zero = c.zero == null ? null : parse(c.zero, "--zero");
        boolean spare = c.poolMetadataSpare == null || parse(c.poolMetadataSpare, "--poolmetadataspare");
        ulvm.alloc.Policy policy = c.alloc == null ? null : LvCreate.policy(c.alloc);
        if (c.contiguous != null && YesNo.parse(c.contiguous, "--contiguous")) policy = ulvm.alloc.Policy.CONTIGUOUS;
        LvOps.SizeArg size = new LvOps.SizeArg(c.size == null ? null : Sizes.parse(c.size, "--size"), c.extents == null ? null : Sizes.parseExtents(c.extents, "--extents"));
        tc.create(new ThinCreate.PoolSpec(vg, pool, size, chunk, meta, zero, discards, ewf, spare, pvArgs, policy), thin);
    }

    /** A y|n value, refused as LVM2's parser does. */
    private static boolean parse(String v, String option) throws LvmException {
        try {
            return YesNo.parse(v, option);
        } catch (LvmException e) {
            throw LvmException.invalid(e.getMessage() + "\nError during parsing of command line.");
        }
    }

    /** -c/--chunksize in sectors, checked as LVM2 checks it at parsing; 0 when not given. */
    static long chunkSectors(String arg) throws LvmException {
        if (arg == null) return 0;
        Sizes.Size cs = Sizes.parse(arg, "--chunksize", 1024);
        if (cs.sign() == '-') throw Sizes.invalidArg("Size may not be negative.", "--chunksize", arg);
        long chunk = cs.bytes() / 512;
        try {
            ulvm.ops.ThinCreate.validateChunk(chunk);
        } catch (LvmException e) {
            throw LvmException.invalid(e.getMessage());
        }
        return chunk;
    }

    /** --poolmetadatasize in bytes; 0 when not given. */
    static long metadataBytes(String arg) throws LvmException {
        if (arg == null) return 0;
        Sizes.Size ms = Sizes.parse(arg, "--poolmetadatasize");
        if (ms.sign() == '-') throw Sizes.invalidArg("Size may not be negative.", "--poolmetadatasize", arg);
        return ms.bytes();
    }

    /** --discards in lower case, one of LVM2's three; null when not given. */
    static String discards(String arg) throws LvmException {
        if (arg == null) return null;
        String d = arg.toLowerCase(java.util.Locale.ROOT);
        if (!ulvm.segtype.ThinPoolType.DISCARDS.contains(d))
            throw LvmException.invalid("Thin pool discards type \"" + arg + "\" is unknown.\nInvalid argument for --discards: " + arg
                    + "\nError during parsing of command line.");
        return d;
    }
}
