package ulvm.nbd;

import java.io.IOException;
import java.util.List;

/** What an NBD server serves: named exports, looked up afresh at each negotiation. */
public interface Exports {
    /** The export names, in the order NBD_OPT_LIST lists them. */
    List<String> names();

    /** A one-line description for NBD_OPT_LIST / NBD_INFO_DESCRIPTION, or null. */
    default String description(String name) { return null; }

    /**
     * Opens export {@code name} for one client connection, or returns null when there is none. The open counts as a
     * use of the volume until {@link Export#close()} (lvremove and deactivation refuse it).
     */
    Export open(String name) throws IOException;
}
