package ulvm.cli.cmd;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import ulvm.api.LvmException;
import ulvm.ops.LvOps;

@Command(name = "lvextend", description = "Add space to a logical volume.")
public final class LvExtend extends LvResizeBase {
    @Option(names = {"-m", "--mirrors"}, paramLabel = "N") String mirrors;
    @Option(names = "--nosync") boolean nosync;
    @Option(names = "--type", paramLabel = "TYPE") String type;
    @Option(names = {"--use-policies", "--usepolicies"}) boolean usePolicies;

    @Override
    protected boolean usePolicies() { return usePolicies; }

    @Override
    protected LvOps.Resize mode() { return LvOps.Resize.EXTEND; }

    @Override
    protected int mirrors() throws LvmException {
        if (mirrors == null) return 0;
        String m = mirrors.startsWith("+") || mirrors.startsWith("-") ? mirrors.substring(1) : mirrors;
        if (!m.matches("[0-9]{1,9}")) throw LvmException.invalid("Invalid argument for --mirrors: " + mirrors + "\nError during parsing of command line.");
        if (m.length() != mirrors.length()) throw LvmException.invalid("Mirrors argument may not be signed.");
        int n = Integer.parseInt(m);
        return n == 0 ? 0 : n + 1;
    }

    @Override
    protected boolean nosync() { return nosync; }

    @Override
    protected String segType() { return type; }
}
