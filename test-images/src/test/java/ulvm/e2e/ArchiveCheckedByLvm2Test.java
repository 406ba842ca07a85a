package ulvm.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ulvm.format.VgTextReader;
import ulvm.model.Lv;
import ulvm.model.Vg;

/**
 * Archives and backups as LVM2's defaults (lib/format_text/archive.c, archiver.c; LVM2's test/shell/vgcfgbackup-usage.sh
 * and lvm1-conversion restore steps): ulvm and real LVM2 (archiving on, its own archive and backup dirs) run the
 * same commands on twin images; the archive files (names, descriptions, the metadata they hold), the backup file and
 * {@code vgcfgrestore --list} agree; ulvm restores an archive and rebuilds a lost PV with {@code pvcreate --uuid
 * --restorefile}, and real vgck finds the result clean.
 */
class ArchiveCheckedByLvm2Test {
    static final List<String> STEPS = List.of("pvcreate A B", "vgcreate vg A B", "lvcreate -L 8m -n l1 vg", "lvextend -L +4m vg/l1",
            "lvcreate -L 4m -n l2 vg", "lvremove -f vg/l2");

    @TempDir Path dir;
    Ulvm u;
    List<Path> images, twins;
    Path realArchive, realBackup;
    String realConfig;

    @BeforeAll
    static void lvm2() { Needs.lvm2(); }

    @BeforeEach
    void images() throws Exception {
        u = Ulvm.inProcess(dir);
        images = List.of(u.image("a.img", 64 << 20), u.image("b.img", 64 << 20));
        Path t = Files.createDirectories(dir.resolve("twin"));
        twins = List.of(Ulvm.inProcess(t).image("a.img", 64 << 20), Ulvm.inProcess(t).image("b.img", 64 << 20));
        realArchive = t.resolve("archive");
        realBackup = t.resolve("backup");
        realConfig = "global{activation=0} devices{hints=\"none\"} backup{backup=1 archive=1 archive_dir=\"" + realArchive + "\" backup_dir=\"" + realBackup + "\"}";
    }

    /** One step on both sides: ulvm on the images, real LVM2 on the twins; both succeed. */
    void both(String step) {
        String[] w = step.replace("A", images.get(0).toString()).replace("B", images.get(1).toString()).split(" ");
        Ulvm.Result mine = u.on(images, w[0], Arrays.copyOfRange(w, 1, w.length));
        assertEquals(0, mine.rc(), step + "\n" + mine);
        String[] t = step.replace("A", twins.get(0).toString()).replace("B", twins.get(1).toString()).split(" ");
        RealLvm.Result real = RealLvm.runConfigured(twins, realConfig, t[0], Arrays.copyOfRange(t, 1, t.length));
        assertEquals(0, real.rc(), step + "\n" + real);
    }

