package ulvm.cli.cmd;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import ulvm.api.LvmException;
import ulvm.cli.LvmCommand;
import ulvm.cli.YesNo;
import ulvm.cli.RaidArgs;
import ulvm.ops.ChangeOps;
import ulvm.ops.RaidChange;
import ulvm.ops.RaidResync;
import ulvm.ops.Session;

@Command(name = "lvchange", description = "Change LV attributes: -a y|n (activation in the mount), -p r|rw, --alloc, --refresh (failed raid legs come back), --resync (raid1 syncs again in full). VG: its LVs.")
public final class LvChange extends LvmCommand {
    @picocli.CommandLine.Mixin ulvm.cli.MetadataProfileOption metadataProfile;

    @Override
    protected ulvm.cli.MetadataProfileOption metadataProfileOption() { return metadataProfile; }

    @Parameters(arity = "0..*", paramLabel = "VG/LV") List<String> lvs = new java.util.ArrayList<>();
    @Option(names = {"-S", "--select"}, paramLabel = "SELECTION") String select;
    @Option(names = "--addtag", paramLabel = "Tag") List<String> addTags = new java.util.ArrayList<>();
    @Option(names = "--deltag", paramLabel = "Tag") List<String> delTags = new java.util.ArrayList<>();
    @Option(names = {"-a", "--activate"}, paramLabel = "y|n") String activate;
    @Option(names = {"-p", "--permission"}, paramLabel = "r|rw") String permission;
    @Option(names = "--alloc", paramLabel = "POLICY") String alloc;
    @picocli.CommandLine.Mixin AutoActivationOption autoActivation;
    @Option(names = "--detachprofile") boolean detachProfile;
    @Option(names = "--syncaction", paramLabel = "check|repair") String syncAction;
    @Option(names = "--maxrecoveryrate", paramLabel = "RATE") String maxRate;
    @Option(names = "--minrecoveryrate", paramLabel = "RATE") String minRate;
    @Option(names = "--refresh") boolean refresh;
    @Option(names = "--activationmode", paramLabel = "partial|degraded|complete") String activationMode;
    /** LVM2's -P|--partial: --activationmode partial. */
    @Option(names = {"-P", "--partial"}) boolean partial;
    @Option(names = "--resync") boolean resync;
    @Option(names = {"-k", "--setactivationskip"}, paramLabel = "y|n") String skip;
    @Option(names = {"-K", "--ignoreactivationskip"}) boolean ignoreSkip;
    @Option(names = {"-r", "--readahead"}, paramLabel = "auto|none|Number") String readAhead;
    @Option(names = {"-M", "--persistent"}, paramLabel = "y|n") String persistent;
    @Option(names = "--minor", paramLabel = "Number") Long minor;
    @Option(names = {"-j", "--major"}, paramLabel = "Number") Long major;
    @Option(names = {"-C", "--contiguous"}, paramLabel = "y|n") String contiguous;
    @Option(names = "--writemostly", paramLabel = "PV[:t|y|n]") List<String> writeMostly = new java.util.ArrayList<>();
    @Option(names = "--writebehind", paramLabel = "Number") Long writeBehind;
    @Option(names = "--errorwhenfull", paramLabel = "y|n") String errorWhenFull;
    @Option(names = "--discards", paramLabel = "passdown|nopassdown|ignore") String discards;
    @Option(names = {"-Z", "--zero"}, paramLabel = "y|n") String zero;
    @Option(names = "--rebuild", paramLabel = "PV") List<String> rebuild = new java.util.ArrayList<>();

    @picocli.CommandLine.Mixin MissingSegTypeOptions missingSegTypes;

    @picocli.CommandLine.Mixin MonitoringOptions monitoring;

