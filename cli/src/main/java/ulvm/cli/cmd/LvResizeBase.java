package ulvm.cli.cmd;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import ulvm.api.LvmException;
import ulvm.cli.LvmCommand;
import ulvm.ops.LvOps;
import ulvm.ops.LvTypes;
import ulvm.ops.Session;
import ulvm.ops.Sizes;

/** What lvextend, lvreduce and lvresize share. */
abstract class LvResizeBase extends LvmCommand {
    @Parameters(index = "0", paramLabel = "LV") String lv;
    @Parameters(index = "1..*", arity = "0..*", paramLabel = "PV[:PE-PE]") List<String> pvArgs = new ArrayList<>();
    @Option(names = {"-L", "--size"}, paramLabel = "[+|-]SIZE") String size;
    @Option(names = {"-l", "--extents"}, paramLabel = "[+|-]N[%VG|%FREE|%PVS|%LV]") String extents;
    @Option(names = {"-i", "--stripes"}, paramLabel = "N") Integer stripes;
    @Option(names = {"-I", "--stripesize"}, paramLabel = "SIZE") String stripeSize;
    @Option(names = "--alloc", paramLabel = "POLICY") String alloc;
    @Option(names = {"-f", "--force"}) boolean[] force = new boolean[0];
    @Option(names = {"-r", "--resizefs"}) boolean resizefs;
    @Option(names = {"-n", "--nofsck"}) boolean nofsck;
    @Option(names = "--poolmetadatasize", paramLabel = "[+]SIZE") String poolMetadataSize;

    protected abstract LvOps.Resize mode();

    /** lvextend -m N: N+1 (0 when not given, or 0, as LVM2 keeps it). */
    protected int mirrors() throws LvmException { return 0; }

    /** lvextend/lvresize --type (lvreduce has none). */
    protected String segType() { return null; }

    /** lvextend/lvresize --nosync. */
    protected boolean nosync() { return false; }

    /** lvextend --use-policies. */
    protected boolean usePolicies() { return false; }

    @Override
    protected void run(Session s) throws LvmException {
        String type = segType();
        if (type != null && !LvTypes.SEGMENT_TYPES.contains(type)) // checked while parsing, as LVM2's segtype_arg
            throw LvmException.invalid("WARNING: Unrecognised segment type " + type + "\nInvalid argument for --type: " + type + "\nError during parsing of command line.");
        if (size != null && extents != null) throw LvmException.invalid("Please specify either size or extents but not both.");
        if (poolMetadataSize != null && ThinResizeArgs.metadataOnly(s, this)) return;
        if (usePolicies()) {
            if (size != null || extents != null) throw LvmException.invalid("Please specify either size or extents but not both.");
            String[] vl = lv.replaceFirst("^/dev/", "").split("/", 2);
            long pct = vl.length < 2 ? 0 : ulvm.ops.ThinPolicy.extendPercent(ulvm.ops.ThinPolicy.configFor(s, vl[0], vl[1]), vl[0] + "/" + vl[1], s.hooks().thinUsage(vl[0], vl[1]), s::tell);
            if (pct == 0) return; // the policy is off, or the pool is below its threshold
            extents = "+" + pct + "%LV";
        }
        if (size == null && extents == null && (pvArgs.isEmpty() || mode() == LvOps.Resize.REDUCE))
            throw LvmException.invalid("No command with matching syntax recognised.  Run '" + name() + " --help' for more information.");
        if ("linear".equals(type) && stripes != null && stripes > 1) throw LvmException.invalid("Cannot use stripes with linear type.");
        Sizes.Size sz = null;
        Sizes.Extents ex = null;
        if (size != null) {
            sz = Sizes.parse(size, "--size");
            if (mode() == LvOps.Resize.EXTEND && sz.sign() == '-') throw Sizes.invalidArg("Size may not be negative.", "--size", size);
            if (mode() == LvOps.Resize.REDUCE && sz.sign() == '+') throw Sizes.invalidArg("Size may not be positive.", "--size", size);
            if (sz.bytes() == 0) throw LvmException.invalid("--size may not be zero.");
        } else if (extents != null) {
            ex = Sizes.parseExtents(extents, "--extents");
            if (mode() == LvOps.Resize.EXTEND && ex.sign() == '-') throw Sizes.invalidArg("Extents may not be negative.", "--extents", extents);
            if (mode() == LvOps.Resize.REDUCE && ex.sign() == '+') throw Sizes.invalidArg("Extents may not be positive.", "--extents", extents);
            if (ex.count() == 0) throw LvmException.invalid("--extents may not be zero.");
        } else {
            // PVs and no size: as much as those PVs hold (lvresize.c: +100%PVS)
            ex = new Sizes.Extents('+', 100, "PVS");
        }
        int n = stripes == null ? 0 : LvCreate.stripes(stripes);
        if (type != null) LvTypes.checkResize(s, lv, type);
        long ss = stripeSize == null ? 0 : LvCreate.stripeBytes(stripeSize);
        LvOps.FsResize fs = resizefs ? Fsadm.check(s, lv, common.yes, force.length > 0, nofsck) : null;
        new LvOps(s).lvresize(mode(), new LvOps.ResizeSpec(lv, new LvOps.SizeArg(sz, ex), n, ss, pvArgs,
                alloc == null ? null : LvCreate.policy(alloc), common.yes || force.length > 0, mirrors(), nosync()), fs);
    }
}
