package ulvm.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where real LVM2 says an LV's bytes are: built only from LVM2's own reports ({@code vgs -o vg_extent_size},
 * {@code pvs -o pe_start}, {@code lvs -o seg_start_pe,seg_size_pe,devices,stripes,stripe_size}), never from ulvm.
 */
final class RealLayout {
    record Place(Path image, long offset) {}

    record Seg(String lv, long startPe, long sizePe, List<Path> pvs, List<Long> pes, long stripeSize) {}

    final long extentBytes;
    final Map<Path, Long> peStart = new HashMap<>();
    final List<Seg> segs = new ArrayList<>();

    private RealLayout(long extentBytes) { this.extentBytes = extentBytes; }

    static RealLayout of(List<Path> images, String vg) {
        RealLayout l = new RealLayout(Long.parseLong(report(images, "vgs", "vg_extent_size", vg).get(0)[0]));
        for (String[] f : report(images, "pvs", "pv_name,pe_start")) l.peStart.put(Path.of(f[0]), Long.parseLong(f[1]));
        for (String[] f : report(images, "lvs", "lv_name,seg_start_pe,seg_size_pe,devices,stripes,stripe_size", vg)) {
            List<Path> pvs = new ArrayList<>();
            List<Long> pes = new ArrayList<>();
            for (String d : f[3].split(",")) { // /path/a.img(12)
                int p = d.lastIndexOf('(');
                pvs.add(Path.of(d.substring(0, p)));
                pes.add(Long.parseLong(d.substring(p + 1, d.length() - 1)));
            }
            assertEquals(Integer.parseInt(f[4]), pvs.size(), "stripes vs devices: " + String.join("|", f));
            l.segs.add(new Seg(f[0], Long.parseLong(f[1]), Long.parseLong(f[2]), pvs, pes, Long.parseLong(f[5])));
        }
        return l;
    }

    private static List<String[]> report(List<Path> images, String cmd, String fields, String... more) {
        List<String> args = new ArrayList<>(List.of("--noheadings", "--separator", "|", "--units", "b", "--nosuffix", "-o", fields));
        args.addAll(List.of(more));
        RealLvm.Result r = RealLvm.run(images, cmd, args.toArray(new String[0]));
        assertEquals(0, r.rc(), "real " + cmd + "\n" + r);
        List<String[]> rows = new ArrayList<>();
        for (String line : r.out().split("\n")) if (!line.isBlank()) rows.add(line.trim().split("\\|"));
        return rows;
    }

    /** LV size in bytes. */
    long size(String lv) {
        long n = 0;
        for (Seg s : segs) if (s.lv.equals(lv)) n = Math.max(n, (s.startPe + s.sizePe) * extentBytes);
        return n;
    }

    /** The image and byte offset that hold byte {@code x} of {@code lv}: linear or striped (round-robin chunks). */
    Place at(String lv, long x) {
        for (Seg s : segs) {
            long from = s.startPe * extentBytes, to = (s.startPe + s.sizePe) * extentBytes;
            if (!s.lv.equals(lv) || x < from || x >= to) continue;
            long off = x - from;
            int n = s.pvs.size();
            int stripe = 0;
            long inStripe = off;
            if (n > 1) {
                long chunk = off / s.stripeSize;
                stripe = (int) (chunk % n);
                inStripe = (chunk / n) * s.stripeSize + off % s.stripeSize;
            }
            Path pv = s.pvs.get(stripe);
            return new Place(pv, peStart.get(pv) + s.pes.get(stripe) * extentBytes + inStripe);
        }
        throw new IllegalArgumentException(lv + " has no byte " + x);
    }
}