    @Override
    protected void run(Session s) throws LvmException {
        monitoring.check();
        if (partial && activationMode == null) activationMode = "partial";
        if (monitoring.given() && nothingElseAsked("--select")) return; // nothing to monitor or poll: no dmeventd, no lvmpolld
        missingSegTypes.refuse();
        List<String> add = TagArgs.parse(addTags, "--addtag"), del = TagArgs.parse(delTags, "--deltag");
        if (lvs.isEmpty() && select == null)
            throw LvmException.invalid("No command with matching syntax recognised.  Run 'lvchange --help' for more information.");
        List<String> chosen = Selected.lvs(s, lvs, select);
        if (chosen != null) {
            if (chosen.isEmpty()) return;
            lvs = chosen;
        }
        if (autoActivation.wanted() != null) { // first, in a commit of its own; then what else was asked
            new ulvm.ops.AutoActivation(s).lvs(lvs, autoActivation.wanted());
            if (nothingElseAsked("--setautoactivation", "--select")) return;
        }
        String profile = metadataProfile();
        if (profile != null && detachProfile) // command-lines.in's RULEs
            throw LvmException.invalid("Command does not accept option combination: " + (metadataProfile.name != null ? "--metadataprofile" : "--profile") + "  with --detachprofile ");
        if (profile != null || detachProfile) {
            new ulvm.ops.TagOps(s).lvProfile(lvs, profile);
            if (nothingElseAsked()) return;
        }
        if (!add.isEmpty() || !del.isEmpty()) {
            new ulvm.ops.TagOps(s).lvTags(lvs, add, del);
            if (activate == null && permission == null && alloc == null && syncAction == null && maxRate == null && minRate == null && !refresh && !resync)
                return;
        }
        if (!rebuild.isEmpty()) { // lvchange --rebuild PV VG|LV...: only -y, -S and tags may come along
            if (activate != null) throw LvmException.invalid("Command does not accept option: --activate " + activate + ".");
            if (permission != null || alloc != null || syncAction != null || maxRate != null || minRate != null || refresh || resync || activationMode != null)
                throw LvmException.invalid("No command with matching syntax recognised.  Run 'lvchange --help' for more information.");
            new ulvm.ops.RaidRebuild(s).rebuild(lvs, rebuild, common.yes);
            return;
        }
        if (activationMode != null && !List.of("partial", "degraded", "complete").contains(activationMode))
            throw LvmException.invalid("Invalid argument for --activationmode: " + activationMode + "\nError during parsing of command line.");
        if (resync) {
            resync(s);
            return;
        }
        if ("partial".equals(activationMode)) s.tell("PARTIAL MODE. Incomplete logical volumes will be processed.");
        if (refresh) {
            if (activate != null || permission != null || alloc != null || syncAction != null || maxRate != null || minRate != null)
                throw LvmException.invalid("Command does not accept option: --refresh.");
            new ChangeOps(s).refresh(lvs, "partial".equals(activationMode));
            return;
        }
        if (syncAction != null || maxRate != null || minRate != null) {
            if (activate != null || permission != null || alloc != null || syncAction != null && (maxRate != null || minRate != null))
                throw LvmException.invalid("No command with matching syntax recognised.  Run 'lvchange --help' for more information.");
            if (syncAction != null) {
                if (!syncAction.equals("check") && !syncAction.equals("repair"))
                    throw LvmException.invalid("Invalid argument for --syncaction: " + syncAction + "\nError during parsing of command line.");
                new RaidChange(s).syncAction(lvs, syncAction);
            } else {
                new RaidChange(s).recoveryRates(lvs, minRate == null ? null : RaidArgs.rateKiB(minRate, "--minrecoveryrate"),
                        maxRate == null ? null : RaidArgs.rateKiB(maxRate, "--maxrecoveryrate"));
            }
            return;
        }
        if (!writeMostly.isEmpty() || writeBehind != null) {
            new RaidChange(s).writeMostly(lvs, writeMostly, writeBehind);
            return;
        }
        if (errorWhenFull != null || discards != null || zero != null) { // thin pool properties
            String d = discards == null ? null : discards.toLowerCase(java.util.Locale.ROOT);
            if (d != null && !ulvm.segtype.ThinPoolType.DISCARDS.contains(d))
                throw LvmException.invalid("Thin pool discards type \"" + discards + "\" is unknown.\nInvalid argument for --discards: " + discards
                        + "\nError during parsing of command line.");
            new ulvm.ops.ThinChange(s).poolProperties(lvs, errorWhenFull == null ? null : YesNo.parse(errorWhenFull, "--errorwhenfull"), d,
                    zero == null ? null : YesNo.parse(zero, "--zero"));
            return;
        }
        if (contiguous != null) {
            if (alloc != null) throw LvmException.invalid("Command does not accept option: --alloc.");
            alloc = YesNo.parse(contiguous, "--contiguous") ? "contiguous" : "inherit";
        }
        if (skip != null || readAhead != null || persistent != null || minor != null || major != null) {
            if (persistent == null && (minor != null || major != null) || "y".equals(persistent) && minor == null)
                throw LvmException.invalid("No command with matching syntax recognised.  Run 'lvchange --help' for more information.");
            new ulvm.ops.LvProperties(s).lvchange(lvs, new ulvm.ops.LvProperties.Change(skip == null ? null : YesNo.parse(skip, "--setactivationskip"),
                    readAhead == null ? null : readAhead(readAhead), persistent == null ? null : YesNo.parse(persistent, "--persistent"), major, minor));
            if (activate == null && permission == null && alloc == null) return;
        }
        if (activate == null && permission == null && alloc == null)
            throw LvmException.invalid("No command with matching syntax recognised.  Run 'lvchange --help' for more information.");
        Boolean ro = null;
        if (permission != null) {
            if (!permission.equals("r") && !permission.equals("rw")) throw LvmException.invalid("Invalid argument for --permission: " + permission);
            ro = permission.equals("r");
        }
        new ChangeOps(s).ignoringActivationSkip(ignoreSkip).lvchange(lvs, new ChangeOps.LvChange(activation(), ro, alloc == null ? null : LvCreate.policy(alloc), common.yes,
                ulvm.live.ActivationMode.of(activationMode)));
    }

