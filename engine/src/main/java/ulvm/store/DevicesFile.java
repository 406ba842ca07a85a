package ulvm.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The devices file, in LVM2 2.03's format: a VERSION line and one {@code IDTYPE=devname IDNAME=PATH DEVNAME=PATH
 * PVID=UUID} line per image file.
 */
public final class DevicesFile {
    /** One listed image file; {@code pvid} is empty when it is not (yet) a PV. */
    public record Entry(Path path, String pvid) {}

    private final Path file;
    private final List<Entry> entries;
    private final long version;

    private DevicesFile(Path file, List<Entry> entries, long version) {
        this.file = file;
        this.entries = entries;
        this.version = version;
    }

    public static DevicesFile read(Path file) throws IOException {
        List<Entry> out = new ArrayList<>();
        long version = 0;
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file)) {
                line = line.trim();
                if (line.isEmpty() || line.startsWith("#")) continue;
                if (line.startsWith("VERSION=")) {
                    String[] v = line.substring(8).split("\\.");
                    try { version = Long.parseLong(v[v.length - 1]); } catch (NumberFormatException ignored) { }
                    continue;
                }
                String name = null, pvid = "";
                for (String f : line.split("\\s+")) {
                    if (f.startsWith("IDNAME=")) name = f.substring(7);
                    else if (f.startsWith("DEVNAME=") && name == null) name = f.substring(8);
                    else if (f.startsWith("PVID=")) pvid = f.substring(5);
                }
                if (name != null && !name.equals(".")) out.add(new Entry(Path.of(name), pvid.equals(".") ? "" : pvid));
            }
        }
        return new DevicesFile(file, out, version);
    }

    public List<Entry> entries() { return List.copyOf(entries); }

    public List<Path> paths() {
        List<Path> p = new ArrayList<>();
        for (Entry e : entries) p.add(e.path());
        return p;
    }

    public boolean contains(Path p) {
        Path n = p.toAbsolutePath().normalize();
        for (Entry e : entries) if (e.path().equals(n)) return true;
        return false;
    }

    /** Adds or updates the entry of {@code path}. */
    public void put(Path path, String pvid) {
        Path n = path.toAbsolutePath().normalize();
        entries.removeIf(e -> e.path().equals(n));
        entries.add(new Entry(n, pvid == null ? "" : pvid));
    }

    public boolean remove(Path path) {
        Path n = path.toAbsolutePath().normalize();
        return entries.removeIf(e -> e.path().equals(n));
    }

    public void write() throws IOException {
        Files.createDirectories(file.getParent());
        StringBuilder sb = new StringBuilder();
        sb.append("# LVM uses devices listed in this file.\n");
        sb.append("# Created by ulvm pid ").append(ProcessHandle.current().pid()).append(" at ")
                .append(ZonedDateTime.now().format(DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss yyyy", Locale.ROOT))).append('\n');
        sb.append("VERSION=1.1.").append(version + 1).append('\n');
        for (Entry e : entries) {
            sb.append("IDTYPE=loop_file IDNAME=").append(e.path()).append(" DEVNAME=").append(e.path())
                    .append(" PVID=").append(e.pvid().isEmpty() ? "." : e.pvid()).append('\n');
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, sb.toString());
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
