package ulvm.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import ulvm.api.Console;
import ulvm.api.LvmException;
import ulvm.io.CacheMode;
import ulvm.ops.Session;
import ulvm.ops.Wiring;
import ulvm.store.SystemDir;

/**
 * The {@code ulvm} command line. {@link #run} is the single entry point: used by the launcher, by tests in-process,
 * and by the daemon for commands forwarded to it.
 */
public final class Main {
    /** What a run needs besides its arguments; {@code wiring}: what the engine runs over. */
    public record Context(SystemDir sys, Console console, Session.LiveHooks hooks, String commandLine, boolean lockHeld, Path cwd,
                          Wiring wiring) {
        int execute(LvmCommand cmd) {
            Common c = cmd.common;
            if (c.version) { // LVM2 prints the version and runs nothing else
                ulvm.cli.cmd.InfoCommands.Version.print(console);
                return 0;
            }
            if (c.driverLoaded != null && !java.util.Set.of("y", "n", "yes", "no").contains(c.driverLoaded.toLowerCase(java.util.Locale.ROOT))) {
                console.err("  Invalid argument for --driverloaded: " + c.driverLoaded);
                console.err("  Error during parsing of command line.");
                return LvmException.INVALID;
            }
            SystemDir sys = this.sys;
            if (c.devicesFile != null) {
                if (c.devicesFile.isEmpty() || c.devicesFile.contains("/") || c.devicesFile.equals(".") || c.devicesFile.equals("..")) {
                    console.err(c.devicesFile.isEmpty() ? "  ulvm always uses a devices file: --devicesfile \"\" (none) is not supported."
                            : "  Invalid devices file name.");
                    if (!c.devicesFile.isEmpty()) console.err("  Run `" + cmd.name() + " --help' for more information.");
                    return c.devicesFile.isEmpty() ? LvmException.FAILED : LvmException.INVALID;
                }
                sys = sys.withDevicesFile(c.devicesFile);
            }
            Session s = new Session(sys, c.devicePaths(cwd), console, commandLine, cwd,
                    c.test ? wiring.withImages(new ulvm.io.TestModeDevices(wiring.images())) : wiring);
            if (c.test) {
                s.testMode();
                console.err("  TEST MODE: Metadata will NOT be updated and volumes will not be (de)activated.");
            }
            if (hooks != null) s.setHooks(hooks);
            try {
                s.config(ulvm.config.LvmConfig.load(sys.root(), c.config, cmd.commandProfile(), cmd.metadataProfile()));
                if ("n".equals(c.autobackup)) s.noBackup();
                if (lockHeld || !cmd.takesLock() || c.noLocking) {
                    cmd.run(s);
                } else {
                    try (AutoCloseable lock = sys.lock(cmd.writes())) {
                        cmd.run(s);
                    }
                }
                return 0;
            } catch (LvmException e) {
                report(e, cmd.name());
                return e.exitCode();
            } catch (java.io.IOException e) {
                console.err("  " + e.getMessage());
                return LvmException.FAILED;
            } catch (Exception | StackOverflowError | OutOfMemoryError e) {
                console.err("  Internal error: " + e);
                if (System.getenv("ULVM_DEBUG") != null) e.printStackTrace();
                return LvmException.FAILED;
            }
        }

        void report(LvmException e, String cmd) {
            if (e.getMessage() != null) for (String line : e.getMessage().split("\n")) console.err(line.startsWith("  ") ? line : "  " + line);
            // LVM2 points at --help after a command's own refusal, not after a bad option value (a parsing error) nor
            // after an option no form of the command takes
            if (e.exitCode() == LvmException.INVALID && e.getMessage() != null && !e.getMessage().contains("--help")
                    && !e.getMessage().endsWith("Error during parsing of command line.") && !e.getMessage().startsWith("Command does not accept option"))
                console.err("  Run `" + cmd + " --help' for more information.");
        }
    }

    /** Commands that never go to the daemon (they manage it, or only print help). */
    static final java.util.Set<String> LOCAL_ONLY = java.util.Set.of("mount", "umount", "--help", "-h", "--version", "-V", "help", "completion");