    /** -r: auto, none, or sectors (a size with a unit: k, m...). */
    static long readAhead(String v) throws LvmException {
        if (v.equals("auto")) return ulvm.ops.LvProperties.AUTO;
        if (v.equals("none")) return 0;
        try {
            if (v.matches("\\d+")) return Long.parseLong(v);
            return ulvm.ops.Sizes.parse(v, "--readahead").bytes() / 512;
        } catch (LvmException | NumberFormatException e) {
            throw LvmException.invalid("Can't parse size argument.\nInvalid argument for --readahead: " + v + "\nError during parsing of command line.");
        }
    }

    private Boolean activation() throws LvmException {
        if (activate == null) return null;
        // LVM2's exclusive, local and shared forms are plain activation here (one host)
        if (activate.matches("ay|ey|ly|sy|en|ln")) return activate.endsWith("y");
        return YesNo.parse(activate, "--activate");
    }

    /** lvchange --resync [-a y|n] VG|VG/LV...: only activation may come along (LVM2 warns of it, and does it after). */
    private void resync(Session s) throws LvmException {
        if (permission != null || alloc != null || maxRate != null || minRate != null) throw LvmException.invalid("Command does not accept option: --resync.");
        if (refresh) throw LvmException.invalid("Command does not accept option: --refresh.");
        if (syncAction != null) throw LvmException.invalid("Command does not accept option: --syncaction " + syncAction + ".");
        if (activationMode != null) throw LvmException.invalid("Command does not accept option: --activationmode " + activationMode + ".");
        Boolean act = activation();
        new RaidResync(s).resync(lvs, common.yes);
        if (act == null) return;
        s.tell("WARNING: Combining activation change with other commands is not advised.");
        new ChangeOps(s).lvchange(lvs, new ChangeOps.LvChange(act, null, null, common.yes, ulvm.live.ActivationMode.DEGRADED));
    }
}
