package ulvm.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Options every ulvm command takes, as LVM2's do. */
public final class Common {
    @Option(names = "--devices", paramLabel = "PV", split = ",", description = "Consider only these image files (overrides the devices file).")
    public List<String> devices;

    @Option(names = {"-v", "--verbose"}, description = "More output (accepted; ulvm prints LVM2's normal output).")
    public boolean[] verbose = new boolean[0];

    @Option(names = {"-q", "--quiet"}, description = "Less output.")
    public boolean[] quiet = new boolean[0];

    @Option(names = "--config", paramLabel = "STRING", description = "Config settings overriding lvm.conf (only those ulvm honours: ulvm lvmconfig --type full).")
    public List<String> config;

    @Option(names = "--commandprofile", paramLabel = "NAME", description = "A command profile (config/profile_dir/NAME.profile) over lvm.conf.")
    public String commandProfile;

    @Option(names = "--profile", paramLabel = "NAME", description = "--commandprofile, or --metadataprofile with lvcreate, lvconvert, vgcreate, lvchange and vgchange (as LVM2).")
    public String profile;

    @Option(names = {"-d", "--debug"}, hidden = true)
    public boolean[] debug = new boolean[0];

    @Option(names = {"-A", "--autobackup"}, paramLabel = "y|n", hidden = true)
    public String autobackup;

    @Option(names = {"-h", "--help", "-?"}, usageHelp = true, description = "Show help.")
    public boolean help;

    public List<Path> devicePaths(Path cwd) {
        if (devices == null) return null;
        List<Path> out = new ArrayList<>();
        for (String d : devices) if (!d.isBlank()) out.add(cwd.resolve(d).normalize());
        return out;
    }
}
