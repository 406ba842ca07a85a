package ulvm.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import ulvm.api.LvmException;
import ulvm.format.ConfigParser;
import ulvm.format.ConfigSection;
import ulvm.format.FormatException;
import ulvm.model.Section;

/**
 * A command profile (--commandprofile NAME, and --profile NAME of the report commands): {@code config/profile_dir}
 * (default {@code $ULVM_SYSTEM_DIR/profile}) / NAME.profile, applied over lvm.conf and under --config. Only settings LVM2
 * flags CFG_PROFILABLE may be in it (lib/config/config.c's _config_def_check_node_is_profilable); otherwise the profile is
 * refused in LVM2's words.
 */
final class CommandProfile {
    private CommandProfile() {}

    /** LVM2's profilable sections (config_settings.h); within them, the options ulvm honours that are not profilable. */
    private static final Set<String> SECTIONS = Set.of("global", "report", "allocation", "activation", "log");
    private static final Set<String> NOT_PROFILABLE = Set.of("global/system_id_source", "global/system_id_file", "activation/raid_fault_policy");

    static ConfigSection read(ConfigSection merged, Path sysDir, String name) throws LvmException {
        ConfigSection cfg = merged.sub("config");
        String dir = cfg != null && cfg.value("profile_dir") instanceof String d ? d : sysDir.resolve("profile").toString();
        Path f = Path.of(dir).resolve(name + ".profile");
        ConfigSection p;
        try {
            p = ConfigParser.parse(Files.readString(f), f.toString());
        } catch (NoSuchFileException e) {
            throw new LvmException(f + ": stat failed: No such file or directory\nFailed to apply command profile " + name + ".");
        } catch (FormatException e) {
            throw new LvmException(e.getMessage() + "\nFailed to apply command profile " + name + ".");
        } catch (IOException e) {
            throw new LvmException(f + ": " + e.getMessage() + "\nFailed to apply command profile " + name + ".");
        }
        List<String> bad = new ArrayList<>();
        for (Section.Entry e : p.entries()) {
            if (e.section() == null || !SECTIONS.contains(e.key())) {
                bad.add("Configuration " + (e.section() == null ? "option" : "section") + " \"" + e.key() + "\" is not customizable by a profile.");
                continue;
            }
            for (Section.Entry o : e.section().entries())
                if (NOT_PROFILABLE.contains(e.key() + "/" + o.key()))
                    bad.add("Configuration " + (o.section() == null ? "option" : "section") + " \"" + e.key() + "/" + o.key() + "\" is not customizable by a profile.");
        }
        if (!bad.isEmpty())
            throw new LvmException(String.join("\n", bad) + "\nIgnoring invalid command profile " + name + ".\nFailed to apply command profile " + name + ".");
        return p;
    }
}
