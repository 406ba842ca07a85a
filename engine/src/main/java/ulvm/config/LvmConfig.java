package ulvm.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import ulvm.api.LvmException;
import ulvm.format.ConfigParser;
import ulvm.format.ConfigSection;
import ulvm.format.FormatException;
import ulvm.model.Section;

/**
 * The configuration a command runs with: lvm.conf, then lvmlocal.conf, then each {@code --config} string, a later
 * one's settings replacing an earlier one's (LVM2's cascade). A setting ulvm does not honour ({@link Setting#ALL})
 * is refused: ulvm never ignores what a user configured.
 */
public final class LvmConfig {
    private final Path sysDir;
    /** lvm.conf and lvmlocal.conf; the command profile, the metadata profile (null: none); the --config strings. */
    private final ConfigSection files, commandProfile, metadataProfile, overrides;
    /** The name given by --metadataprofile (or a metadata command's --profile): it overrides a VG's or LV's own. */
    private final String globalMetadataProfile;
    private final ConfigSection merged;
    private final java.util.Map<String, LvmConfig> withProfiles = new java.util.HashMap<>();

    private LvmConfig(Path sysDir, ConfigSection files, ConfigSection commandProfile, ConfigSection metadataProfile, ConfigSection overrides,
                      String globalMetadataProfile) {
        this.sysDir = sysDir;
        this.files = files;
        this.commandProfile = commandProfile;
        this.metadataProfile = metadataProfile;
        this.overrides = overrides;
        this.globalMetadataProfile = globalMetadataProfile;
        this.merged = new ConfigSection();
        for (ConfigSection layer : new ConfigSection[] {files, metadataProfile, commandProfile, overrides}) if (layer != null) merge(merged, layer);
    }

    public static final LvmConfig EMPTY = new LvmConfig(null, new ConfigSection(), null, null, new ConfigSection(), null);

    /** Reads {@code dir}/lvm.conf and lvmlocal.conf (either may be absent) and applies {@code overrides} (--config). */
    public static LvmConfig load(Path dir, List<String> overrides) throws LvmException { return load(dir, overrides, null, null); }

    /** The same with a command profile (its NAME, or null) between lvm.conf and --config, as LVM2's cascade. */
    public static LvmConfig load(Path dir, List<String> overrides, String commandProfile) throws LvmException {
        return load(dir, overrides, commandProfile, null);
    }

    /**
     * LVM2's cascade: lvm.conf, lvmlocal.conf, the metadata profile {@code metadataProfile} (--metadataprofile; null:
     * none, a VG's or LV's own applies where it matters: {@link #forProfile}), the command profile, --config.
     */
    public static LvmConfig load(Path dir, List<String> overrides, String commandProfile, String metadataProfile) throws LvmException {
        ConfigSection files = new ConfigSection();
        for (String f : List.of("lvm.conf", "lvmlocal.conf")) {
            Path p = dir.resolve(f);
            try {
                merge(files, ConfigParser.parse(Files.readString(p), p.toString()));
            } catch (NoSuchFileException e) {
                // LVM2 runs on its defaults without one
            } catch (FormatException e) {
                throw new LvmException(e.getMessage() + "\nFailed to load config file " + p);
            } catch (IOException e) {
                throw new LvmException("Failed to load config file " + p + ": " + e.getMessage());
            }
        }
        ConfigSection ovr = new ConfigSection();
        LvmException badOverride = null; // reported after the profiles, as LVM2 does
        for (String o : overrides == null ? List.<String>of() : overrides) {
            try {
                merge(ovr, ConfigParser.parse(o, "--config"));
            } catch (FormatException e) {
                if (badOverride == null)
                    badOverride = LvmException.invalid(e.getMessage().replace("--config: parse error", "Parse error") + "\nFailed to set overridden configuration entries.");
            }
        }
        ConfigSection base = new ConfigSection(); // config/profile_dir may come from --config too
        merge(base, files);
        merge(base, ovr);
        ConfigSection cmd = commandProfile == null ? null : Profile.read(base, dir, commandProfile, Profile.Kind.COMMAND);
        ConfigSection meta = metadataProfile == null ? null : Profile.read(base, dir, metadataProfile, Profile.Kind.METADATA);
        if (badOverride != null) throw badOverride;
        LvmConfig c = new LvmConfig(dir, files, cmd, meta, ovr, metadataProfile);
        c.check();
        return c;
    }

