package ulvm.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * This host's system ID as LVM2's _init_system_id (lib/commands/toolcontext.c) works it out, from the command's
 * configuration ({@code $ULVM_SYSTEM_DIR/lvm.conf}, {@code lvmlocal.conf} and {@code --config}, merged as LVM2 merges them): none without
 * {@code global/system_id_source} (LVM2's default, "none"); else {@code uname} (the host name), {@code lvmlocal}
 * ({@code local/system_id}), {@code file} ({@code global/system_id_file}) or {@code machineid} (/etc/machine-id).
 * {@code unknown}: a source was set but gave no ID, so VGs with a system ID are not accessible.
 */
public record LocalSystemId(String id, boolean unknown, List<String> warnings) {
    public static final LocalSystemId NONE = new LocalSystemId(null, false, List.of());
    private static final int NAME_LEN = 128;

    public LocalSystemId { warnings = List.copyOf(warnings); }

    public static LocalSystemId of(ulvm.config.LvmConfig cfg) {
        List<String> warn = new ArrayList<>();
        String localId = cfg.string("local/system_id");
        String source = cfg.string("global/system_id_source");
        if (source == null) source = "none";
        if (localId != null && !localId.isEmpty() && !source.equals("lvmlocal"))
            warn.add("WARNING: local/system_id is set, so should global/system_id_source be \"lvmlocal\" not \"" + source + "\"?");
        if (source.equals("none")) return new LocalSystemId(null, false, warn);
        String id = switch (source.toLowerCase()) {
            case "uname" -> fromString(MetadataWriter.hostname(), warn);
            case "lvmlocal" -> localId == null ? null : fromString(localId, warn);
            case "machineid", "machine-id" -> fromFile(Path.of("/etc/machine-id"), warn);
            case "file" -> {
                String f = cfg.string("global/system_id_file");
                yield f == null || f.isEmpty() ? null : fromFile(Path.of(f), warn);
            }
            default -> {
                warn.add("WARNING: Unrecognised system_id_source \"" + source + "\".");
                yield null;
            }
        };
        if (id != null && !id.isEmpty()) return new LocalSystemId(id, false, warn);
        warn.add("WARNING: No system ID found from system_id_source " + source + ".");
        return new LocalSystemId(null, true, warn);
    }

    /** LVM2's system_id_from_string: invalid characters dropped; null when nothing valid is left. */
    public static String fromString(String s, List<String> warn) {
        if (s == null || s.isEmpty()) {
            warn.add("WARNING: Empty system ID supplied.");
            return "";
        }
        StringBuilder b = new StringBuilder();
        int i = 0;
        while (i < s.length() && !Character.isLetterOrDigit(s.charAt(i))) i++;
        for (; i < s.length() && b.length() < NAME_LEN; i++) {
            char c = s.charAt(i);
            if (c < 128 && (Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '-' || c == '+')) b.append(c);
        }
        if (b.length() == 0) {
            warn.add("WARNING: Invalid system ID format: " + s);
            return null;
        }
        if (b.toString().startsWith("localhost")) {
            warn.add("WARNING: system ID may not begin with the string \"localhost\".");
            return null;
        }
        return b.toString();
    }

    /** _read_system_id_from_file: the first line that is not blank or a comment, up to a '#'. */
    private static String fromFile(Path f, List<String> warn) {
        List<String> lines;
        try {
            lines = Files.readAllLines(f);
        } catch (IOException e) {
            warn.add("WARNING: " + f + ": fopen failed: " + (e instanceof NoSuchFileException ? "No such file or directory" : e.getMessage()));
            return null;
        }
        for (String l : lines) {
            String t = l.strip();
            if (t.isEmpty() || t.startsWith("#")) continue;
            int hash = t.indexOf('#');
            return fromString(hash < 0 ? t : t.substring(0, hash), warn);
        }
        return null;
    }
}
