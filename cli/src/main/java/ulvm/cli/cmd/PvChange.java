package ulvm.cli.cmd;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import ulvm.api.LvmException;
import ulvm.cli.LvmCommand;
import ulvm.cli.YesNo;
import ulvm.ops.PvOps;
import ulvm.ops.Session;

@Command(name = "pvchange", description = "Change attributes of PVs (-x y|n: allocatable).")
public final class PvChange extends LvmCommand {
    @Parameters(arity = "0..*", paramLabel = "PV") List<String> pvs = new ArrayList<>();
    @Option(names = {"-S", "--select"}, paramLabel = "SELECTION") String select;
    @Option(names = {"-x", "--allocatable"}, paramLabel = "y|n") String allocatable;
    @Option(names = {"-a", "--all"}) boolean all;
    @Option(names = "--addtag") List<String> addTags = new ArrayList<>();
    @Option(names = "--deltag") List<String> delTags = new ArrayList<>();
    @Option(names = {"-u", "--uuid"}) boolean uuid;
    @Option(names = "--metadataignore", paramLabel = "y|n") String metadataIgnore;
    @Option(names = {"-f", "--force"}) boolean force;

    @Override
    protected void run(Session s) throws LvmException {
        if (allocatable == null && addTags.isEmpty() && delTags.isEmpty() && !uuid && metadataIgnore == null)
            throw LvmException.invalid("No command with matching syntax recognised.  Run 'pvchange --help' for more information.");
        List<String> add = TagArgs.parse(addTags, "--addtag"), del = TagArgs.parse(delTags, "--deltag");
        if (pvs.isEmpty() && !all && select == null) throw LvmException.invalid("Please give a physical volume path or use --all.");
        List<String> chosen = Selected.pvs(s, pvs, select);
        if (chosen != null && chosen.isEmpty()) {
            s.say("0 physical volumes changed / 0 physical volumes not changed");
            return;
        }
        List<Path> paths = new ArrayList<>();
        for (String p : chosen != null ? chosen : pvs) paths.add(Path.of(p));
        Boolean ignore = metadataIgnore == null ? null : YesNo.parse(metadataIgnore, "--metadataignore");
        new PvOps(s).pvchange(paths, all, new PvOps.Change(allocatable == null ? null : YesNo.parse(allocatable, "--allocatable"), add, del, ignore, uuid, force));
    }
}
