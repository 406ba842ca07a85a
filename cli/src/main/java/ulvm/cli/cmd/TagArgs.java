package ulvm.cli.cmd;

import java.util.ArrayList;
import java.util.List;
import ulvm.api.LvmException;
import ulvm.model.Tags;

/** --addtag/--deltag arguments, checked as LVM2's tag_arg: a leading '@' dropped, the rest a valid tag, else exit 3. */
final class TagArgs {
    private TagArgs() {}

    static List<String> parse(List<String> args, String option) throws LvmException {
        List<String> out = new ArrayList<>();
        for (String a : args) {
            String t = Tags.arg(a);
            if (t == null) throw LvmException.invalid("Invalid argument for " + option + ": " + a + "\nError during parsing of command line.");
            out.add(t);
        }
        return out;
    }
}
