package ulvm.ops;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import ulvm.alloc.Policy;
import ulvm.alloc.PvRange;
import ulvm.api.LvmException;
import ulvm.model.Lv;
import ulvm.model.Pv;
import ulvm.model.Vg;
import ulvm.move.MoveLvs;
import ulvm.move.MoveRanges;
import ulvm.store.PvDevice;
import ulvm.store.Scan;
import ulvm.store.VgCopies;

/**
 * pvmove's arguments as LVM2 reads them, with its refusals: the source PV and its PE ranges, {@code --name}, the
 * destination PVs (paths with ranges, tags), the VG's allocation policy; the move already recorded for a source.
 */
final class PvMoveArgs {
    private final Session s;

    PvMoveArgs(Session s) { this.s = s; }

    /** The source argument: its VG (every PV present, writable), its device, the path as given, its PE ranges (null: none). */
    record Source(VgCopies vc, PvDevice dev, String display, String suffix) {}

    Source source(Scan scan, String arg) throws LvmException {
        int colon = arg.indexOf(':');
        String path = colon < 0 ? arg : arg.substring(0, colon);
        Path p = s.resolve(path);
        if (!Files.exists(p)) throw LvmException.invalid("Cannot use " + path + ": device not found");
        PvDevice dev = scan.pv(p).orElseThrow(() -> LvmException.invalid("Failed to find physical volume \"" + path + "\"."));
        Optional<VgCopies> vc = scan.vgOf(dev);
        if (vc.isEmpty()) throw new LvmException("No extents available for allocation.");
        String vg = vc.get().vg().name();
        if (vc.get().partial())
            throw LvmException.invalid("Cannot change VG " + vg + " while PVs are missing.\nSee vgreduce --removemissing and vgextend --restoremissing.\n"
                    + "Cannot process volume group " + vg + "\nFailed to find physical volume \"" + path + "\".");
        return new Source(s.writableVg(scan, vg), dev, path, colon < 0 ? null : arg.substring(colon));
    }

    /** _extract_lvname and the checks after it. */
    static String lvName(String arg, Vg vg) throws LvmException {
        String n = arg;
        if (arg.contains("/")) {
            n = ulvm.api.DevPaths.strip(arg);
            while (n.startsWith("/")) n = n.substring(1);
            if (!n.contains("/")) throw LvmException.invalid("--name takes a logical volume name.\nFailed to find an LV name.");
            if (!n.startsWith(vg.name()) || n.length() == vg.name().length() || n.charAt(vg.name().length()) != '/')
                throw LvmException.invalid("Named LV and old PV must be in the same VG.\nFailed to find an LV name.");
            n = n.substring(vg.name().length());
            while (n.startsWith("/")) n = n.substring(1);
            if (n.isEmpty()) throw LvmException.invalid("Incomplete LV name supplied with --name.\nFailed to find an LV name.");
        }
        if (Names.reason(n) != null || n.contains("/")) throw LvmException.invalid("Logical volume name " + n + " is invalid.");
        if (vg.lv(n).isEmpty()) throw new LvmException("Logical volume " + n + " not found.");
        return n;
    }

    /** The move whose source is PV {@code pvId}, if one is recorded. */
    static Optional<Lv> moveFrom(Vg vg, String pvId) {
        for (Lv l : MoveLvs.pvmoveLvs(vg)) if (MoveLvs.sourcePv(vg, l).map(pvId::equals).orElse(false)) return Optional.of(l);
        return Optional.empty();
    }

    /** The VG's allocation policy (inherit: normal). */
    static Policy vgPolicy(Vg vg) {
        for (var e : vg.extras())
            if (e.key().equals("allocation_policy") && e.value() instanceof String p) {
                Policy x = Policy.parse(p);
                return x == Policy.INHERIT ? Policy.NORMAL : x;
            }
        return Policy.NORMAL;
    }

    /** Every extent of PV {@code id} is used. */
    static boolean full(Vg vg, Map<String, List<long[]>> used, String id) {
        long n = 0;
        for (long[] r : used.getOrDefault(id, List.of())) n += r[1] - r[0];
        return n >= vg.pv(id).orElseThrow().peCount();
    }

    /** The destination list (create_pv_list with allocatable_only), or every PV of the VG. */
    List<String> destinations(VgCopies vc, List<String> args, Map<String, List<PvRange>> ranges) throws LvmException {
        Vg vg = vc.vg();
        List<String> out = new ArrayList<>();
        if (args.isEmpty()) {
            for (Pv p : vg.pvs()) out.add(p.id());
            return out;
        }
        Map<String, List<long[]>> used = ulvm.alloc.FreeSpace.usedRanges(vg);
        List<PvRange> all = new ArrayList<>();
        for (String arg : args) {
            if (arg.startsWith("@")) {
                String tag = arg.substring(1);
                if (tag.isEmpty() || !tag.matches("[A-Za-z0-9_+.\\-/=!:&#]+")) {
                    s.tell("Skipping invalid tag " + tag + ".");
                    continue;
                }
                for (Pv p : vg.pvs()) if (tags(p).contains(tag)) entry(vc, p, null, used, out, all);
                continue;
            }
            int colon = arg.indexOf(':');
            String path = colon < 0 ? arg : arg.substring(0, colon);
            Path pth = s.resolve(path);
            Pv pv = null;
            for (var e : vc.devices().entrySet())
                if (e.getValue().path().toAbsolutePath().normalize().equals(pth)) pv = vg.pv(e.getKey()).orElse(null);
            if (pv == null) throw new LvmException("Physical Volume \"" + path + "\" not found in Volume Group \"" + vg.name() + "\".");
            entry(vc, pv, colon < 0 ? null : arg.substring(colon), used, out, all);
        }
        if (out.isEmpty()) throw new LvmException("No specified PVs have space available.");
        for (PvRange r : all) ranges.computeIfAbsent(r.pvId(), k -> new ArrayList<>()).add(r);
        return out;
    }

    private static List<String> tags(Pv p) { return ulvm.model.Tags.of(p.extras()); }

    private void entry(VgCopies vc, Pv pv, String suffix, Map<String, List<long[]>> used, List<String> out, List<PvRange> ranges)
            throws LvmException {
        String name = vc.path(pv.id());
        if (!pv.allocatable()) { s.tell("WARNING: Physical volume " + name + " not allocatable."); return; }
        if (name == null || pv.missingFlag()) { s.tell("WARNING: Physical volume " + pv.device() + " is missing."); return; }
        if (full(vc.vg(), used, pv.id())) { s.tell("WARNING: No free extents on physical volume \"" + name + "\"."); return; }
        if (!out.contains(pv.id())) out.add(pv.id());
        if (suffix != null) MoveRanges.parse(suffix, pv.id(), pv.peCount(), name, ranges);
        else ranges.add(new PvRange(pv.id(), 0, pv.peCount()));
    }
}
