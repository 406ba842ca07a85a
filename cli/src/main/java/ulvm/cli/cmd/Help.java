package ulvm.cli.cmd;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.TreeMap;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import ulvm.api.LvmException;
import ulvm.ops.Session;

/**
 * {@code help [COMMAND]}, LVM2's {@code lvm help}: without a command, the list of commands (on stderr, as LVM2 logs
 * it); with one, that command's usage.
 */
@Command(name = "help", description = "Display help for commands.")
public final class Help extends InfoCommands.Info {
    @Parameters(arity = "0..1", paramLabel = "COMMAND") String command;

    @Override
    protected void run(Session s) throws LvmException {
        var root = spec.parent();
        if (command == null) {
            s.console().err("  Available lvm commands:");
            s.console().err("  Use 'lvm help <command>' for more information");
            s.console().err("   ");
            var sorted = new TreeMap<String, String>();
            root.subcommands().forEach((name, cl) -> {
                String[] d = cl.getCommandSpec().usageMessage().description();
                sorted.put(name, d.length == 0 ? "" : d[0].endsWith(".") ? d[0].substring(0, d[0].length() - 1) : d[0]);
            });
            sorted.forEach((name, d) -> s.console().err(String.format("  %-16s%s", name, d)));
            return;
        }
        CommandLine cl = root.subcommands().get(command);
        if (cl == null) throw LvmException.invalid(command + ": no such command.\n  Run `help --help' for more information.");
        StringWriter w = new StringWriter();
        cl.usage(new PrintWriter(w), CommandLine.Help.Ansi.OFF);
        for (String l : List.of(w.toString().split("\n"))) s.console().out(l);
    }
}
