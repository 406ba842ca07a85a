package ulvm.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import ulvm.cli.cmd.*;

/** The command table: every LVM2 command ulvm implements. */
@Command(name = "ulvm", mixinStandardHelpOptions = true, version = "ulvm 0.1 (LVM2 2.03.16 compatible)",
        description = "LVM2 in userspace: volume groups on image files, with LVM2's commands and on-disk format.",
        subcommands = {PvCreate.class, PvRemove.class, PvChange.class, PvResize.class, PvCk.class,
                VgCreate.class, VgExtend.class, VgReduce.class, VgRemove.class, VgRename.class, VgCk.class,
                VgCfgBackup.class, VgCfgRestore.class,
                VgExport.class, VgImport.class, VgMergeCmd.class, VgSplitCmd.class, VgImportCloneCmd.class, VgImportDevicesCmd.class,
                LvCreate.class, LvExtend.class, LvReduce.class, LvResize.class, LvRemove.class, LvRename.class,
                LvChange.class, LvConvert.class, VgChange.class, LvmDevices.class, PvMove.class})
public final class Commands {
    /** Extra subcommands (reports, mount) registered by other parts of ulvm. */
    static final List<Class<?>> EXTRA = new java.util.concurrent.CopyOnWriteArrayList<>();

    private Commands() {}

    public static void register(Class<?> command) { if (!EXTRA.contains(command)) EXTRA.add(command); }

    static CommandLine build(Main.Context ctx) {
        CommandLine.IFactory dflt = CommandLine.defaultFactory();
        CommandLine.IFactory f = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                K k = dflt.create(cls);
                if (k instanceof LvmCommand c) c.ctx = ctx;
                return k;
            }
        };
        CommandLine cl = new CommandLine(new Commands(), f);
        try {
            for (Class<?> c : ReportCommands.ALL) cl.addSubcommand(f.create(c));
            for (Class<?> c : InfoCommands.ALL) cl.addSubcommand(f.create(c));
            for (Class<?> c : EXTRA) cl.addSubcommand(f.create(c));
            for (CommandProvider p : java.util.ServiceLoader.load(CommandProvider.class))
                for (Class<?> c : p.commands()) cl.addSubcommand(f.create(c));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        cl.registerConverter(java.nio.file.Path.class, s -> ctx.cwd().resolve(s).normalize());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setUnmatchedOptionsArePositionalParams(false);
        cl.setOverwrittenOptionsAllowed(true);
        cl.setAbbreviatedOptionsAllowed(true); // getopt_long, as LVM2: an unambiguous prefix of a long option is the option
        return cl;
    }
}
