package ulvm.report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What {@code -o help} (or {@code -o ?}) prints on stderr for pvs, vgs and lvs: libdm's _display_fields, LVM2 2.03.16's
 * field list with its descriptions (resource fields-help.txt, as 2.03.16 prints it, every field of it known to ulvm).
 */
public final class FieldHelp {
    private FieldHelp() {}

    /** Whether one of the -o arguments names the help field (LVM2 then prints the list and reports nothing, exit 0). */
    public static boolean asked(List<String> options) {
        for (String o : options)
            for (String n : (o.startsWith("+") ? o.substring(1) : o).split(","))
                if (n.trim().equals("help") || n.trim().equals("?")) return true;
        return false;
    }

    /** The help's lines, each with LVM2's two-space indent. */
    public static List<String> lines() {
        try (InputStream in = FieldHelp.class.getResourceAsStream("fields-help.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
