package ulvm.cli.cmd;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import ulvm.api.LvmException;
import ulvm.cli.LvmCommand;
import ulvm.ops.LvOps;
import ulvm.ops.Names;
import ulvm.ops.RaidConvert;
import ulvm.ops.RaidRepair;
import ulvm.ops.RaidTakeover;
import ulvm.ops.Session;
import ulvm.ops.SnapshotMerge;

@Command(name = "lvconvert", description = "Change a raid1 LV: --splitmirrors N (--trackchanges | --name NEW), --merge LV_rimage_N|SNAPSHOT, --mergesnapshot SNAPSHOT..., "
        + "-m [+|-]N, --type raid1|linear, --type striped|raid0|raid0_meta|raid4|raid5*|raid6*|raid10 (takeovers), --repair (replace failed raid1 images).")
public final class LvConvert extends LvmCommand {
    @picocli.CommandLine.Mixin ulvm.cli.MetadataProfileOption metadataProfile;

    @Override
    protected ulvm.cli.MetadataProfileOption metadataProfileOption() { return metadataProfile; }

    @Parameters(arity = "0..*", paramLabel = "VG/LV [PV...]") List<String> args = new ArrayList<>();
    @Option(names = "--splitmirrors", paramLabel = "N") Integer splitMirrors;
    @Option(names = "--trackchanges") boolean trackChanges;
    @Option(names = {"-n", "--name"}, paramLabel = "NEW") String name;
    @Option(names = "--merge") boolean merge;
    @Option(names = "--mergesnapshot") boolean mergeSnapshot;
    @Option(names = "--repair") boolean repair;
    @Option(names = "--usepolicies") boolean usePolicies;
    @Option(names = {"-m", "--mirrors"}, paramLabel = "[+|-]N") String mirrors;
    @Option(names = "--type", paramLabel = "TYPE") String type;
    @Option(names = {"-f", "--force"}) boolean[] force = new boolean[0];
    @Option(names = {"-b", "--background"}) boolean background;
    @Option(names = {"-i", "--interval"}, paramLabel = "SECS") String interval;
    @Option(names = "--stripes", paramLabel = "N") Integer stripes;
    @Option(names = "--thinpool", paramLabel = "LV") String thinPool;
    @Option(names = "--poolmetadata", paramLabel = "LV") String poolMetadata;
    @Option(names = "--poolmetadatasize", paramLabel = "SIZE") String poolMetadataSize;
    @Option(names = "--poolmetadataspare", paramLabel = "y|n") String poolMetadataSpare;
    @Option(names = {"-c", "--chunksize"}, paramLabel = "SIZE") String chunkSize;
    @Option(names = {"-Z", "--zero"}, paramLabel = "y|n") String zero;
    @Option(names = "--discards", paramLabel = "passdown|nopassdown|ignore") String discards;
    @Option(names = "--errorwhenfull", paramLabel = "y|n") String errorWhenFull;

    private static LvmException syntax() {
        return LvmException.invalid("No command with matching syntax recognised.  Run 'lvconvert --help' for more information.");
    }

    /** lvconvert --merge VG/SNAP [-b] [-i [+]SECS]: the snapshot rolls its origin back. */
    private void mergeSnapshot(Session s, String vg, String snap) throws LvmException {
        long secs = 15;
        boolean waitFirst = false;
        if (interval != null) {
            String parse = "\nError during parsing of command line.";
            if (!interval.matches("\\+?[0-9]{1,9}")) throw LvmException.invalid("Invalid argument for --interval: " + interval + parse);
            waitFirst = interval.startsWith("+");
            secs = Long.parseLong(waitFirst ? interval.substring(1) : interval);
        }
        new SnapshotMerge(s).merge(vg, snap, secs, waitFirst, background);
    }

    @picocli.CommandLine.Mixin MissingSegTypeOptions missingSegTypes;

