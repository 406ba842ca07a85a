package ulvm.e2e.mount;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ulvm.e2e.RealLvm;

/**
 * Twin images: ulvm runs on one set, real LVM2 on a byte-identical copy, with the same PV missing from both. The
 * exit codes, messages and resulting metadata of vgreduce --removemissing (with and without --force) and of
 * vgextend --restoremissing after the PV comes back, and of lvremove and vgremove in a partial VG must be LVM2's.
 */
class MissingPvCheckedByLvm2Test {
    @BeforeAll
    static void root() { MountRig.assumeRootWithFuse(); }

    private MountRig rig;
    private Path twin;

    private void setUp(Path tmp) throws Exception {
        rig = new MountRig(tmp.resolve("u"));
        rig.vg("vg", 3, 64L << 20);
        String pv0 = rig.images.get(0).toString(), pv1 = rig.images.get(1).toString();
        rig.ulvm("lvcreate", "--nosync", "-y", "--type", "raid1", "-m", "1", "-l", "2", "-n", "r", "vg", pv0, pv1).ok();
        rig.ulvm("lvcreate", "-l", "2", "-n", "lin", "vg", pv1).ok();
        rig.ulvm("lvcreate", "-l", "1", "-n", "keep", "vg", pv0).ok();
        twin = Files.createDirectories(tmp.resolve("t"));
        for (Path p : rig.images) Files.copy(p, twin.resolve(p.getFileName()));
    }

    private List<Path> twins(int... idx) {
        List<Path> out = new ArrayList<>();
        for (int i : idx) out.add(twin.resolve(rig.images.get(i).getFileName()));
        return out;
    }

    private List<Path> ours(int... idx) {
        List<Path> out = new ArrayList<>();
        for (int i : idx) out.add(rig.images.get(i));
        return out;
    }

    /** Runs the command on both sets (real LVM2 on the twins {@code idx}) and compares exit code, stdout, stderr lines. */
    private void same(int[] idx, String... cmd) {
        MountRig.Result u = rig.ulvm(cmd);
        String[] args = new String[cmd.length - 1];
        for (int i = 1; i < cmd.length; i++) args[i - 1] = cmd[i].replace(rig.dir.toString(), twin.toString());
        RealLvm.Result r = RealLvm.run(twins(idx), cmd[0], args);
        String what = String.join(" ", cmd) + "\nulvm: " + u + "\nreal: " + r;
        assertEquals(r.rc(), u.rc(), what);
        if (cmd[0].equals("pvs")) assertEquals(sorted(norm(r.out())), sorted(norm(u.out())), what); // LVM2 lists by device name
        else assertEquals(norm(r.out()), norm(u.out()), what);
        assertEquals(norm(r.warnings()), norm(u.err()), what);
    }

    /** Distinct non-blank lines (LVM2 repeats some warnings), blanks collapsed, paths of either set as D. */
    private List<String> norm(String s) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (String l : s.split("\n"))
            if (!l.isBlank())
                out.add(l.replace(rig.dir.toString(), "D").replace(twin.toString(), "D").trim().replaceAll("\\s+", " ")
                        .replaceAll(" unknown$", "") // real LVM2's health of a raid LV it cannot see active
                        .replaceAll("(for seqno [0-9]+ on )\\S+( for VG)", "$1*$2")); // which current copy it names: scan order

