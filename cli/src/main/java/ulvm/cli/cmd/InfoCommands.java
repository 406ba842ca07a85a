package ulvm.cli.cmd;

import java.util.List;
import picocli.CommandLine.Command;
import ulvm.api.LvmException;
import ulvm.cli.LvmCommand;
import ulvm.ops.Session;

/** LVM2's commands that print facts of this build and host: version, segtypes, formats, systemid, tags. */
public final class InfoCommands {
    public static final List<Class<?>> ALL = List.of(Version.class, SegTypes.class, Formats.class, SystemId.class, Tags.class, Completion.class, LvmConfigCmd.class,
            Help.class);

    /** The segment types ulvm creates and maps, in LVM2's order ({@code lvm segtypes} lists what the build supports). */
    static final List<String> SEGMENT_TYPES = List.of("linear", "striped", "snapshot", "mirror", "raid0", "raid0_meta", "raid1", "raid10", "raid10_near",
            "raid4", "raid5", "raid5_n", "raid5_la", "raid5_ls", "raid5_ra", "raid5_rs", "raid6", "raid6_n_6", "raid6_nc", "raid6_nr", "raid6_zr",
            "raid6_ls_6", "raid6_rs_6", "raid6_la_6", "raid6_ra_6", "thin-pool", "thin");

    private InfoCommands() {}

    /** A command that reads nothing and takes no lock. */
    abstract static class Info extends LvmCommand {
        @Override protected boolean writes() { return false; }
        @Override protected boolean takesLock() { return false; }
    }

    @Command(name = "version", description = "Display software version information.")
    public static final class Version extends Info {
        @Override
        protected void run(Session s) { print(s.console()); }

        /** The lines of {@code lvm version}, which every command's --version prints too. */
        public static void print(ulvm.api.Console c) {
            c.out("  LVM version:     2.03.16(2) (ulvm 0.1, LVM2 2.03.16 compatible)");
            c.out("  Library version: ulvm 0.1 (Java " + Runtime.version().feature() + ")");
            c.out("  Driver version:  none: LVs are files of a FUSE mount (ulvm mount)");
        }
    }

    @Command(name = "segtypes", description = "List the segment types ulvm supports.")
    public static final class SegTypes extends Info {
        @Override
        protected void run(Session s) { for (String t : SEGMENT_TYPES) s.console().out("  " + t); }
    }

    @Command(name = "formats", description = "List available metadata formats.")
    public static final class Formats extends Info {
        @Override
        protected void run(Session s) { s.console().out("  lvm2"); }
    }

    @Command(name = "systemid", description = "Display the system ID, if any, currently set on this host.")
    public static final class SystemId extends Info {
        @Override
        protected void run(Session s) throws LvmException {
            ulvm.store.LocalSystemId id = s.systemId();
            s.console().out("  system ID: " + (id.id() == null ? "" : id.id()));
        }
    }

    @Command(name = "tags", description = "List tags defined on this host (ulvm defines none).")
    public static final class Tags extends Info {
        @Override
        protected void run(Session s) { }
    }
}
