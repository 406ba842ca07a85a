package ulvm.cli.cmd;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import ulvm.api.LvmException;
import ulvm.cli.LvmCommand;
import ulvm.config.ConfigDump;
import ulvm.ops.Session;

@Command(name = "lvmconfig", aliases = {"dumpconfig", "config"},
        description = "Display the configuration: lvm.conf, lvmlocal.conf and --config merged (--type current|default|diff|full).")
public final class LvmConfigCmd extends LvmCommand {
    @picocli.CommandLine.Mixin ulvm.cli.MetadataProfileOption metadataProfile;

    @Override
    protected ulvm.cli.MetadataProfileOption metadataProfileOption() { return metadataProfile; }

    @Parameters(arity = "0..*", paramLabel = "ConfigurationNode") List<String> nodes = new ArrayList<>();
    @Option(names = "--type", paramLabel = "current|default|diff|full") String type;
    @Option(names = "--typeconfig", hidden = true) String typeconfig;
    @Option(names = "--withcomments") boolean comments;

    @Override protected boolean writes() { return false; }

    /** lvmconfig's --profile is checked as a command profile, not applied (LVM2's dumpconfig.c); --commandprofile is applied. */
    @Override
    public String commandProfile() { return common.commandProfile; }

    @Override protected boolean takesLock() { return false; }

    @Override
    protected void run(Session s) throws LvmException {
        if (common.profile != null) {
            try {
                ulvm.config.LvmConfig.load(sys().root(), common.config, common.profile);
            } catch (LvmException e) {
                throw new LvmException(e.getMessage().replace("Failed to apply command profile " + common.profile + ".", "Failed to load profile " + common.profile + "."));
            }
        }
        String t = type != null ? type : typeconfig != null ? typeconfig : "current";
        ConfigDump.Type kind;
        try {
            kind = ConfigDump.Type.valueOf(t.toUpperCase());
        } catch (IllegalArgumentException e) {
            throw LvmException.invalid("Incorrect type of configuration specified: " + t + ".");
        }
        try {
            for (String l : ConfigDump.lines(s.config(), kind, nodes, comments)) s.console().out(l);
        } catch (ConfigDump.Partial p) {
            for (String l : p.lines) s.console().out(l);
            throw p;
        }
    }
}