        return new ArrayList<>(out);
    }

    private static List<String> sorted(List<String> l) { return l.stream().sorted().toList(); }

    /** Real LVM2's lvs on ulvm's images equals real LVM2's lvs on the twins; real vgck accepts ulvm's. */
    private void sameMetadata(int... idx) {
        String fields = "name,attr,devices,segtype,lv_health_status";
        RealLvm.Result a = RealLvm.run(ours(idx), "lvs", "-a", "--noheadings", "-o", fields, "vg");
        RealLvm.Result b = RealLvm.run(twins(idx), "lvs", "-a", "--noheadings", "-o", fields, "vg");
        assertEquals(norm(b.out()), norm(a.out()), "real lvs on ulvm's images vs on LVM2's");
        RealLvm.Result pa = RealLvm.run(ours(idx), "pvs", "--noheadings", "-o", "pv_name,vg_name,pv_attr,pv_pe_alloc_count");
        RealLvm.Result pb = RealLvm.run(twins(idx), "pvs", "--noheadings", "-o", "pv_name,vg_name,pv_attr,pv_pe_alloc_count");
        assertEquals(sorted(norm(pb.out())), sorted(norm(pa.out())), "real pvs");
        RealLvm.Result ck = RealLvm.run(ours(idx), "vgck", "vg");
        RealLvm.Result ckTwin = RealLvm.run(twins(idx), "vgck", "vg");
        assertEquals(ckTwin.rc(), ck.rc(), () -> "vgck: " + ck + "\ntwin: " + ckTwin);
    }

    @Test
    void removeMissingWithAndWithoutForce(@TempDir Path tmp) throws Exception {
        setUp(tmp);
        try (MountRig closing = rig) {
            Files.move(rig.images.get(1), tmp.resolve("away.img"));
            int[] present = {0, 2};
            same(present, "pvs", "--noheadings", "-o", "pv_name,vg_name,pv_attr,pv_pe_alloc_count");
            same(present, "vgs", "--noheadings", "-o", "vg_name,vg_attr,pv_count,vg_missing_pv_count");
            same(present, "lvs", "-a", "--noheadings", "-o", "name,devices,lv_health_status", "vg");
            same(present, "vgck", "vg");
            same(present, "vgreduce", "--removemissing", "vg");
            sameMetadata(present);
            same(present, "lvcreate", "-l", "1", "-n", "x", "vg");
            Path extra = rig.dir.resolve("pv3.img");
            for (Path p : List.of(extra, twin.resolve("pv3.img")))
                try (var ch = java.nio.channels.FileChannel.open(p, java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE)) {
                    ch.write(java.nio.ByteBuffer.allocate(1), (64L << 20) - 1);
                }
            rig.images.add(extra);
            present = new int[] {0, 2, 3};
            same(present, "vgextend", "vg", extra.toString()); // always allowed, missing PVs or not
            sameMetadata(present);
            same(present, "vgreduce", "--removemissing", "--force", "vg");
            sameMetadata(present);
            same(present, "vgreduce", "--removemissing", "vg");
            same(present, "vgs", "--noheadings", "-o", "vg_name,vg_attr,pv_count,lv_count");
        }
    }

    @Test
    void restoreMissingAfterTheVgWasWrittenWithoutIt(@TempDir Path tmp) throws Exception {
        setUp(tmp);
        try (MountRig closing = rig) {
            Path away = tmp.resolve("away.img");
            Files.move(rig.images.get(1), away);
            same(new int[] {0, 2}, "vgreduce", "--removemissing", "vg"); // refused, but writes the VG with the PV flagged MISSING
            Files.move(away, rig.images.get(1));
            int[] all = {0, 1, 2};
            same(all, "lvs", "-a", "--noheadings", "-o", "name,devices,lv_health_status", "vg");
            same(all, "pvs", "--noheadings", "-o", "pv_name,vg_name,pv_attr");
            same(all, "lvcreate", "-l", "1", "-n", "x", "vg");
            same(all, "vgextend", "--restoremissing", "vg", rig.images.get(2).toString());
            same(all, "vgextend", "--restoremissing", "vg", rig.images.get(1).toString());
            sameMetadata(all);
            same(all, "vgs", "--noheadings", "-o", "vg_name,vg_attr,pv_count,lv_count");
        }
    }

    @Test
    void lvremoveAndVgremoveInAPartialVg(@TempDir Path tmp) throws Exception {
        setUp(tmp);
        try (MountRig closing = rig) {
            Files.move(rig.images.get(1), tmp.resolve("away.img"));
            int[] present = {0, 2};
            same(present, "lvremove", "-y", "vg/lin");
            sameMetadata(present);
            same(present, "lvremove", "-y", "vg/keep");
            same(present, "vgremove", "-y", "vg");
            same(present, "pvs", "--noheadings", "-o", "pv_name,vg_name,pv_attr");
        }
    }
}
