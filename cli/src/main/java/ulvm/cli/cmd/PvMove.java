package ulvm.cli.cmd;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import ulvm.alloc.Policy;
import ulvm.api.LvmException;
import ulvm.cli.LvmCommand;
import ulvm.ops.MovePoller;
import ulvm.ops.PvMoveOps;
import ulvm.ops.Session;

@Command(name = "pvmove", description = "Move extents from one PV to other PVs (no PV: continue interrupted moves).")
public final class PvMove extends LvmCommand {
    @Parameters(arity = "0..*", paramLabel = "PV[:PE-PE]") List<String> pvs = new ArrayList<>();
    @Option(names = "--abort") boolean abort;
    @Option(names = "--alloc", paramLabel = "POLICY") String alloc;
    @Option(names = "--atomic") boolean atomic;
    @Option(names = {"-b", "--background"}) boolean background;
    @Option(names = {"-i", "--interval"}, paramLabel = "SECS") String interval;
    @Option(names = {"-n", "--name"}, paramLabel = "LV") List<String> names = new ArrayList<>();
    /** The copy of a {@code -b} move in the process it started (no mount): takes the lock per chunk, not for the command. */
    @Option(names = "--poll", hidden = true) boolean poll;

    private static final String PARSE = "\nError during parsing of command line.";

    @Override
    protected void run(Session s) throws LvmException {
        if (names.size() > 1) throw LvmException.invalid("Option -n/--name may not be repeated." + PARSE);
        Policy policy = null;
        if (alloc != null) {
            try {
                policy = Policy.parse(alloc);
            } catch (IllegalArgumentException e) {
                throw LvmException.invalid("Unrecognised allocation policy " + alloc + "\nInvalid argument for --alloc: " + alloc + PARSE);
            }
        }
        long secs = 15;
        boolean waitFirst = false;
        if (interval != null) {
            if (!interval.matches("\\+?[0-9]+")) throw LvmException.invalid("Invalid argument for --interval: " + interval + PARSE);
            waitFirst = interval.startsWith("+");
            try {
                secs = Long.parseLong(waitFirst ? interval.substring(1) : interval);
            } catch (NumberFormatException e) {
                throw LvmException.invalid("Invalid argument for --interval: " + interval + PARSE);
            }
        }
        if (pvs.isEmpty()) {
            if (!names.isEmpty()) throw LvmException.invalid("Command does not accept option: --name " + names.get(0) + ".");
            if (atomic) throw LvmException.invalid("Command does not accept option: --atomic.");
            if (alloc != null) throw LvmException.invalid("Command does not accept option: --alloc " + alloc + ".");
        }
        String source = pvs.isEmpty() ? null : pvs.get(0);
        List<String> dests = pvs.size() > 1 ? pvs.subList(1, pvs.size()) : List.of();
        if (poll && s.hooks().movesInBackground()) return; // a mount came up: its mover has the move
        if (poll) s.setHooks(new MovePoller(s));
        new PvMoveOps(s, this::detach).pvmove(new PvMoveOps.Spec(source, dests, names.isEmpty() ? null : names.get(0), policy, atomic,
                abort, secs, waitFirst, background, poll));
    }

    @Override
    protected boolean takesLock() {
        return !poll;
    }

    /** -b: the copy runs on in a new ulvm process (same JVM and class path), its output discarded. */
    private void detach(List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) cmd.add("/usr/bin/setsid");
        cmd.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), "ulvm.cli.Main"));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("ULVM_SYSTEM_DIR", sys().root().toString());
        pb.directory(cwd().toFile());
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.start();
    }
}
