package ulvm.store;

import ulvm.model.Section;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import ulvm.format.ConfigParser;
import ulvm.format.ConfigSection;
import ulvm.format.FormatException;
import ulvm.format.VgTextWriter;
import ulvm.model.Vg;

/**
 * LVM2's metadata archive and backup (lib/format_text/archive.c, archiver.c) under the system dir: before a change
 * the VG's old metadata goes to {@code archive/VG_NNNNN-RANDOM.vg} ("Created *before* executing '...'"), the index one
 * past the highest of that VG; archives beyond the newest {@value #RETAIN_MIN} that are older than
 * {@value #RETAIN_DAYS} days are removed. After it the new metadata goes to {@code backup/VG} ("Created *after*").
 */
public final class MetadataArchive {
    public static final int RETAIN_MIN = 10;
    public static final int RETAIN_DAYS = 30;
    private static final Pattern NAME = Pattern.compile("(.*)_([0-9]+)(?:-[0-9]+)?\\.vg");
    private static final long DAY = 86400;

    private MetadataArchive() {}

    /** archive_vg: {@code vg} as it was before {@code commandLine} changed it. */
    public static Path archive(SystemDir sys, Vg vg, String commandLine) throws IOException { return archive(sys, vg, commandLine, RETAIN_MIN, RETAIN_DAYS); }

    /** The same keeping the newest {@code retainMin} archives and those younger than {@code retainDays} (backup/retain_min, retain_days). */
    public static Path archive(SystemDir sys, Vg vg, String commandLine, long retainMin, long retainDays) throws IOException {
        Path dir = sys.archiveDir();
        Path tmp = writeTemp(dir, VgTextWriter.backup(vg, "Created *before* executing '" + commandLine + "'", MetadataWriter.hostname(), now()));
        List<Archive> old = archives(dir, vg.name());
        long ix = old.isEmpty() ? 0 : old.get(old.size() - 1).index() + 1;
        int rnum = ThreadLocalRandom.current().nextInt(Integer.MAX_VALUE);
        for (int i = 0; i < 10; i++, ix++) {
            Path to = dir.resolve(String.format("%s_%05d-%d.vg", vg.name(), ix, rnum));
            if (Files.exists(to)) continue;
            move(tmp, to);
            removeExpired(old, 1, retainMin, retainDays);
            return to;
        }
        Files.deleteIfExists(tmp);
        throw new IOException("Archive rename failed for " + tmp);
    }

    /** backup_locally: {@code vg} as {@code commandLine} left it. */
    public static void backup(SystemDir sys, Vg vg, String commandLine) throws IOException {
        Path dir = sys.backupDir();
        Path tmp = writeTemp(dir, VgTextWriter.backup(vg, "Created *after* executing '" + commandLine + "'", MetadataWriter.hostname(), now()));
        move(tmp, dir.resolve(vg.name()));
    }

    /** backup_remove: the VG is gone (vgremove) or has another name (vgrename). */
    public static void removeBackup(SystemDir sys, String vg) throws IOException {
        Files.deleteIfExists(sys.backupDir().resolve(vg));
    }

    /** One archive file of a VG. */
    public record Archive(Path path, long index) { }

    /** The archives of {@code vg} in {@code dir}, oldest (lowest index) first. */
    public static List<Archive> archives(Path dir, String vg) throws IOException {
        List<Archive> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) return out;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                Matcher m = NAME.matcher(p.getFileName().toString());
                if (m.matches() && m.group(1).equals(vg) && m.group(2).length() <= 9) out.add(new Archive(p, Long.parseLong(m.group(2))));
            }
        }
        out.sort(Comparator.comparingLong(Archive::index).thenComparing(a -> a.path().getFileName().toString()));
        return out;
    }

    /**
     * vgcfgrestore --list: each archive, oldest first, then the backup file, as LVM2 prints them on stdout (indent
     * included, its doubled file name too); "No archives found in DIR." when there is none.
     */
    public static List<String> list(SystemDir sys, String vg) throws IOException {
        List<String> out = new ArrayList<>();
        List<Archive> as = archives(sys.archiveDir(), vg);
        if (as.isEmpty()) out.add("  No archives found in " + sys.archiveDir() + ".");
        for (Archive a : as) out.addAll(describe(a.path()));
        Path b = sys.backupDir().resolve(vg);
        if (Files.exists(b)) out.addAll(describe(b));
        return out;
    }

    /** vgcfgrestore --list --file F. */
    public static List<String> describe(Path f) {
        List<String> out = new ArrayList<>();
        out.add("   ");
        out.add("  File:\t\t" + f + "/" + f.getFileName());
        try {
            ConfigSection root = ConfigParser.parse(Files.readString(f), f.toString());
            String vg = null;
            for (Section.Entry e : root.sections()) vg = vg == null ? e.key() : vg;
            if (vg == null) throw new FormatException("no VG");
            out.add("  VG name:    \t" + vg);
            out.add("  Description:\t" + root.stringOr("description", "<No description>"));
            out.add("  Backup Time:\t" + VgTextWriter.ctime(root.numberOr("creation_time", 0)));
            out.add("");
        } catch (IOException e) {
            out.add("  Unable to read archive file.");
        }
        return out;
    }

    private static void removeExpired(List<Archive> old, int added, long retainMin, long retainDays) throws IOException {
        long size = old.size() + added;
        if (size <= retainMin) return;
        long retain = now() - retainDays * DAY;
        for (Archive a : old) { // oldest first, as LVM2's walk from the back of its newest-first list
            if (Files.getLastModifiedTime(a.path()).toMillis() / 1000 > retain) continue;
            Files.deleteIfExists(a.path());
            if (--size <= retainMin) break;
        }
    }

    private static Path writeTemp(Path dir, String text) throws IOException {
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".lvm_", "", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(tmp, text);
        return tmp;
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static long now() { return System.currentTimeMillis() / 1000; }
}
