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
    private final ConfigSection merged;

    private LvmConfig(ConfigSection merged) { this.merged = merged; }

    public static final LvmConfig EMPTY = new LvmConfig(new ConfigSection());

    /** Reads {@code dir}/lvm.conf and lvmlocal.conf (either may be absent) and applies {@code overrides} (--config). */
    public static LvmConfig load(Path dir, List<String> overrides) throws LvmException { return load(dir, overrides, null); }

    /** The same with a command profile (its NAME, or null) between lvm.conf and --config, as LVM2's cascade. */
    public static LvmConfig load(Path dir, List<String> overrides, String commandProfile) throws LvmException {
        ConfigSection m = new ConfigSection();
        for (String f : List.of("lvm.conf", "lvmlocal.conf")) {
            Path p = dir.resolve(f);
            try {
                merge(m, ConfigParser.parse(Files.readString(p), p.toString()));
            } catch (NoSuchFileException e) {
                // LVM2 runs on its defaults without one
            } catch (FormatException e) {
                throw new LvmException(e.getMessage() + "\nFailed to load config file " + p);
            } catch (IOException e) {
                throw new LvmException("Failed to load config file " + p + ": " + e.getMessage());
            }
        }
        if (commandProfile != null) {
            ConfigSection withOverrides = new ConfigSection(); // config/profile_dir may come from --config too
            merge(withOverrides, m);
            for (String o : overrides == null ? List.<String>of() : overrides) {
                try {
                    merge(withOverrides, ConfigParser.parse(o, "--config"));
                } catch (FormatException e) {
                    // reported below
                }
            }
            merge(m, CommandProfile.read(withOverrides, dir, commandProfile));
        }
        for (String o : overrides == null ? List.<String>of() : overrides) {
            try {
                merge(m, ConfigParser.parse(o, "--config"));
            } catch (FormatException e) {
                throw LvmException.invalid(e.getMessage().replace("--config: parse error", "Parse error") + "\nFailed to set overridden configuration entries.");
            }
        }
        LvmConfig c = new LvmConfig(m);
        c.check();
        return c;
    }

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
