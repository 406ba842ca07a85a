package ulvm.cli.cmd;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import ulvm.alloc.Policy;
import ulvm.api.LvmException;
import ulvm.cli.LvmCommand;
import ulvm.cli.RaidArgs;
import ulvm.cli.YesNo;
import ulvm.model.RaidLevels;
import ulvm.ops.LvOps;
import ulvm.ops.RaidCreate;
import ulvm.ops.Session;
import ulvm.ops.SnapshotCreate;
import ulvm.ops.Sizes;

@Command(name = "lvcreate", description = "Create a logical volume (linear, striped, raid0/1/4/5/6/10).")
public final class LvCreate extends LvmCommand {
    @picocli.CommandLine.Mixin ulvm.cli.MetadataProfileOption metadataProfile;

    @Override
    protected ulvm.cli.MetadataProfileOption metadataProfileOption() { return metadataProfile; }

    @Parameters(arity = "0..*", paramLabel = "VG [PV[:PE-PE]...]") List<String> args = new ArrayList<>();
    @Option(names = {"-L", "--size"}, paramLabel = "SIZE") String size;
    @Option(names = {"-l", "--extents"}, paramLabel = "N[%VG|%FREE|%PVS]") String extents;
    @Option(names = {"-n", "--name"}, paramLabel = "LV") String name;
    @Option(names = {"-i", "--stripes"}, paramLabel = "N") Integer stripes;
    @Option(names = {"-I", "--stripesize"}, paramLabel = "SIZE") String stripeSize;
    @Option(names = "--type", paramLabel = "TYPE") String type;
    @Option(names = "--alloc", paramLabel = "POLICY") String alloc;
    @Option(names = {"-C", "--contiguous"}, paramLabel = "y|n") String contiguous;
    @Option(names = {"-p", "--permission"}, paramLabel = "r|rw") String permission;
    @Option(names = {"-Z", "--zero"}, paramLabel = "y|n") String zero;
    @Option(names = {"-W", "--wipesignatures"}, paramLabel = "y|n") String wipe;
    @Option(names = {"-a", "--activate"}, paramLabel = "y|n") String activate;
    @Option(names = {"-m", "--mirrors"}, paramLabel = "N") Integer mirrors;
    @Option(names = {"-R", "--regionsize"}, paramLabel = "SIZE") String regionSize;
    @Option(names = "--nosync") boolean nosync;
    @Option(names = "--maxrecoveryrate", paramLabel = "RATE") String maxRate;
    @Option(names = "--minrecoveryrate", paramLabel = "RATE") String minRate;
    @Option(names = {"-s", "--snapshot"}) boolean snapshot;
    @Option(names = {"-c", "--chunksize"}, paramLabel = "SIZE") String chunkSize;
    @Option(names = "--addtag", paramLabel = "Tag") List<String> addTags = new ArrayList<>();
    @Option(names = {"-T", "--thin"}) boolean thin;
    @Option(names = "--thinpool", paramLabel = "LV") String thinPool;
    @Option(names = {"-V", "--virtualsize"}, paramLabel = "SIZE") String virtualSize;
    @Option(names = "--poolmetadatasize", paramLabel = "SIZE") String poolMetadataSize;
    @Option(names = "--poolmetadataspare", paramLabel = "y|n") String poolMetadataSpare;
    @Option(names = "--discards", paramLabel = "ignore|nopassdown|passdown") String discards;
    @Option(names = "--errorwhenfull", paramLabel = "y|n") String errorWhenFull;
    @picocli.CommandLine.Mixin AutoActivationOption autoActivation;
    @Option(names = {"-k", "--setactivationskip"}, paramLabel = "y|n") String skip;
    @Option(names = {"-K", "--ignoreactivationskip"}) boolean ignoreSkip;
    @Option(names = {"-r", "--readahead"}, paramLabel = "auto|none|Number") String readAhead;
    @Option(names = {"-M", "--persistent"}, paramLabel = "y|n") String persistent;
    @Option(names = "--minor", paramLabel = "Number") Long minor;
    @Option(names = {"-j", "--major"}, paramLabel = "Number") Long major;

    @picocli.CommandLine.Mixin MissingSegTypeOptions missingSegTypes;

    @picocli.CommandLine.Mixin MonitoringOptions monitoring;

