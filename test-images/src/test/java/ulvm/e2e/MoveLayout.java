package ulvm.e2e;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import ulvm.model.Area;
import ulvm.model.Lv;
import ulvm.model.MirrorSegment;
import ulvm.model.Segment;
import ulvm.model.StripedSegment;
import ulvm.model.Vg;
import ulvm.store.Scan;
import ulvm.store.VgCopies;

/**
 * What the pvmove table compares: LV layouts written as {@code d2:0-2+d3:0-2 d5:0-1} (segments by spaces, stripes
 * by "+", PVs by image name), LV checksums read through the segments (striped round-robin), image fingerprints, and
 * the finished layout LVM2 would reach from the set-up metadata real pvmove wrote (LVM2's finish rules: each
 * {@code pvmove0} area takes the destination, then adjacent segments merge).
 */
final class MoveLayout {
    private MoveLayout() {}

    /**
     * Checks.lvm2Agrees with the pvs rows compared as a set: real LVM2 lists PVs in the order of their loop devices'
     * numbers, which other users of /dev/loop* can shuffle between the attaches.
     */
    static void lvm2Agrees(Ulvm u, List<Path> images, String vg, String step) {
        Checks.realVgckClean(images, vg, step);
        Checks.realHeadersClean(images, step);
        Checks.sameLvs(u, images, Checks.LVS_STRIPE_SIZE, step);
        Checks.sameVgs(u, images, step);
        samePvs(u, images, step);
    }

    static void samePvs(Ulvm u, List<Path> images, String step) {
        String[] args = {"--noheadings", "--separator", "|", "-o", Checks.PVS};
        RealLvm.Result real = RealLvm.run(images, "pvs", args);
        org.junit.jupiter.api.Assertions.assertEquals(0, real.rc(), step + ": real pvs\n" + real);
        Ulvm.Result mine = u.on(images, "pvs", args);
        org.junit.jupiter.api.Assertions.assertEquals(sorted(real.out()), sorted(mine.out()), step + ": pvs (expected: real LVM2, actual: ulvm)");
    }

    private static String sorted(String lines) {
        return String.join("\n", new java.util.TreeSet<>(List.of(lines.split("\n"))));
    }

