package ulvm.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import ulvm.format.DiskArea;
import ulvm.format.MdaHeader;
import ulvm.format.MetadataArea;
import ulvm.format.RawLocn;
import ulvm.io.FileBlockDevice;

/**
 * The damage of each case of the hostile-image corpus ({@code src/test/resources/hostile/NAME.img.xz}): what it does
 * to a good image that ulvm made, and the line ulvm must then print when it refuses the VG. HostileImagesTest does
 * the same damage at run time (and asks real LVM2 too); HostileCorpusTest reads the stored images and regenerates
 * them from here. The last group is what the parser fuzzer (ParserFuzzTest) found and commit d0a283e fixed.
 */
final class HostileCases {
    private HostileCases() {}

    /** Damages {@code img} and returns the line ulvm must print about it. */
    interface Damage { String apply(Path img) throws IOException; }

    /**
     * A case: {@code big} starts from a 64 MiB PV with a 40 MiB metadata area and an empty VG (room for hostile text
     * of many MiB), else from an 8 MiB PV with LVs lv1 and lv2 of 2 extents; {@code launcher}: checked through the
     * real entry point too, where a deep recursion or a huge allocation would crash the JVM itself.
     */
    record Case(String name, boolean big, boolean launcher, Damage damage) {}

    // ---- text edits with the checksums right, shared with HostileImagesTest ----------------------------------------

    /** Replaces the first match of {@code regex} in the text. */
    static UnaryOperator<String> replace(String regex, String with) { return t -> t.replaceFirst(regex, with); }

    /** lv2's first extent is lv1's. */
    static final UnaryOperator<String> OVERLAP = t -> {
        int lv2 = t.indexOf("lv2 {");
        return t.substring(0, lv2) + t.substring(lv2).replaceFirst("(stripes = \\[\\s*\"pv0\", )\\d+", "$11");
    };
    static final UnaryOperator<String> PAST_END = replace("(stripes = \\[\\s*\"pv0\", )\\d+", "$1100000");
    static final UnaryOperator<String> ABSURD_PE_COUNT = replace("pe_count = \\d+", "pe_count = 4611686018427387904");
    static final UnaryOperator<String> ZERO_EXTENT_SIZE = replace("extent_size = \\d+", "extent_size = 0");
    static final UnaryOperator<String> HUGE_STRIPE_COUNT = replace("stripe_count = 1", "stripe_count = 4294967296");
    static final UnaryOperator<String> NEGATIVE_START = replace("start_extent = 0", "start_extent = -5");
    static final UnaryOperator<String> NUL_INSIDE = t -> t.replaceFirst("logical_volumes \\{", "logical_volumes {\0");
    static final UnaryOperator<String> LV_NAME_PATH = t -> t.replace("lv2 {", "../../evil {");
    static final String DEEP = "vg {\n" + "a {\n".repeat(10_000) + "}\n".repeat(10_000) + "}\ncontents = \"Text Format Volume Group\"\nversion = 1\n";
    static final String HUGE = "vg {\ndescription = \"" + "x".repeat(18 << 20) + "\"\n}\n";

    /** The committed text's VG name with a 0xff byte inside: not UTF-8. */
    static byte[] invalidUtf8Name(String t) {
        byte[] b = t.getBytes(StandardCharsets.UTF_8);
        int at = t.indexOf("vg {");
        byte[] out = new byte[b.length + 1];
        System.arraycopy(b, 0, out, 0, at + 2);
        out[at + 2] = (byte) 0xff;
        System.arraycopy(b, at + 2, out, at + 3, b.length - at - 2);
        return out;
    }

    /** The committed copy's size set to the whole area, checksum unchanged. */
    static void textPastTheArea(Path img) throws IOException {
        DiskArea mda = ImageSurgery.firstMda(img);
        try (var d = FileBlockDevice.open(img, true)) {
            var m = new MetadataArea(d, mda);
            var h = m.readHeader();
            var c = h.committed();
            m.writeHeader(h.withCommitted(new RawLocn(c.offset(), mda.size(), c.checksum(), c.flags())));
        }
    }

    static void truncate(Path img) throws IOException {
        try (var ch = java.nio.channels.FileChannel.open(img, java.nio.file.StandardOpenOption.WRITE)) {
            ch.truncate(64 << 10); // label intact, metadata area cut short
        }
    }

    static Damage text(UnaryOperator<String> edit, String line) {
        return img -> {
            ImageSurgery.rewrite(img, edit);
            return line;
        };
    }