    @Override
    protected void run(Session s) throws LvmException {
        monitoring.check();
        missingSegTypes.refuse();
        s.newTags(TagArgs.parse(addTags, "--addtag"));
        autoActivation.forNew(s);
        activationParams(s);
        if (ThinCreateArgs.wanted(this)) {
            ThinCreateArgs.run(s, this);
            return;
        }
        if (snapshot || "snapshot".equals(type)) {
            snapshot(s);
            return;
        }
        if (chunkSize != null) throw LvmException.invalid("Command does not accept option: --chunksize " + chunkSize + ".");
        if ((size == null) == (extents == null)) {
            if (size != null) throw LvmException.invalid("Please specify either size or extents but not both.");
            throw LvmException.invalid("No command with matching syntax recognised.  Run 'lvcreate --help' for more information.");
        }
        // LVM2 2.03's default mirror segment types: -m N without --type makes raid1, with -i N (N > 1) raid10
        if (type == null && mirrors != null && mirrors > 0 && stripes != null && stripes > 1) type = "raid10";
        boolean raid = "raid1".equals(type) || type == null && mirrors != null && mirrors > 0;
        if (type != null && !LVM2_SEGTYPES.contains(type))
            throw LvmException.invalid("WARNING: Unrecognised segment type " + type + "\n" + Sizes.invalidArg(null, "--type", type).getMessage());
        if (type != null && RaidLevels.striped(type)) {
            stripedRaid(s);
            return;
        }
        if (type != null && !type.equals("linear") && !type.equals("striped") && !raid)
            throw new LvmException("Segment type " + type + " is not supported by this version of ulvm yet.");
        if (!raid && mirrors != null && mirrors > 0)
            throw LvmException.invalid("Mirror argument cannot be used with segment type, " + type);
        String[] vgLv = vgAndLv();
        String vg = vgLv[0], lv = vgLv[1];
        List<String> pvArgs = new ArrayList<>(args);
        if (!pvArgs.isEmpty() && !pvArgs.get(0).startsWith("/") && !pvArgs.get(0).startsWith(".")) pvArgs.remove(0);
        Sizes.Size sz = null;
        Sizes.Extents ex = null;
        if (size != null) {
            sz = size(size);
        } else {
            ex = extents(extents);
        }
        Policy policy = alloc == null ? null : policy(alloc);
        if (contiguous != null && YesNo.parse(contiguous, "--contiguous")) policy = Policy.CONTIGUOUS;
        int n = stripes == null ? 1 : stripes(stripes);
        if (n > MAX_STRIPES) throw LvmException.invalid("Number of stripes (" + n + ") must be between 1 and " + MAX_STRIPES + ".");
        long ss = 0;
        if (stripeSize != null) ss = stripeBytes(stripeSize);
        if (!raid && n == 1 && ss > 0) {
            s.say("Ignoring stripesize argument with single stripe.");
            ss = 0;
        }
        boolean ro = permission != null && permission.equals("r");
        if (permission != null && !permission.equals("r") && !permission.equals("rw"))
            throw LvmException.invalid("Invalid argument for --permission: " + permission);
        boolean z = zero == null || YesNo.parse(zero, "--zero");
        if (raid) {
            int m = mirrors == null ? 1 : mirrors;
            if (m < 0) throw LvmException.invalid("Mirrors may not be negative.\nInvalid argument for --mirrors: " + mirrors + "\nError during parsing of command line.");
            if (m == 0) throw LvmException.invalid("--mirrors must be at least 1 with segment type raid1.");
            if (stripes != null && stripes > 1) throw LvmException.invalid("Stripes argument cannot be used with segment type, raid1");
            if (stripeSize != null) throw LvmException.invalid("Stripe size argument cannot be used with segment type, raid1");
            long region = regionSize == null ? 0 : RaidArgs.regionSectors(regionSize);
            new RaidCreate(s).create(new RaidCreate.Spec(vg, lv, new LvOps.SizeArg(sz, ex), m + 1, region, nosync,
                    RaidArgs.rateKiB(minRate, "--minrecoveryrate"), RaidArgs.rateKiB(maxRate, "--maxrecoveryrate"), pvArgs, policy, z && !ro));
            return;
        }
        if (mirrors != null && mirrors == 0) s.say("Redundant mirrors argument: default is 0");
        if (regionSize != null || nosync || maxRate != null || minRate != null)
            throw LvmException.invalid("Command does not accept option: " + (regionSize != null ? "--regionsize" : nosync ? "--nosync" : maxRate != null ? "--maxrecoveryrate" : "--minrecoveryrate") + ".");
        new LvOps(s).lvcreate(new LvOps.CreateSpec(vg, lv, new LvOps.SizeArg(sz, ex), n, ss, pvArgs, policy, ro, z && !ro));
    }