    @Override
    protected void run(Session s) throws LvmException {
        missingSegTypes.refuse();
        String mp = metadataProfile();
        if (mp != null && !ThinConvertArgs.wanted(this)) // only the pool forms take it (command-lines.in)
            throw LvmException.invalid("Command does not accept option: " + (metadataProfile.name != null ? "--metadataprofile " : "--profile ") + mp + ".");
        if (ThinConvertArgs.wanted(this)) {
            ThinConvertArgs.run(s, this);
            return;
        }
        if (args.isEmpty()) throw LvmException.invalid("Please specify a logical volume path.");
        if (mergeSnapshot) { // LVM2's own name of --merge for a snapshot (command-lines.in: lvconvert --mergesnapshot LV_snapshot ...)
            if (repair || usePolicies || splitMirrors != null || mirrors != null || type != null || trackChanges || name != null)
                throw LvmException.invalid("Command does not accept option: --mergesnapshot.");
            for (String arg : args) {
                String[] sl = LvOps.vgLv(arg, null);
                SnapshotMerge.requireSnapshot(s, sl[0], sl[1]);
                mergeSnapshot(s, sl[0], sl[1]);
            }
            return;
        }
        String[] vl = LvOps.vgLv(args.get(0), null);
        List<String> pvs = args.subList(1, args.size());
        RaidConvert rc = new RaidConvert(s);
        if (repair) {
            if (merge || splitMirrors != null || mirrors != null || type != null || trackChanges || name != null) throw syntax();
            if (ulvm.ops.ThinRepair.isPool(s, vl[0], vl[1])) {
                new ulvm.ops.ThinRepair(s).repair(vl[0], vl[1], pvs, poolMetadataSpare == null || ulvm.cli.YesNo.parse(poolMetadataSpare, "--poolmetadataspare"));
                return;
            }
            new RaidRepair(s).repair(vl[0], vl[1], common.yes || usePolicies, usePolicies, pvs);
            return;
        }
        if (merge) {
            if (splitMirrors != null || mirrors != null || type != null || !pvs.isEmpty()) throw syntax();
            if (ulvm.ops.ThinCreate.isThinLv(s, vl[0], vl[1])) {
                new ulvm.ops.ThinMerge(s).merge(vl[0], vl[1]);
                return;
            }
            if (SnapshotMerge.isSnapshot(s, vl[0], vl[1])) {
                mergeSnapshot(s, vl[0], vl[1]);
                return;
            }
            rc.merge(vl[0], vl[1]);
            return;
        }
        if (splitMirrors != null) {
            if (mirrors != null || type != null)
                throw LvmException.invalid("--mirrors/--type mirror/--type raid* and --splitmirrors are mutually exclusive.");
            if (name == null && !trackChanges) throw LvmException.invalid("Please name the new logical volume using '--name'");
            if (name != null && trackChanges) throw syntax();
            if (name != null) {
                String n = name;
                if (n.contains("/")) {
                    String[] nl = LvOps.vgLv(n, vl[0]);
                    n = nl[1];
                }
                Names.checkLv(vl[0], n);
                name = n;
            }
            if (splitMirrors < 1) throw LvmException.invalid("Unable to split images by specified amount.");
            rc.splitMirrors(vl[0], vl[1], splitMirrors, trackChanges, name, common.yes, pvs);
            return;
        }
        if (trackChanges || name != null) throw syntax();
        if (type != null && mirrors == null && (RaidTakeover.handles(type) || type.equals("raid1"))) {
            new RaidTakeover(s).convert(vl[0], vl[1], type, stripes == null ? 0 : stripes, common.yes, pvs);
            return;
        }
        boolean linear = "linear".equals(type);
        if (type != null && !linear && !type.equals("raid1"))
            throw new LvmException("Conversion to segment type " + type + " is not supported by this version of ulvm yet.");
        int n;
        char sign = 0;
        if (linear) {
            if (mirrors != null && !mirrors.replaceFirst("^[+-]", "").equals("0")) throw new LvmException("Cannot specify mirrors with linear type.");
            n = 0;
        } else {
            if (mirrors == null) throw syntax();
            String m = mirrors;
            if (m.startsWith("+") || m.startsWith("-")) {
                sign = m.charAt(0);
                m = m.substring(1);
            }
            if (!m.matches("[0-9]{1,9}")) throw LvmException.invalid("Invalid argument for --mirrors: " + mirrors + "\nError during parsing of command line.");
            n = Integer.parseInt(m);
        }
        rc.changeImages(vl[0], vl[1], n, sign, common.yes, pvs);
    }
}
