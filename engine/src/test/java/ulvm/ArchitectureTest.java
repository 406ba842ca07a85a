package ulvm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import ulvm.model.Segment;
import ulvm.model.StripedSegment;

/**
 * The engine's layering, checked on its compiled classes (the constant pool names every class a class uses; ASM,
 * which jnr-ffi brings, reads the instanceof instructions):
 * <ul>
 * <li>the engine knows nothing of FUSE or picocli (those are fuse-mount's and cli's);
 * <li>{@code ulvm.model} imports no other engine package;
 * <li>only the segment type handlers ({@code ulvm.segtype}) test a segment's record class with instanceof.
 * </ul>
 */
class ArchitectureTest {
    private static final Set<String> SEGMENT_CLASSES = Set.of("ulvm/model/Segment", "ulvm/model/StripedSegment", "ulvm/model/MirrorSegment",
            "ulvm/model/RaidSegment", "ulvm/model/SnapshotSegment", "ulvm/model/OpaqueSegment", "ulvm/model/ThinPoolSegment", "ulvm/model/ThinSegment");
    private static final String HANDLERS = "ulvm/segtype/";

    @Test
    void engineImportsNeitherFuseNorPicocli() throws IOException {
        List<String> bad = new ArrayList<>();
        for (Path c : engineClasses())
            for (String s : utf8Constants(c))
                if (s.contains("jnr/fuse/") || s.contains("ulvm/fuse/") || s.contains("picocli/")) bad.add(name(c) + " uses " + s);
        assertEquals(List.of(), bad);
    }

    @Test
    void modelImportsNoOtherEnginePackage() throws IOException {
        List<String> bad = new ArrayList<>();
        for (Path c : engineClasses()) {
            if (!name(c).startsWith("ulvm/model/")) continue;
            for (String s : utf8Constants(c))
                for (String pkg : ulvmPackages(s)) if (!pkg.equals("ulvm/model/")) bad.add(name(c) + " uses " + s);
        }
        assertEquals(List.of(), bad);
    }

    @Test
    void onlyTheHandlersTestSegmentClasses() throws IOException {
        List<String> bad = new ArrayList<>();
        for (Path c : engineClasses()) {
            if (name(c).startsWith(HANDLERS)) continue;
            for (String where : segmentInstanceofs(c)) bad.add(where);
        }
        assertEquals(List.of(), bad, "instanceof on segment classes outside " + HANDLERS + ": ask SegmentTypes.of(segment) instead");
    }

    /** The check itself sees an instanceof on a segment class (the class below has one). */
    @Test
    void theInstanceofCheckFindsOne() throws IOException {
        Path self = Path.of(classesDir(ArchitectureTest.class).toString(), Offender.class.getName().replace('.', '/') + ".class");
        assertEquals(List.of("ulvm/ArchitectureTest$Offender.striped: instanceof ulvm/model/StripedSegment"), segmentInstanceofs(self));
    }

    @SuppressWarnings("unused")
    private static final class Offender {
        static boolean striped(Segment s) { return s instanceof StripedSegment; }
    }

    private static List<String> segmentInstanceofs(Path classFile) throws IOException {
        List<String> out = new ArrayList<>();
        try (InputStream in = Files.newInputStream(classFile)) {
            ClassReader r = new ClassReader(in);
            r.accept(new ClassVisitor(Opcodes.ASM9) {
                @Override public MethodVisitor visitMethod(int access, String method, String desc, String sig, String[] ex) {
                    return new MethodVisitor(Opcodes.ASM9) {
                        @Override public void visitTypeInsn(int opcode, String type) {
                            if (opcode == Opcodes.INSTANCEOF && SEGMENT_CLASSES.contains(type))
                                out.add(r.getClassName() + "." + method + ": instanceof " + type);
                        }
                    };
                }
            }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        }
        return out;
    }

    /** The packages ("ulvm/x/") a constant names, in class names and descriptors. */
    private static Set<String> ulvmPackages(String s) {
        Set<String> out = new TreeSet<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?:^|[L(;\\[])(ulvm/[a-z0-9_]+/)").matcher(s);
        while (m.find()) out.add(m.group(1));
        return out;
    }

    /** The CONSTANT_Utf8 entries of a class file: every class, field and method name and descriptor it uses. */
    static List<String> utf8Constants(Path classFile) throws IOException {
        List<String> out = new ArrayList<>();
        try (DataInputStream in = new DataInputStream(Files.newInputStream(classFile))) {
            if (in.readInt() != 0xCAFEBABE) throw new IOException(classFile + ": not a class file");
            in.readUnsignedShort();
            in.readUnsignedShort();
            int n = in.readUnsignedShort();
            for (int i = 1; i < n; i++) {
                int tag = in.readUnsignedByte();
                switch (tag) {
                    case 1 -> out.add(in.readUTF());
                    case 3, 4 -> in.skipNBytes(4);
                    case 5, 6 -> { in.skipNBytes(8); i++; }
                    case 7, 8, 16, 19, 20 -> in.skipNBytes(2);
                    case 9, 10, 11, 12, 17, 18 -> in.skipNBytes(4);
                    case 15 -> in.skipNBytes(3);
                    default -> throw new IOException(classFile + ": constant pool tag " + tag);
                }
            }
        }
        return out;
    }

    private static List<Path> engineClasses() throws IOException {
        Path root = classesDir(Segment.class);
        try (Stream<Path> s = Files.walk(root)) {
            List<Path> out = s.filter(p -> p.toString().endsWith(".class")).sorted().toList();
            if (out.size() < 100) throw new IOException("only " + out.size() + " engine classes under " + root);
            return out;
        }
    }

    private static Path classesDir(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** "ulvm/ops/LvOps" for .../classes/ulvm/ops/LvOps.class. */
    private static String name(Path classFile) {
        String s = classFile.toString().replace('\\', '/');
        int i = s.lastIndexOf("/ulvm/");
        return s.substring(i + 1, s.length() - ".class".length());
    }
}