    /**
     * lvcreate --type raid0|raid0_meta|raid4|raid5*|raid6*|raid10 -i N [-I S] [-m 1]: lvcreate.c
     * _read_mirror_and_raid_params and _read_raid_params, their refusals (exit 3) in LVM2's order.
     */
    private void stripedRaid(Session s) throws LvmException {
        String[] vgLv = vgAndLv();
        int parity = RaidLevels.parity(type);
        boolean raid10 = RaidLevels.raid10(type);
        int n = stripes == null ? RaidLevels.minStripes(type) : stripes(stripes);
        if (n > MAX_STRIPES) throw LvmException.invalid("Number of stripes (" + n + ") must be between 1 and " + MAX_STRIPES + ".");
        long ss = stripeSize == null ? 0 : stripeBytes(stripeSize);
        if (n == 1 && ss > 0) {
            s.say("Ignoring stripesize argument with single stripe.");
            ss = 0;
        }
        if (n > 1) ss = new LvOps(s).requestedStripeSize(ss, "Using default stripesize 64.00 KiB.");
        int copies = raid10 ? 2 : 1;
        if (mirrors != null) {
            if (mirrors < 0) throw LvmException.invalid("Mirrors may not be negative.\nInvalid argument for --mirrors: " + mirrors + "\nError during parsing of command line.");
            copies = mirrors + 1;
            if (copies > 2 && raid10) throw LvmException.invalid("RAID10 currently supports only 2-way mirroring (i.e. '-m 1')");
            if (copies == 1) {
                if (raid10) throw LvmException.invalid("--mirrors must be at least 1 with segment type " + type + ".");
                s.say("Redundant mirrors argument: default is 0");
            }
        }
        int maxImages = 64 - parity;
        if (raid10 && copies * n > maxImages) throw LvmException.invalid("Only up to " + maxImages / copies + " stripes in " + type + " supported currently.");
        if (!raid10 && n > maxImages) throw LvmException.invalid("Only up to " + maxImages + " stripes in " + type + " supported currently.");
        if (nosync && RaidLevels.raid6(type)) throw LvmException.invalid("nosync option prohibited on RAID6.");
        if (n < RaidLevels.minStripes(type))
            throw LvmException.invalid("Minimum of " + RaidLevels.minStripes(type) + " stripes required for " + type + ".");
        if (mirrors != null && !raid10) throw LvmException.invalid("Mirror argument cannot be used with segment type, " + type);
        long region = regionSize == null || RaidLevels.raid0(type) ? 0 : RaidArgs.regionSectors(regionSize);
        Policy policy = alloc == null ? null : policy(alloc);
        if (contiguous != null && YesNo.parse(contiguous, "--contiguous")) policy = Policy.CONTIGUOUS;
        boolean ro = "r".equals(permission);
        boolean z = (zero == null || YesNo.parse(zero, "--zero")) && !ro;
        List<String> pvArgs = new ArrayList<>(args);
        if (!pvArgs.isEmpty() && !pvArgs.get(0).startsWith("/") && !pvArgs.get(0).startsWith(".")) pvArgs.remove(0);
        if (stripes == null && s.config().flag("allocation/raid_stripe_all_devices", false)) n = stripeAll(s, vgLv[0], pvArgs, type, copies);
        int images = raid10 ? n * 2 : n + parity;
        new RaidCreate(s).create(new RaidCreate.Spec(vgLv[0], vgLv[1], sizeArg(), images, region, nosync,
                RaidArgs.rateKiB(minRate, "--minrecoveryrate"), RaidArgs.rateKiB(maxRate, "--maxrecoveryrate"), pvArgs, policy, z, type, n, ss));
    }

    /**
     * allocation/raid_stripe_all_devices = 1 without -i: a stripe per PV given, else per PV of the VG, less the parity
     * devices when there are more than twice as many PVs (lvcreate.c _check_raid_parameters).
     */
    private static int stripeAll(Session s, String vg, List<String> pvArgs, String type, int copies) throws LvmException {
        int parity = RaidLevels.parity(type);
        int devs = pvArgs.size();
        if (devs == 0) {
            try (ulvm.store.Scan scan = s.scan(false)) {
                devs = s.vg(scan, vg).vg().pvs().size();
            }
        }
        if (RaidLevels.raid10(type)) {
            if (devs / copies < 2) throw new LvmException("Unable to create RAID(1)0 LV: insufficient number of devices.");
            return devs / copies;
        }
        int n = parity > 0 && devs > 2 * parity ? devs - parity : devs;
        if (parity == 0 && n < 2) throw new LvmException("Segment type 'raid0' requires 2 or more stripes.");
        if (n <= parity) throw new LvmException("Number of stripes must be at least " + (parity + 1) + " for " + type + ".");
        return n;
    }