    /**
     * The configuration with the metadata profile a VG or LV names ({@code name}; null: none) in its place: unless
     * --metadataprofile gave one for the whole command (LVM2's _apply_local_profile). A profile that is missing or
     * invalid is passed over, as LVM2 passes it over.
     */
    public LvmConfig forProfile(String name) throws LvmException {
        if (name == null || globalMetadataProfile != null || sysDir == null) return this;
        LvmConfig c = withProfiles.get(name);
        if (c == null) {
            ConfigSection base = new ConfigSection();
            merge(base, files);
            merge(base, overrides);
            ConfigSection meta;
            try {
                meta = Profile.read(base, sysDir, name, Profile.Kind.METADATA);
            } catch (LvmException e) {
                meta = null;
            }
            c = meta == null ? this : new LvmConfig(sysDir, files, commandProfile, meta, overrides, null);
            if (c != this) c.check();
            withProfiles.put(name, c);
        }
        return c;
    }

    /** The configuration for {@code lv} of {@code vg}: its metadata profile, else its VG's (LVM2's lv_config_profile). */
    public LvmConfig forLv(ulvm.model.Vg vg, ulvm.model.Lv lv) throws LvmException {
        String p = lv == null ? null : profileOf(lv.extras());
        return forProfile(p != null ? p : vg == null ? null : vg.setting("profile"));
    }

    /** The metadata profile named in a VG's or LV's metadata, or null. */
    public static String profileOf(List<Section.Entry> extras) {
        for (Section.Entry e : extras) if (e.key().equals("profile") && e.section() == null && e.value() instanceof String v) return v;
        return null;
    }

    /** --metadataprofile's NAME (or a metadata command's --profile), null when not given. */
    public String globalMetadataProfile() { return globalMetadataProfile; }

    private static void merge(ConfigSection into, Section from) {
        for (Section.Entry e : from.entries()) {
            if (e.section() != null) {
                ConfigSection sub = into.sub(e.key());
                if (sub == null) {
                    sub = new ConfigSection();
                    into.addSection(e.key(), sub);
                }
                merge(sub, e.section());
            } else { // a later value replaces an earlier one, in its place
                List<Section.Entry> es = into.entries();
                int at = -1;
                for (int i = 0; i < es.size() && at < 0; i++) if (es.get(i).key().equals(e.key()) && es.get(i).section() == null) at = i;
                if (at >= 0) es.set(at, new Section.Entry(e.key(), e.value(), null));
                else into.put(e.key(), e.value());
            }
        }
    }

    /** Refuses a section or setting ulvm does not honour, with LVM2's words for an unknown one. */
    private void check() throws LvmException {
        for (Section.Entry sec : merged.entries()) {
            if (sec.section() == null) throw new LvmException("Configuration setting \"" + sec.key() + "\" unknown.");
            for (Section.Entry e : sec.section().entries()) {
                String path = sec.key() + "/" + e.key();
                if (e.section() != null || Setting.of(path) == null)
                    throw new LvmException("Configuration setting \"" + path + "\" is not supported by ulvm (it honours: "
                            + String.join(" ", Setting.ALL.stream().map(Setting::path).toList()) + ").");
            }
        }
        String units = string("global/units");
        if (units != null) ulvm.report.Units.parse(units, true);
        String policy = string("activation/raid_fault_policy");
        if (policy != null && !policy.equals("warn") && !policy.equals("allocate"))
            throw new LvmException("activation/raid_fault_policy \"" + policy + "\" is not supported: \"warn\" or \"allocate\".");
        Long df = number("devices/use_devicesfile");
        if (df != null && df != 1) throw new LvmException("devices/use_devicesfile = " + df + " is not supported by ulvm: it always uses its devices file.");
    }

    /** The value configured at {@code section/key}, or null. */
    public Object value(String path) {
        int slash = path.indexOf('/');
        ConfigSection s = merged.sub(path.substring(0, slash));
        return s == null ? null : s.value(path.substring(slash + 1));
    }

    public String string(String path) { return value(path) instanceof String v ? v : null; }

    public Long number(String path) { return value(path) instanceof Long v ? v : value(path) instanceof Integer i ? Long.valueOf(i) : null; }

    /** A boolean-ish setting (0 or 1): its value, or {@code dflt}. */
    public boolean flag(String path, boolean dflt) {
        Long n = number(path);
        return n == null ? dflt : n != 0;
    }

    /** The merged tree (lvmconfig prints it). */
    public ConfigSection tree() { return merged; }
}
