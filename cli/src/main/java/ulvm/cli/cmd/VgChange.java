package ulvm.cli.cmd;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import ulvm.api.LvmException;
import ulvm.cli.LvmCommand;
import ulvm.cli.YesNo;
import ulvm.ops.ChangeOps;
import ulvm.ops.Session;
import ulvm.ops.Sizes;

@Command(name = "vgchange", description = "Change VG attributes: -a y|n (activation in the mount), --alloc, -x y|n, -l, -p, -u, --systemid, --addtag, --refresh.")
public final class VgChange extends LvmCommand {
    @picocli.CommandLine.Mixin ulvm.cli.MetadataProfileOption metadataProfile;

    @Override
    protected ulvm.cli.MetadataProfileOption metadataProfileOption() { return metadataProfile; }

    @Parameters(arity = "0..*", paramLabel = "VG") List<String> vgs = new ArrayList<>();
    @Option(names = {"-a", "--activate"}, paramLabel = "y|n") String activate;
    @Option(names = "--alloc", paramLabel = "POLICY") String alloc;
    @picocli.CommandLine.Mixin AutoActivationOption autoActivation;
    @Option(names = {"-x", "--resizeable"}, paramLabel = "y|n") String resizeable;
    @Option(names = "--refresh") boolean refresh;
    @Option(names = "--activationmode", paramLabel = "partial|degraded|complete") String activationMode;
    /** LVM2's -P|--partial: --activationmode partial. */
    @Option(names = {"-P", "--partial"}) boolean partial;
    @Option(names = "--systemid", paramLabel = "SystemID") String systemId;
    @Option(names = "--detachprofile") boolean detachProfile;
    @Option(names = {"-S", "--select"}, paramLabel = "SELECTION") String select;
    @Option(names = "--addtag", paramLabel = "Tag") List<String> addTags = new ArrayList<>();
    @Option(names = "--deltag", paramLabel = "Tag") List<String> delTags = new ArrayList<>();
    @Option(names = {"-l", "--logicalvolume"}, paramLabel = "MaxLogicalVolumes") Long maxLv;
    @Option(names = {"-p", "--maxphysicalvolumes"}, paramLabel = "MaxPhysicalVolumes") Long maxPv;
    @Option(names = {"-u", "--uuid"}) boolean uuid;
    @Option(names = {"-K", "--ignoreactivationskip"}) boolean ignoreSkip;
    @Option(names = {"-s", "--physicalextentsize"}, paramLabel = "Size[m|UNIT]") String extentSize;
    @Option(names = {"--vgmetadatacopies", "--metadatacopies"}, paramLabel = "all|unmanaged|Number") String mdaCopies;

    @picocli.CommandLine.Mixin MonitoringOptions monitoring;

    @Override
    protected void run(Session s) throws LvmException {
        monitoring.check();
        if (partial && activationMode == null) activationMode = "partial";
        if (monitoring.given() && nothingElseAsked("--select")) return; // nothing to monitor or poll: no dmeventd, no lvmpolld
        List<String> add = TagArgs.parse(addTags, "--addtag"), del = TagArgs.parse(delTags, "--deltag");
        List<String> chosen = Selected.vgs(s, vgs, select);
        if (autoActivation.wanted() != null) { // first, in a commit of its own; then what else was asked
            if (chosen != null && chosen.isEmpty()) return;
            new ulvm.ops.AutoActivation(s).vgs(chosen != null ? chosen : vgs, autoActivation.wanted());
            if (nothingElseAsked("--setautoactivation", "--select")) return;
        }
        if (chosen != null) {
            if (chosen.isEmpty()) return;
            vgs = chosen;
        }
        String profile = metadataProfile();
        if (profile != null && detachProfile) // command-lines.in's RULEs
            throw LvmException.invalid("Command does not accept option combination: " + (metadataProfile.name != null ? "--metadataprofile" : "--profile") + "  with --detachprofile ");
        if (profile != null || detachProfile) {
            new ulvm.ops.TagOps(s).vgProfile(vgs, profile);
            if (nothingElseAsked()) return;
        }
        if (!add.isEmpty() || !del.isEmpty()) {
            new ulvm.ops.TagOps(s).vgTags(vgs, add, del);
            if (activate == null && alloc == null && resizeable == null && systemId == null && !refresh) return;
        }
        if (extentSize != null) {
            Sizes.Size sz = Sizes.parse(extentSize, "--physicalextentsize");
            if (sz.sign() != 0) throw Sizes.invalidArg(null, "--physicalextentsize", extentSize);
            new ulvm.ops.VgExtentSize(s).change(vgs, sz.bytes());
            if (maxLv == null && maxPv == null && !uuid && mdaCopies == null && activate == null && alloc == null && resizeable == null && systemId == null && !refresh)
                return;
        }
        if (maxLv != null || maxPv != null || uuid || mdaCopies != null) {
            Long copies = mdaCopies == null ? null : VgCreate.metadataCopies(mdaCopies);
            if (maxLv != null && maxLv < 0 || maxPv != null && maxPv < 0)
                throw LvmException.invalid("Invalid argument for " + (maxLv != null && maxLv < 0 ? "--logicalvolume: " + maxLv : "--maxphysicalvolumes: " + maxPv)
                        + "\nError during parsing of command line.");
            new ulvm.ops.VgLimits(s).change(vgs, resizeable == null ? null : YesNo.parse(resizeable, "--resizeable"), maxLv, maxPv, uuid, copies);
            resizeable = null;
            if (activate == null && alloc == null && systemId == null && !refresh) return;
        }
        if (activationMode != null && !List.of("partial", "degraded", "complete").contains(activationMode))
            throw LvmException.invalid("Invalid argument for --activationmode: " + activationMode + "\nError during parsing of command line.");
        if ("partial".equals(activationMode)) s.tell("PARTIAL MODE. Incomplete logical volumes will be processed.");
        if (refresh) {
            if (activate != null || alloc != null || resizeable != null) throw LvmException.invalid("Command does not accept option: --refresh.");
            new ChangeOps(s).vgRefresh(vgs);
            return;
        }
        if (systemId != null) {
            new ulvm.ops.VgOwnership(s).systemId(vgs, systemId, common.yes);
            if (activate == null && alloc == null && resizeable == null) return;
        }
        if (activate == null && alloc == null && resizeable == null)
            throw LvmException.invalid("No command with matching syntax recognised.  Run 'vgchange --help' for more information.");
        Boolean act = activate == null ? null : YesNo.parse(activate.replace("ay", "y"), "--activate");
        new ChangeOps(s).ignoringActivationSkip(ignoreSkip).vgchange(vgs, act, alloc == null ? null : LvCreate.policy(alloc), resizeable == null ? null : YesNo.parse(resizeable, "--resizeable"),
                ulvm.live.ActivationMode.of(activationMode));
    }
}