    /** The VG and LV (null when not named) of the positional arguments and -n. */
    private String[] vgAndLv() throws LvmException {
        String vg = null, lv = name;
        if (!args.isEmpty() && !args.get(0).startsWith("/") && !args.get(0).startsWith(".")) {
            String first = args.get(0);
            if (first.contains("/")) {
                String[] vl = LvOps.vgLv(first, null);
                vg = vl[0];
                if (lv == null) lv = vl[1];
            } else vg = first;
        }
        if (lv != null && lv.contains("/")) {
            String[] vl = LvOps.vgLv(lv, vg);
            vg = vl[0];
            lv = vl[1];
        }
        if (vg == null) throw LvmException.invalid("Please provide a volume group name");
        return new String[] {vg, lv};
    }

    private LvOps.SizeArg sizeArg() throws LvmException {
        return size != null ? new LvOps.SizeArg(size(size), null) : new LvOps.SizeArg(null, extents(extents));
    }

    /** lvcreate -s|--snapshot|--type snapshot [-L|-l] [-c] [-p] [-n] VG/ORIGIN [PV...]. */
    private void snapshot(Session s) throws LvmException {
        if (mirrors != null && mirrors > 0) throw LvmException.invalid("Command does not accept option: --snapshot.");
        if (regionSize != null) throw LvmException.invalid("Command does not accept option: --regionsize " + regionSize + ".");
        if (maxRate != null) throw LvmException.invalid("Command does not accept option: --maxrecoveryrate " + maxRate + ".");
        if (minRate != null) throw LvmException.invalid("Command does not accept option: --minrecoveryrate " + minRate + ".");
        if (zero != null) throw LvmException.invalid("Option --zero is unsupported with snapshots.");
        if (wipe != null) throw LvmException.invalid("Option --wipesignatures is unsupported with snapshots.");
        if (nosync) throw LvmException.invalid("Option --nosync is unsupported with snapshots.");
        if (size == null && extents == null && chunkSize != null) throw LvmException.invalid("Command does not accept option: --chunksize " + chunkSize + ".");
        if (size != null && extents != null) throw LvmException.invalid("Please specify either size or extents but not both.");
        if (args.isEmpty()) throw LvmException.invalid("Please specify a logical volume to act as the snapshot origin.");
        List<String> pvArgs = new ArrayList<>(args);
        String originArg = pvArgs.remove(0);
        String vg = null, lv = name;
        if (lv != null && lv.contains("/")) {
            String[] vl = LvOps.vgLv(lv, null);
            vg = vl[0];
            lv = vl[1];
        }
        String o = ulvm.api.DevPaths.strip(originArg);
        String origin;
        if (o.contains("/")) {
            String[] vl = LvOps.vgLv(o, vg);
            vg = vl[0];
            origin = vl[1];
        } else {
            if (vg == null) throw LvmException.invalid("The origin name should include the volume group.");
            origin = o;
        }
        long chunk = 0;
        if (chunkSize != null) {
            Sizes.Size cs = Sizes.parse(chunkSize, "--chunksize", 1024);
            if (cs.sign() == '-') throw Sizes.invalidArg("Size may not be negative.", "--chunksize", chunkSize);
            chunk = cs.bytes() / 512;
            if (chunk == 0 || cs.bytes() % 512 != 0) chunk = 1;
        }
        SnapshotCreate.checkChunk(chunk);
        if (permission != null && !permission.equals("r") && !permission.equals("rw"))
            throw LvmException.invalid("Invalid argument for --permission: " + permission);
        Sizes.Size sz = null;
        Sizes.Extents ex = null;
        if (size != null) {
            sz = size(size);
        } else if (extents != null) {
            ex = extents(extents);
        }
        if (sz == null && ex == null && ulvm.ops.ThinCreate.isThinLv(s, vg, origin)) {
            new ulvm.ops.ThinCreate(s).snapshot(vg, origin, lv);
            return;
        }
        Policy policy = alloc == null ? null : policy(alloc);
        if (contiguous != null && YesNo.parse(contiguous, "--contiguous")) policy = Policy.CONTIGUOUS;
        long ss = stripeSize == null ? 0 : stripeBytes(stripeSize);
        new SnapshotCreate(s).create(new SnapshotCreate.Spec(vg, origin, lv, sz == null && ex == null ? null : new LvOps.SizeArg(sz, ex), chunk,
                "r".equals(permission), stripes == null ? 1 : stripes, ss, pvArgs, policy));
    }