    /** The archive files of a dir by name with the random part dropped ("vg_00001"). */
    static List<String> names(Path d) throws Exception {
        if (!Files.isDirectory(d)) return List.of();
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString().replaceAll("-[0-9]+\\.vg$", "")).sorted().toList();
        }
    }

    static Path archive(Path d, String name) throws Exception {
        try (Stream<Path> s = Files.list(d)) {
            return s.filter(p -> p.getFileName().toString().startsWith(name + "-")).findFirst().orElseThrow();
        }
    }

    /** A description or listing with what differs by nature taken out: --devices/--config, dirs, random numbers, times. */
    String normalized(String s) {
        s = s.replace("\\\"", "\"");
        s = s.replaceAll(" --config '[^']*'", "").replaceAll(" --devices \\S+", "");
        s = s.replace(realArchive.toString(), "ARCHIVE").replace(u.sys.archiveDir().toString(), "ARCHIVE");
        s = s.replace(realBackup.toString(), "BACKUP").replace(u.sys.backupDir().toString(), "BACKUP");
        s = s.replace(twins.get(0).toString(), "A").replace(images.get(0).toString(), "A");
        s = s.replaceAll("(_[0-9]{5})-[0-9]+\\.vg", "$1-R.vg");
        return s.replaceAll("Backup Time:\t[A-Z][a-z]{2} [A-Z][a-z]{2} [ 0-9][0-9] [0-9:]{8} [0-9]{4}", "Backup Time:\tTIME");
    }

    static String description(Path f) throws Exception {
        Matcher m = Pattern.compile("(?m)^description = \"(.*)\"$").matcher(Files.readString(f));
        assertTrue(m.find(), f.toString());
        return m.group(1);
    }

    /** What an archive holds that does not depend on random ids: seqno, and each LV with its size. */
    static String shape(Path f) throws Exception {
        Vg vg = VgTextReader.read(Files.readString(f), f.toString());
        StringBuilder b = new StringBuilder(vg.name() + " seqno " + vg.seqno());
        for (Lv lv : vg.lvs()) b.append(' ').append(lv.name()).append(':').append(lv.extents());
        return b.toString();
    }

    @Test
    void archivesBackupsAndListAsLvm2() throws Exception {
        for (String step : STEPS) both(step);
        assertEquals(List.of("vg_00000", "vg_00001", "vg_00002", "vg_00003"), names(realArchive), "real LVM2's archives");
        assertEquals(names(realArchive), names(u.sys.archiveDir()), "archive files");
        assertEquals(names(realBackup), names(u.sys.backupDir()), "backup files");
        for (String n : names(realArchive)) {
            Path mine = archive(u.sys.archiveDir(), n), real = archive(realArchive, n);
            assertEquals(normalized(description(real)), normalized(description(mine)), n + ": description");
            assertEquals(shape(real), shape(mine), n + ": metadata");
            String head = Files.readString(mine).lines().findFirst().orElseThrow();
            assertTrue(head.matches("# Generated by LVM2 version 2\\.03\\.16\\(2\\) \\(2022-05-18\\): .*"), head);
        }
        assertEquals(normalized(description(realBackup.resolve("vg"))), normalized(description(u.sys.backupDir().resolve("vg"))), "backup");
        assertEquals(shape(realBackup.resolve("vg")), shape(u.sys.backupDir().resolve("vg")), "backup metadata");

        RealLvm.Result realList = RealLvm.runConfigured(twins, realConfig, "vgcfgrestore", "--list", "vg");
        Ulvm.Result myList = u.on(images, "vgcfgrestore", "--list", "vg");
        assertEquals(realList.rc(), myList.rc(), myList.toString());
        assertEquals(normalized(realList.out()), normalized(myList.out()), "vgcfgrestore --list");
        RealLvm.Result realNone = RealLvm.runConfigured(twins, realConfig, "vgcfgrestore", "--list", "nosuch");
        assertEquals(normalized(realNone.out()), normalized(u.on(images, "vgcfgrestore", "--list", "nosuch").out()), "no archives");

        // back to before the lvremove: l2 is there again; vgcfgrestore neither archives nor backs up (as LVM2)
        Ulvm.Result r = u.on(images, "vgcfgrestore", "-f", archive(u.sys.archiveDir(), "vg_00003").toString(), "vg");
        assertEquals(0, r.rc(), r.toString());
        assertEquals(names(realArchive), names(u.sys.archiveDir()), "vgcfgrestore archived");
        Checks.realVgckClean(images, "vg", "after vgcfgrestore");
        RealLvm.Result lvs = RealLvm.run(images, "lvs", "--noheadings", "-o", "lv_name,lv_size", "vg");
        assertTrue(lvs.out().matches("(?s)\\s*l1\\s+12\\.00m\\s+l2\\s+4\\.00m\\s*"), lvs.toString());

        // vgrename: the old name's archive, the new name's backup, the old backup gone
        both("vgrename vg vh");
        assertEquals(names(realArchive), names(u.sys.archiveDir()), "after vgrename");
        assertEquals(names(realBackup), names(u.sys.backupDir()), "backups after vgrename");
    }

    @Test
    void oldArchivesExpireBeyondTheNewestTen() throws Exception {
        u.on(images, "pvcreate", images.get(0).toString());
        u.on(images, "vgcreate", "vg", images.get(0).toString());
        for (int i = 0; i < 12; i++) assertEquals(0, u.on(images, "lvcreate", "-L", "4m", "-n", "l" + i, "vg").rc());
        assertEquals(12, names(u.sys.archiveDir()).size(), "all kept within retain_days");
        FileTime old = FileTime.fromMillis(System.currentTimeMillis() - 40L * 86400_000);
        try (Stream<Path> s = Files.list(u.sys.archiveDir())) {
            for (Path p : s.toList()) Files.setLastModifiedTime(p, old);
        }
        assertEquals(0, u.on(images, "lvremove", "-f", "vg/l0").rc());
        List<String> left = names(u.sys.archiveDir());
        assertEquals(10, left.size(), "retain_min 10 once older than retain_days: " + left);
        assertEquals("vg_00012", left.get(left.size() - 1));
        assertEquals("vg_00003", left.get(0), "the oldest three went (13 archives)");
    }

    @Test
    void aLostPvIsRebuiltWithItsUuidAndTheVgRestored() throws Exception {
        for (String step : STEPS.subList(0, 4)) both(step);
        Path b = images.get(1);
        String uuid = u.on(images, "pvs", "--noheadings", "-o", "pv_uuid", b.toString()).out().trim();
        // --uuid without --restorefile: refused as real LVM2 refuses it (exit 3), on a spare image each
        Path spare = u.image("spare.img", 64 << 20), realSpare = Ulvm.inProcess(dir.resolve("twin")).image("spare.img", 64 << 20);
        Ulvm.Result mine = u.on(List.of(spare), "pvcreate", "--uuid", uuid, spare.toString());
        RealLvm.Result real = RealLvm.run(List.of(realSpare), "pvcreate", "--uuid", uuid, realSpare.toString());
        assertEquals(real.rc(), mine.rc(), mine.toString());
        assertEquals(real.warnings(), mine.err());

        Files.delete(b); // the disk is gone: a new, empty one in its place
        u.image("b.img", 64 << 20);
        Path backup = u.sys.backupDir().resolve("vg");
        mine = u.on(images, "pvcreate", "--uuid", uuid, "--restorefile", backup.toString(), b.toString());
        assertEquals(0, mine.rc(), mine.toString());
        mine = u.on(images, "vgcfgrestore", "vg");
        assertEquals(0, mine.rc(), mine.toString());
        assertEquals("  Restored volume group vg.\n", mine.out());
        Checks.realVgckClean(images, "vg", "after pvcreate --restorefile and vgcfgrestore");
        Checks.realHeadersClean(images, "after pvcreate --restorefile");
        Checks.sameReports(u, images, "after pvcreate --restorefile and vgcfgrestore");
        List<String> pvUuids = new ArrayList<>(RealLvm.run(images, "pvs", "--noheadings", "-o", "pv_uuid").out().lines().map(String::trim).toList());
        assertTrue(pvUuids.contains(uuid), pvUuids.toString());
    }
}