    /** Random bytes from 1 MiB (past the metadata area) to the end of every image. */
    static void fillRandom(List<Path> images, long seed) throws IOException {
        Random rnd = new Random(seed);
        byte[] buf = new byte[1 << 20];
        for (Path p : images) {
            try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
                for (long at = 1 << 20; at < f.length(); at += buf.length) {
                    rnd.nextBytes(buf);
                    f.seek(at);
                    f.write(buf, 0, (int) Math.min(buf.length, f.length() - at));
                }
            }
        }
    }

    static String sha(byte[]... parts) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (byte[] b : parts) md.update(b);
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** SHA-256 of each whole image file: "nothing written". */
    static List<String> fingerprints(List<Path> images) {
        List<String> out = new ArrayList<>();
        try {
            for (Path p : images) out.add(p.getFileName() + "=" + sha(Files.readAllBytes(p)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    static Vg vg(List<Path> images, String name) {
        try (Scan s = Scan.of(images, false)) {
            return s.vg(name).orElseThrow().vg();
        }
    }

    /** PV UUID to the image's name without ".img" (d1, d2, ...). */
    static Map<String, String> pvNames(List<Path> images, String vgName) {
        Map<String, String> out = new LinkedHashMap<>();
        try (Scan s = Scan.of(images, false)) {
            VgCopies vc = s.vg(vgName).orElseThrow();
            for (var pv : vc.vg().pvs()) out.put(pv.id(), Path.of(vc.path(pv.id())).getFileName().toString().replace(".img", ""));
        }
        return out;
    }

    /** Checksum of every visible LV's bytes, read from the images through its striped segments. */
    static Map<String, String> lvSums(List<Path> images, String vgName) {
        Map<String, String> out = new LinkedHashMap<>();
        try (Scan s = Scan.of(images, false)) {
            VgCopies vc = s.vg(vgName).orElseThrow();
            Vg vg = vc.vg();
            for (Lv lv : vg.lvs()) {
                if (!lv.visible()) continue;
                MessageDigest md = MessageDigest.getInstance("SHA-256");
                for (Segment seg : lv.segments()) {
                    StripedSegment st = (StripedSegment) seg;
                    int n = st.stripes().size();
                    long segBytes = st.count() * vg.extentBytes();
                    long chunk = n == 1 ? vg.extentBytes() : st.stripeSize() * 512;
                    for (long off = 0; off < segBytes; off += chunk) {
                        long c = off / chunk;
                        long inStripe = (c / n) * chunk;
                        Area.OnPv on = onPv(vg, st.stripes().get((int) (c % n)), inStripe / vg.extentBytes());
                        long at = vg.pv(on.pvId()).orElseThrow().peStart() * 512 + on.pe() * vg.extentBytes() + inStripe % vg.extentBytes();
                        md.update(vc.device(on.pvId()).device().read(at, (int) chunk));
                    }
                }
                out.put(lv.name(), HexFormat.of().formatHex(md.digest()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    /**
     * The PV extent {@code ext} extents into {@code a}, through pvmove LVs as LVM2 maps them while a move runs: a
     * segment whose {@code extents_moved} is complete reads the destination, any other the source.
     */
    static Area.OnPv onPv(Vg vg, Area a, long ext) {
        if (a instanceof Area.OnPv p) return new Area.OnPv(p.pvId(), p.pe() + ext);
        Area.OnLv l = (Area.OnLv) a;
        long le = l.le() + ext;
        for (Segment seg : vg.lv(l.lv()).orElseThrow().segments()) {
            if (le < seg.start() || le >= seg.start() + seg.count()) continue;
            Area in = seg instanceof MirrorSegment m
                    ? m.mirrors().get(m.extentsMoved() != null && m.extentsMoved() == m.count() ? 1 : 0) : seg.areas().get(0);
            return onPv(vg, in, le - seg.start());
        }
        throw new IllegalStateException("no segment of " + l.lv() + " at " + le);
    }

    /** "lv1=d1:0-1 d2:3-4" per LV, for every LV of the VG (pvmove LVs included, so leftovers show). */
    static Map<String, String> layout(Vg vg, Map<String, String> names) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Lv lv : vg.lvs()) {
            List<String> segs = new ArrayList<>();
            for (Segment seg : lv.segments()) {
                List<String> areas = new ArrayList<>();
                for (Area a : seg.areas()) {
                    if (a instanceof Area.OnPv p) areas.add(names.getOrDefault(p.pvId(), p.pvId()) + ":" + p.pe() + "-" + (p.pe() + seg.areaLength() - 1));
                    else areas.add(((Area.OnLv) a).lv() + "@" + ((Area.OnLv) a).le());
                }
                segs.add((seg instanceof MirrorSegment ? "mirror:" : "") + String.join("+", areas));
            }
            out.put(lv.name(), String.join(" ", segs));
        }
        return out;
    }

    /**
     * LVM2's finish applied to real LVM2's set-up metadata (pvmove_finish, spec §3.3): every area on pvmove0 takes
     * the destination of the pvmove0 segment (or, atomic, of pvmove0_mimage_1's segment) at that LE; the pvmove LVs
     * go; then adjacent striped segments merge when every stripe continues on the same PV.
     */
    static Vg finishedByLvm2Rules(Vg setUp) {
        List<Lv> out = new ArrayList<>();
        for (Lv lv : setUp.lvs()) {
            if (lv.name().startsWith("pvmove")) continue;
            List<StripedSegment> segs = new ArrayList<>();
            for (Segment seg : lv.segments()) {
                StripedSegment st = (StripedSegment) seg;
                List<Area> areas = new ArrayList<>();
                for (Area a : st.stripes()) areas.add(a instanceof Area.OnLv l ? destination(setUp, l) : a);
                segs.add(new StripedSegment(st.start(), st.count(), st.stripeSize(), areas));
            }
            List<Segment> merged = new ArrayList<>();
            for (StripedSegment s : segs) {
                if (!merged.isEmpty() && mergeable((StripedSegment) merged.get(merged.size() - 1), s)) {
                    StripedSegment p = (StripedSegment) merged.remove(merged.size() - 1);
                    merged.add(p.withCount(p.count() + s.count()));
                } else merged.add(s);
            }
            out.add(lv.withSegments(merged).withStatusFlag("LOCKED", false));
        }
        return setUp.withLvs(out);
    }

    /** The destination of LE {@code l.le()} of a pvmove LV: area 2 of its segment, or of the atomic mimage_1 LV. */
    private static Area destination(Vg vg, Area.OnLv l) {
        for (Segment seg : vg.lv(l.lv()).orElseThrow().segments()) {
            if (seg.start() > l.le() || l.le() >= seg.start() + seg.count()) continue;
            Area dest = seg instanceof MirrorSegment m ? m.mirrors().get(1) : seg.areas().get(0);
            if (dest instanceof Area.OnLv in) return destination(vg, new Area.OnLv(in.lv(), in.le() + l.le() - seg.start()));
            if (seg.start() != l.le()) throw new IllegalStateException("layer boundary mismatch at " + l);
            return dest;
        }
        throw new IllegalStateException("no segment of " + l.lv() + " at " + l.le());
    }

    private static boolean mergeable(StripedSegment a, StripedSegment b) {
        if (a.stripes().size() != b.stripes().size() || a.stripeSize() != b.stripeSize()) return false;
        for (int i = 0; i < a.stripes().size(); i++) {
            if (!(a.stripes().get(i) instanceof Area.OnPv x) || !(b.stripes().get(i) instanceof Area.OnPv y)) return false;
            if (!x.pvId().equals(y.pvId()) || x.pe() + a.areaLength() != y.pe()) return false;
        }
        return true;
    }
}