    /**
     * -k, -r, -M/--minor/--major as LVM2's _read_activation_params and get_and_validate_major_minor: checked and warned
     * of now, given to the LV this command creates.
     */
    private void activationParams(Session s) throws LvmException {
        Boolean skipIt = skip == null ? null : YesNo.parse(skip, "--setactivationskip");
        Long ra = readAhead == null ? null : ulvm.ops.LvProperties.pageMultiple(LvChange.readAhead(readAhead), s);
        Boolean fixed = persistent == null ? null : YesNo.parse(persistent, "--persistent");
        if (Boolean.FALSE.equals(fixed) && (minor != null || major != null)) throw new LvmException("Options --major and --minor are incompatible with -Mn.");
        if (Boolean.TRUE.equals(fixed) && minor == null) throw new LvmException("Please specify minor number with --minor when using -My.");
        if (major != null) s.tell("WARNING: Ignoring supplied major number " + major + " - kernel assigns major numbers dynamically. Using major number 0 instead.");
        var c = new ulvm.ops.LvProperties.Change(skipIt, ra, minor != null ? Boolean.TRUE : null, null, minor);
        if (c.skip() != null || c.readAhead() != null || c.persistent() != null) s.newLv(lv -> ulvm.ops.LvProperties.forNew(lv, c, s));
    }

    static Policy policy(String alloc) throws LvmException {
        try {
            return Policy.parse(alloc);
        } catch (IllegalArgumentException e) {
            throw LvmException.invalid("Invalid argument for --alloc: " + alloc);
        }
    }

    /** lvcreate -L: MiB by default, not negative, not zero (lvmcmdline.c psize_mb_arg). */
    private static Sizes.Size size(String v) throws LvmException {
        Sizes.Size sz = Sizes.parse(v, "--size");
        if (sz.sign() == '-') throw Sizes.invalidArg("Size may not be negative.", "--size", v);
        if (sz.bytes() == 0) throw LvmException.invalid("--size may not be zero.");
        return sz;
    }

    /** lvcreate -l: not negative, not zero (pextents_arg). */
    private static Sizes.Extents extents(String v) throws LvmException {
        Sizes.Extents ex = Sizes.parseExtents(v, "--extents");
        if (ex.sign() == '-') throw Sizes.invalidArg("Extents may not be negative.", "--extents", v);
        if (ex.count() == 0) throw LvmException.invalid("--extents may not be zero.");
        return ex;
    }

    /** -I takes KiB by default; not negative, not zero. */
    static long stripeBytes(String v) throws LvmException {
        Sizes.Size sz = Sizes.parse(v, "--stripesize", 1024);
        if (sz.sign() == '-') throw Sizes.invalidArg("Size may not be negative.", "--stripesize", v);
        if (sz.bytes() == 0) throw LvmException.invalid("--stripesize may not be zero.");
        return sz.bytes();
    }

    /** -i as LVM2 reads it: a number that is neither negative nor zero. */
    static int stripes(int n) throws LvmException {
        if (n < 0) throw Sizes.invalidArg(null, "--stripes", Integer.toString(n));
        if (n == 0) throw LvmException.invalid("--stripes may not be zero.");
        return n;
    }

    /** LVM2's MAX_STRIPES. */
    static final int MAX_STRIPES = 128;

    /** The segment types LVM2 2.03 knows (`lvm segtypes`): any other --type is a bad command line. */
    private static final java.util.Set<String> LVM2_SEGTYPES = java.util.Set.of("linear", "striped", "zero", "error", "snapshot",
            "mirror", "raid0", "raid0_meta", "raid1", "raid10", "raid10_near", "raid4", "raid5", "raid5_n", "raid5_la", "raid5_ls",
            "raid5_ra", "raid5_rs", "raid6", "raid6_n_6", "raid6_nc", "raid6_nr", "raid6_zr", "raid6_ls_6", "raid6_rs_6", "raid6_la_6",
            "raid6_ra_6", "thin-pool", "thin", "cache-pool", "cache", "vdo", "vdo-pool", "writecache", "integrity");
}