    /** picocli's refusal of an abbreviated option that several options start with. */
    private static final java.util.regex.Pattern AMBIGUOUS = java.util.regex.Pattern.compile("Error: '(.*)' is not unique: it matches (.*)");
    /** picocli's refusal of one option it does not know. */
    private static final java.util.regex.Pattern UNKNOWN = java.util.regex.Pattern.compile("Unknown option: '(-[^']*)'");

    /** LVM2's exit code for a command name it does not know (ENO_SUCH_CMD). */
    static final int NO_SUCH_COMMAND = 2;

    private Main() {}

    /** The names of ulvm's commands, as {@code ulvm COMMAND} takes them. */
    static java.util.Set<String> commandNames() { return Commands.build(null).getSubcommands().keySet(); }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("lvm")) { // LVM2's "lvm CMD ...", and "lvm" alone: its shell
            if (args.length == 1) System.exit(LvmShell.run(System.in, System.out));
            args = java.util.Arrays.copyOfRange(args, 1, args.length);
        }
        System.exit(once(args));
    }

    /** One command line, as {@code ulvm ARGS}: sent to the running mount's daemon, else run here; the exit code. */
    static int once(String[] args) {
        return once(args, new java.io.BufferedReader(new java.io.InputStreamReader(System.in, StandardCharsets.UTF_8)));
    }

    /** As above, a question's answer (y/n) read from {@code stdin}. */
    static int once(String[] args, java.io.BufferedReader stdin) {
        SystemDir sys = SystemDir.fromEnvironment();
        if (args.length > 0 && !LOCAL_ONLY.contains(args[0])) {
            var conn = ulvm.daemon.DaemonClient.connect(sys.socket());
            if (conn.isPresent()) {
                // a mount is running: it carries out every command, on the live volumes
                Path cwd = Path.of("").toAbsolutePath();
                try {
                    return ulvm.daemon.DaemonClient.forward(conn.get(), cwd, List.of(args), System.out, System.err, stdin);
                } catch (java.io.IOException e) {
                    System.err.println("  Lost the connection to the ulvm daemon: " + e.getMessage());
                    return LvmException.FAILED;
                }
            }
        }
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        int rc = run(args, sys, new StdConsole(out, err, stdin), null, false, Path.of("").toAbsolutePath(), Wiring.of(CacheMode.WRITEBACK));
        out.flush();
        err.flush();
        return rc;
    }

    /** The command line as LVM2 records it in metadata descriptions (_copy_command_line): an argument with a space quoted. */
    static String commandLine(String[] args) {
        StringBuilder b = new StringBuilder();
        for (String a : args) {
            if (b.length() > 0) b.append(' ');
            b.append(a.indexOf(' ') >= 0 ? "'" + a + "'" : a);
        }
        return b.toString();
    }

    /** Runs one command line; returns its exit code. Never throws. */
    public static int run(String[] args, SystemDir sys, Console console, Session.LiveHooks hooks, boolean lockHeld) {
        return run(args, sys, console, hooks, lockHeld, Path.of("").toAbsolutePath());
    }

    /** As above, with relative paths in the arguments taken from {@code cwd} (the caller's, for forwarded commands). */
    public static int run(String[] args, SystemDir sys, Console console, Session.LiveHooks hooks, boolean lockHeld, Path cwd) {
        return run(args, sys, console, hooks, lockHeld, cwd, Wiring.PLAIN);
    }

    /** As above, the engine running over {@code wiring} (the process's own, or a test's). */
    public static int run(String[] args, SystemDir sys, Console console, Session.LiveHooks hooks, boolean lockHeld, Path cwd, Wiring wiring) {
        Context ctx = new Context(sys, console, hooks, commandLine(args), lockHeld, cwd, wiring);
        CommandLine cl = Commands.build(ctx);
        StringWriterConsole help = new StringWriterConsole(console);
        cl.setOut(help.out());
        cl.setErr(help.err());
        cl.setParameterExceptionHandler((ParameterException ex, String[] a) -> {
            String cmd = ex.getCommandLine().getCommandName();
            java.util.regex.Matcher amb = AMBIGUOUS.matcher(ex.getMessage());
            java.util.regex.Matcher unknown = UNKNOWN.matcher(ex.getMessage());
            if (amb.matches() || unknown.matches()) { // getopt_long's words, then LVM2's
                if (amb.matches()) console.err(cmd + ": option '" + amb.group(1) + "' is ambiguous; possibilities: " + amb.group(2).replace("', '", "' '"));
                else console.err(cmd + ": unrecognized option '" + unknown.group(1) + "'");
                console.err("  Error during parsing of command line.");
                return LvmException.INVALID;
            }
            if (ex instanceof picocli.CommandLine.UnmatchedArgumentException u && ex.getCommandLine().getCommandSpec().positionalParameters().isEmpty()
                    && !u.getUnmatched().isEmpty() && !u.getUnmatched().get(0).startsWith("-")) { // LVM2's words for a command that takes no arguments
                console.err("  Command does not accept argument: " + u.getUnmatched().get(0) + ".");
                return LvmException.INVALID;
            }
            String noValue = missingValue(ex, a);
            if (noValue != null) {
                console.err(cmd + ": " + noValue);
                console.err("  Error during parsing of command line.");
                return LvmException.INVALID;
            }
            console.err("  " + ex.getMessage());
            console.err("  Run `" + cmd + " --help' for more information.");
            return LvmException.INVALID;
        });
        cl.setExecutionExceptionHandler((ex, c, p) -> {
            console.err("  Internal error: " + ex);
            return LvmException.FAILED;
        });
        if (args.length == 0) {
            console.err("  Please give a command: ulvm COMMAND [OPTIONS]. Run `ulvm --help' for the list.");
            return LvmException.INVALID;
        }
        if (!args[0].startsWith("-") && !cl.getSubcommands().containsKey(args[0])) { // LVM2's words and ENO_SUCH_CMD
            console.err("  No such command.  Try 'lvm help'.");
            return NO_SUCH_COMMAND;
        }
        try {
            int rc = cl.execute(args);
            help.flush();
            return rc;
        } catch (RuntimeException e) {
            console.err("  Internal error: " + e);
            return LvmException.FAILED;
        }
    }

    /**
     * getopt_long's words for an option given last without its value, or null for another error: "option '--size'
     * requires an argument" (the full long name, as typed abbreviated or not), "option requires an argument -- 'L'".
     */
    static String missingValue(ParameterException ex, String[] args) {
        if (!(ex instanceof CommandLine.MissingParameterException m) || m.getMissing().size() != 1
                || !(m.getMissing().get(0) instanceof CommandLine.Model.OptionSpec o) || args.length == 0
                || !ex.getMessage().startsWith("Missing required parameter for option")) return null;
        String last = args[args.length - 1];
        if (last.startsWith("--")) {
            for (String n : o.names()) if (n.startsWith(last)) return "option '" + n + "' requires an argument";
            return "option '" + o.longestName() + "' requires an argument";
        }
        if (last.startsWith("-") && last.length() >= 2) return "option requires an argument -- '" + last.charAt(last.length() - 1) + "'";
        return null;
    }

    /** Routes picocli's own output (help, usage) to the console. */
    static final class StringWriterConsole {
        private final Console c;
        private final java.io.StringWriter o = new java.io.StringWriter();
        private final java.io.StringWriter e = new java.io.StringWriter();

        StringWriterConsole(Console c) { this.c = c; }

        PrintWriter out() { return new PrintWriter(o, true); }

        PrintWriter err() { return new PrintWriter(e, true); }

        void flush() {
            for (String l : lines(o.toString())) c.out(l);
            for (String l : lines(e.toString())) c.err(l);
        }

        private static List<String> lines(String s) {
            List<String> out = new ArrayList<>();
            if (s.isEmpty()) return out;
            for (String l : s.split("\n", -1)) out.add(l);
            if (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) out.remove(out.size() - 1);
            return out;
        }
    }

    static InputStream stdin() { return System.in; }
}
