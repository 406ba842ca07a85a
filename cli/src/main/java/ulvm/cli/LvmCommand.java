package ulvm.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import ulvm.api.LvmException;
import ulvm.ops.Session;

/** One ulvm subcommand: parses LVM2's options, then does its work on a {@link Session}. */
public abstract class LvmCommand implements Callable<Integer> {
    @Mixin public Common common;
    @Spec public CommandSpec spec;

    /** Set by {@link Main} before the command runs. */
    Main.Context ctx;

    /** The system dir this command runs against. */
    protected ulvm.store.SystemDir sys() { return ctx.sys(); }

    /** Where relative paths in this command's arguments start. */
    public java.nio.file.Path cwd() { return ctx.cwd(); }

    /** Where this command's messages go. */
    protected ulvm.api.Console console() { return ctx.console(); }

    /** Whether the command changes metadata (takes the system dir's lock exclusively). */
    protected boolean writes() { return true; }

    /** Whether the command holds the system dir's lock from start to end (else it takes it itself, as it needs it). */
    protected boolean takesLock() { return true; }

    /** The commands whose --profile is a metadata profile (lvmcmdline.c _prepare_profiles); any other's is a command profile. */
    private static final java.util.Set<String> METADATA_PROFILE = java.util.Set.of("lvcreate", "lvconvert", "vgcreate", "lvchange", "vgchange");

    /** The command profile to apply: --commandprofile, or --profile. */
    public String commandProfile() throws LvmException {
        if (common.profile == null || METADATA_PROFILE.contains(name())) return common.commandProfile;
        if (common.commandProfile != null) throw new LvmException("Only one of --profile or --commandprofile allowed.");
        return common.profile;
    }

    /** The metadata profile to apply and give to what the command creates: --metadataprofile, or --profile of a metadata command. */
    public String metadataProfile() throws LvmException {
        String option = metadataProfileOption() == null ? null : metadataProfileOption().name;
        if (common.profile == null || !METADATA_PROFILE.contains(name())) return option;
        if (option != null) throw new LvmException("Only one of --profile or  --metadataprofile allowed."); // LVM2's two spaces
        return common.profile;
    }

    /** Options every command takes, or that only say how it runs: they ask for no change of their own. */
    private static final java.util.Set<String> RUN_OPTIONS = java.util.Set.of("--devices", "--verbose", "--quiet", "--config", "--commandprofile",
            "--profile", "--metadataprofile", "--detachprofile", "--debug", "--autobackup", "--yes", "--select", "--test", "--nolocking", "--nohints", "--noudevsync", "--driverloaded",
            "--devicesfile", "--journal", "--lockopt", "--reportformat", "--ignorelockingfailure", "--monitor", "--ignoremonitoring", "--poll",
            "--sysinit", "--readonly");

    /** Whether the command line asks for nothing but what {@link #RUN_OPTIONS} holds (picocli's matched options). */
    protected boolean nothingElseAsked(String... besides) {
        java.util.Set<String> also = java.util.Set.of(besides);
        for (picocli.CommandLine.Model.OptionSpec o : spec.commandLine().getParseResult().matchedOptions())
            if (!RUN_OPTIONS.contains(o.longestName()) && !also.contains(o.longestName())) return false;
        return true;
    }

    /** --metadataprofile, of the commands that take it (a {@code @Mixin}). */
    protected MetadataProfileOption metadataProfileOption() { return null; }

    protected abstract void run(Session s) throws LvmException;

    @Override
    public Integer call() throws Exception {
        return ctx.execute(this);
    }

    public String name() { return spec.name(); }
}
