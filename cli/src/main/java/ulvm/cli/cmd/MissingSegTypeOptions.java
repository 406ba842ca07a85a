package ulvm.cli.cmd;

import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import ulvm.api.LvmException;

/**
 * LVM2's options of the cache, writecache, VDO and raid integrity segment types, on lvcreate, lvconvert and lvchange:
 * ulvm has none of those types, so it takes the options as LVM2 spells them and refuses the command in one line,
 * exit 5, naming what it lacks (not "unrecognized option", which would read as a typo).
 */
public final class MissingSegTypeOptions {
    @Spec(Spec.Target.MIXEE) CommandSpec mixee;

    @Option(names = {"-H", "--cache"}, hidden = true) boolean cache;
    @Option(names = "--cachedevice", hidden = true) List<String> cacheDevice;
    @Option(names = "--cachemetadataformat", hidden = true) String cacheMetadataFormat;
    @Option(names = "--cachemode", hidden = true) String cacheMode;
    @Option(names = "--cachepolicy", hidden = true) String cachePolicy;
    @Option(names = "--cachepool", hidden = true) String cachePool;
    @Option(names = "--cachesettings", hidden = true) List<String> cacheSettings;
    @Option(names = "--cachesize", hidden = true) String cacheSize;
    @Option(names = "--cachevol", hidden = true) String cacheVol;
    @Option(names = "--splitcache", hidden = true) boolean splitCache;
    @Option(names = "--vdo", hidden = true) boolean vdo;
    @Option(names = "--vdopool", hidden = true) String vdoPool;
    @Option(names = "--vdosettings", hidden = true) List<String> vdoSettings;
    @Option(names = "--compression", hidden = true) String compression;
    @Option(names = "--deduplication", hidden = true) String deduplication;
    @Option(names = "--raidintegrity", hidden = true) String raidIntegrity;
    @Option(names = "--raidintegrityblocksize", hidden = true) String raidIntegrityBlockSize;
    @Option(names = "--raidintegritymode", hidden = true) String raidIntegrityMode;

    /** Throws, exit 5, when the command line has one of these options. */
    void refuse() throws LvmException {
        for (picocli.CommandLine.Model.OptionSpec o : mixee.commandLine().getParseResult().matchedOptions()) {
            String name = o.longestName();
            String lacks = name.contains("vdo") || name.equals("--compression") || name.equals("--deduplication") ? "VDO (vdo, vdo-pool)"
                    : name.contains("integrity") ? "raid integrity (integrity)"
                    : name.contains("cache") ? "cache (cache, cache-pool, writecache)" : null;
            if (lacks != null) throw new LvmException(name + " is not supported: ulvm has no " + lacks + " segment types.");
        }
    }
}
