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

    @Option(names = {"-h", "--help", "-?", "--longhelp"}, usageHelp = true, description = "Show help.")
    public boolean help;

    @Option(names = {"-t", "--test"}, description = "Run as usual, but write no metadata or data to the images and change no active LV (LVM2's test mode).")
    public boolean test;

    @Option(names = {"-y", "--yes"}, description = "Answer yes to every question.")
    public boolean yes;

    @Option(names = "--version", description = "Print the version (as lvm version) and do nothing else.")
    public boolean version;

    @Option(names = "--devicesfile", paramLabel = "NAME", description = "Use devices file NAME in $ULVM_SYSTEM_DIR/devices/ (LVM2: /etc/lvm/devices/NAME).")
    public String devicesFile;

    @Option(names = "--nolocking", description = "Do not take ulvm's system dir lock (as LVM2 without its file locks).")
    public boolean noLocking;

    @Option(names = "--reportformat", paramLabel = "basic|json", description = "The report's format (the report commands); accepted elsewhere, where ulvm has no log report.")
    public String reportFormat;

    // accepted as LVM2 does on a system without the feature: ulvm keeps no hints, has no udev, no device-mapper
    // driver to load, no lvmlockd and logs nothing to the journal (README, "Options")
    @Option(names = "--nohints", hidden = true) public boolean noHints;
    @Option(names = "--noudevsync", hidden = true) public boolean noUdevSync;
    @Option(names = "--driverloaded", paramLabel = "y|n", hidden = true) public String driverLoaded;
    @Option(names = "--journal", paramLabel = "STRING", hidden = true) public List<String> journal;
    @Option(names = "--lockopt", paramLabel = "STRING", hidden = true) public String lockOpt;
    @Option(names = "--ignorelockingfailure", hidden = true) public boolean ignoreLockingFailure; // ulvm's flock does not fail

    public List<Path> devicePaths(Path cwd) {
        if (devices == null) return null;
        List<Path> out = new ArrayList<>();
        for (String d : devices) if (!d.isBlank()) out.add(cwd.resolve(d).normalize());
        return out;
    }
}
