package ulvm.cli.cmd;

import picocli.CommandLine.Option;
import ulvm.api.LvmException;
import ulvm.cli.YesNo;
import ulvm.ops.Session;

/** --setautoactivation y|n (lvcreate, vgcreate, lvchange, vgchange): LVM2's NOAUTOACTIVATE flag. */
public final class AutoActivationOption {
    @Option(names = "--setautoactivation", paramLabel = "y|n", description = "Whether autoactivation (LVM2's pvscan/vgchange -aay) takes it: n writes LVM2's NOAUTOACTIVATE flag.")
    String value;

    /** null when not given. */
    Boolean wanted() throws LvmException {
        if (value == null) return null;
        try {
            return YesNo.parse(value, "--setautoactivation");
        } catch (LvmException e) { // a bad value is a parsing error in LVM2: exit 3, no pointer to --help
            throw LvmException.invalid(e.getMessage() + "\nError during parsing of command line.");
        }
    }

    /** lvcreate, vgcreate: with n, what the command creates gets the flag. */
    void forNew(Session s) throws LvmException {
        if (Boolean.FALSE.equals(wanted())) s.noAutoactivation();
    }
}