    static final List<Case> ALL = List.of(
            new Case("bad-label-checksum", false, false, img -> {
                ImageSurgery.flip(img, 512 + 400); // padding of the label sector, covered by its CRC
                return "bad label checksum";
            }),
            new Case("bad-mda-header-checksum", false, false, img -> {
                ImageSurgery.flip(img, 4096 + 300);
                return "WARNING: wrong checksum ";
            }),
            new Case("bad-text-checksum", false, false, img -> {
                long text = ImageSurgery.textOffset(img);
                ImageSurgery.flip(img, text + 100);
                return "WARNING: Checksum error on " + img + " at offset " + text + ".";
            }),
            new Case("text-past-the-area", false, false, img -> {
                textPastTheArea(img);
                return "is outside its area";
            }),
            new Case("truncated-image", false, false, img -> {
                truncate(img);
                return "runs past the end of the device";
            }),
            new Case("corrupt-wrapped-text", false, false, img -> {
                long at = ImageSurgery.rewriteWrapped(img);
                DiskArea mda = ImageSurgery.firstMda(img);
                ImageSurgery.flip(img, mda.offset() + 512 + 20); // inside the part that wrapped to the start of the ring
                return "WARNING: Checksum error on " + img + " at offset " + (mda.offset() + at) + ".";
            }),
            new Case("overlapping-extents", false, false, text(OVERLAP, "PV segments corrupted")),
            new Case("extents-past-the-pv-end", false, false, text(PAST_END, "past the end of a PV")),
            new Case("absurd-pe-count", false, false, text(ABSURD_PE_COUNT, "invalid pe_start or pe_count")),
            new Case("zero-extent-size", false, false, text(ZERO_EXTENT_SIZE, "invalid extent_size 0")),
            new Case("huge-stripe-count", false, false, text(HUGE_STRIPE_COUNT, "does not match")),
            new Case("negative-start-extent", false, false, text(NEGATIVE_START, "invalid start_extent or extent_count")),
            new Case("nul-inside-the-text", false, false, text(NUL_INSIDE, "parse error")),
            new Case("invalid-utf8-vg-name", false, false, img -> {
                ImageSurgery.rewriteBytes(img, HostileCases::invalidUtf8Name);
                return "invalid VG name \"vg?\"";
            }),
            new Case("lv-name-is-a-path", false, false, text(LV_NAME_PATH, "has invalid form")),
            new Case("deep-nesting", true, true, text(t -> DEEP, "nested too deeply")),
            new Case("huge-text", true, true, text(t -> HUGE, "too large")),
            // what the parser fuzzer found (ParserFuzzTest's directed cases)
            new Case("mda-header-claims-another-size", false, false, img -> {
                DiskArea mda = ImageSurgery.firstMda(img);
                try (var d = FileBlockDevice.open(img, true)) {
                    var m = new MetadataArea(d, mda);
                    MdaHeader h = m.readHeader();
                    m.writeHeader(new MdaHeader(h.start(), 1L << 62, h.committed(), h.precommitted()));
                }
                return "claims size " + (1L << 62);
            }),
            new Case("too-many-entries", true, true, text(t -> {
                StringBuilder b = new StringBuilder(t.substring(0, t.indexOf("physical_volumes")));
                b.append("logical_volumes {\n").append("l{}\n".repeat(((16 << 20) - 4096 - b.length()) / 4)); // just under 16 MiB
                return b.append("}\n}\ncontents = \"Text Format Volume Group\"\nversion = 1\n").toString();
            }, "entries")),
            new Case("long-vg-name", true, false, text(t -> t.replaceFirst("(?m)^vg \\{", "v".repeat(4 << 20) + " {"), "invalid VG name")),
            new Case("control-character-in-vg-name", false, false, text(t -> t.replaceFirst("(?m)^vg \\{", "v\u0001g {"), "invalid VG name \"v?g\"")),
            new Case("number-out-of-range", false, false, text(replace("seqno = \\d+", "seqno = 99999999999999999999999"), "number out of range")),
            new Case("lv-twice", false, false, text(t -> {
                int lv1 = t.indexOf("lv1 {"), lv2 = t.indexOf("lv2 {");
                return t.substring(0, lv2) + t.substring(lv1, lv2) + t.substring(lv2);
            }, "appears twice")),
            new Case("pv-id-twice", false, false, text(t -> {
                int from = t.indexOf("pv0 {"), to = t.indexOf("}", from) + 1;
                return t.substring(0, to) + "\npv1 " + t.substring(from + 4, to) + t.substring(to);
            }, "appears twice")));

    /** A good PV on {@code img}: VG vg with LVs lv1 and lv2 of 2 extents; or ({@code big}) 40 MiB metadata, no LV. */
    static Path good(Ulvm u, Path img, boolean big) {
        List<Path> imgs = List.of(img);
        if (big) ok(u.on(imgs, "pvcreate", "--metadatasize", "40m", img.toString()));
        else ok(u.on(imgs, "pvcreate", img.toString()));
        ok(u.on(imgs, "vgcreate", "-s", "1m", "vg", img.toString()));
        if (!big) {
            ok(u.on(imgs, "lvcreate", "-l", "2", "-n", "lv1", "vg"));
            ok(u.on(imgs, "lvcreate", "-l", "2", "-n", "lv2", "vg"));
        }
        return img;
    }

    private static void ok(Ulvm.Result r) {
        if (r.rc() != 0) throw new IllegalStateException(r.toString());
    }

    static Case named(String name) {
        return ALL.stream().filter(c -> c.name.equals(name)).findFirst().orElseThrow(() -> new IllegalArgumentException(name));
    }
}
