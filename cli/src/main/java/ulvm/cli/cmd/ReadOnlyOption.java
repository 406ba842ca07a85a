package ulvm.cli.cmd;

import picocli.CommandLine.Option;

/**
 * LVM2's --readonly of the commands that only read (reports, displays, scans, vgcfgbackup): read the metadata without
 * locks. ulvm's readers take its lock shared and write nothing either way, so it is accepted as is.
 */
public final class ReadOnlyOption {
    @Option(names = "--readonly", hidden = true) boolean readOnly;
}
