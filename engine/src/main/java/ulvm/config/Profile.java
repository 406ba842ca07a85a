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
 * A profile: {@code config/profile_dir} (default {@code $ULVM_SYSTEM_DIR/profile}) / NAME.profile. A command profile
 * (--commandprofile, and --profile of most commands) may hold only settings LVM2 flags CFG_PROFILABLE and not
 * CFG_PROFILABLE_METADATA; a metadata profile (--metadataprofile, --profile of lvcreate, lvchange, lvconvert, vgcreate and
 * vgchange, or the one a VG or LV names in its metadata) only CFG_PROFILABLE_METADATA ones. Otherwise the profile is
 * refused in LVM2's words (lib/config/config.c _config_def_check_node_is_profilable).
 */
final class Profile {
    enum Kind {
        COMMAND("command profile"), METADATA("metadata profile");

        final String text;

        Kind(String text) { this.text = text; }
    }

    private Profile() {}

    /** LVM2's profilable sections (config_settings.h); within them, the options ulvm honours that are not profilable. */
    private static final Set<String> SECTIONS = Set.of("global", "report", "allocation", "activation", "log");
    private static final Set<String> NOT_PROFILABLE = Set.of("global/system_id_source", "global/system_id_file", "activation/raid_fault_policy",
            "allocation/physical_extent_size", "allocation/raid_stripe_all_devices", "allocation/cling_tag_list", "allocation/maximise_cling");
    /** The settings ulvm honours that only a metadata profile may hold. */
    static final Set<String> METADATA_ONLY = Set.of("allocation/thin_pool_zero", "allocation/thin_pool_discards", "allocation/thin_pool_chunk_size_policy",
            "allocation/thin_pool_chunk_size", "activation/thin_pool_autoextend_threshold", "activation/thin_pool_autoextend_percent");

    /** The profile's path for {@code merged}'s config/profile_dir. */
    static Path path(ConfigSection merged, Path sysDir, String name) {
        ConfigSection cfg = merged.sub("config");
        String dir = cfg != null && cfg.value("profile_dir") instanceof String d ? d : sysDir.resolve("profile").toString();
        return Path.of(dir).resolve(name + ".profile");
    }

    static ConfigSection read(ConfigSection merged, Path sysDir, String name, Kind kind) throws LvmException {
        Path f = path(merged, sysDir, name);
        String failed = "\nFailed to apply " + kind.text + " " + name + ".";
        ConfigSection p;
        try {
            p = ConfigParser.parse(Files.readString(f), f.toString());
        } catch (NoSuchFileException e) {
            throw new LvmException(f + ": stat failed: No such file or directory" + failed);
        } catch (FormatException e) {
            throw new LvmException(e.getMessage() + failed);
        } catch (IOException e) {
            throw new LvmException(f + ": " + e.getMessage() + failed);
        }
        List<String> bad = new ArrayList<>();
        for (Section.Entry e : p.entries()) {
            if (e.section() == null || !SECTIONS.contains(e.key())) {
                bad.add("Configuration " + (e.section() == null ? "option" : "section") + " \"" + e.key() + "\" is not customizable by a profile.");
                continue;
            }
            for (Section.Entry o : e.section().entries()) {
                String path = e.key() + "/" + o.key();
                String what = "Configuration " + (o.section() == null ? "option" : "section") + " \"" + path + "\" ";
                if (NOT_PROFILABLE.contains(path)) bad.add(what + "is not customizable by a profile.");
                else if (kind == Kind.COMMAND && METADATA_ONLY.contains(path)) bad.add(what + "is customizable by metadata profile only, not command profile.");
                else if (kind == Kind.METADATA && o.section() == null && !METADATA_ONLY.contains(path))
                    bad.add(what + "is customizable by command profile only, not metadata profile.");
            }
        }
        if (!bad.isEmpty()) throw new LvmException(String.join("\n", bad) + "\nIgnoring invalid " + kind.text + " " + name + "." + failed);
        return p;
    }
}
