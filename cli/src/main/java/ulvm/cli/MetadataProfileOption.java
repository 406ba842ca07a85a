package ulvm.cli;

import picocli.CommandLine.Option;

/** --metadataprofile NAME, of lvcreate, lvconvert, lvchange, vgcreate, vgchange and lvmconfig (LVM2's command-lines.in). */
public final class MetadataProfileOption {
    @Option(names = "--metadataprofile", paramLabel = "NAME", description = "A metadata profile (config/profile_dir/NAME.profile): applied, and given to what the command creates.")
    public String name;
}
