package ulvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The engine's main classes hold no test-only switch (issue 16.3): no static method that swaps process-wide state
 * for a test (one named *Hook* or {@code use}, or one taking an interface that a static non-final field of its class
 * holds), no static non-final field named *hook* or *test*, no read of an environment variable or system property
 * whose name says TEST, and the fault devices ({@code io.fault}) are test code. Fault devices, commit phases and copy
 * pacing reach the engine at assembly instead ({@code ops.Wiring}). Checked over the compiled classes.
 */
class NoTestHooksTest {
    /** A name made of words in which one is "test" or "TEST" (ULVM_PVMOVE_TEST_DELAY_MS, ulvm.test.x, ulvm.testDelay). */
    static final Pattern TEST_NAME = Pattern.compile("(^|[._-])(test|TEST)([._-]|[A-Z]|$)");
    static final Pattern HOOK = Pattern.compile("(?i).*hook.*");
    /** Methods that read the environment or system properties. */
    static final List<String> READERS = List.of("getenv", "getProperty", "getLong", "getInteger", "getBoolean");

    static Path mainClasses() throws Exception {
        return Path.of(ulvm.ops.Session.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    @Test
    void noMainClassHoldsATestHook() throws Exception {
        Path root = mainClasses();
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).sorted().toList()) {
                String name = root.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", "");
                if (name.endsWith("package-info")) continue;
                found.addAll(staticHooks(Class.forName(name, false, getClass().getClassLoader())));
                try (InputStream in = Files.newInputStream(f)) {
                    found.addAll(testSwitches(name, in));
                }
            }
        }
        assertEquals(List.of(), found, "test hooks in the engine's main classes; pass them at assembly (ops.Wiring)");
    }

    @Test
    void faultDevicesAreTestCode() throws Exception {
        assertFalse(Files.exists(mainClasses().resolve("ulvm/io/fault")), "io.fault in the main classes");
        Path fault = Path.of(ulvm.io.fault.FaultyDevice.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertNotEquals(mainClasses(), fault);
    }

    /** The rules find what they are about: a class like those issue 16 removed. */
    @Test
    void theRulesFindAStaticHookAndATestVariable() throws Exception {
        assertEquals(List.of(Hooked.class.getName() + ".hook: a static non-final field named for a hook or test",
                Hooked.class.getName() + ".setHook: a static method that swaps a hook",
                Hooked.class.getName() + ".use: a static method that swaps a hook"), staticHooks(Hooked.class).stream().sorted().toList());
        try (InputStream in = Hooked.class.getResourceAsStream("NoTestHooksTest$Hooked.class")) {
            assertEquals(List.of(Hooked.class.getName() + " reads ULVM_X_TEST_DELAY_MS"), testSwitches(Hooked.class.getName(), in));
        }
        assertTrue(staticHooks(ulvm.ops.Wiring.class).isEmpty());
    }

    @SuppressWarnings("unused")
    static final class Hooked {
        interface Step { void after(String step); }

        private static Step hook = s -> { };

        public static void setHook(Step h) { hook = h; }

        static void use(Runnable r) { }

        static long delay() { return Long.parseLong(System.getenv().getOrDefault("ULVM_X_TEST_DELAY_MS", "0")); }
    }

    /** Static members of {@code c} that swap process-wide state. */
    static List<String> staticHooks(Class<?> c) {
        List<String> out = new ArrayList<>();
        List<Field> mutable = new ArrayList<>();
        for (Field f : c.getDeclaredFields()) {
            if (!Modifier.isStatic(f.getModifiers()) || Modifier.isFinal(f.getModifiers()) || f.isSynthetic()) continue;
            mutable.add(f);
            if (HOOK.matcher(f.getName()).matches() || TEST_NAME.matcher(f.getName()).find() || f.getName().toLowerCase().startsWith("test"))
                out.add(name(c, f) + ": a static non-final field named for a hook or test");
        }
        for (Method m : c.getDeclaredMethods()) {
            if (!Modifier.isStatic(m.getModifiers()) || Modifier.isPrivate(m.getModifiers()) || m.isSynthetic()) continue;
            boolean swaps = HOOK.matcher(m.getName()).matches() || m.getName().equals("use") && m.getParameterCount() == 1;
            for (Class<?> p : m.getParameterTypes())
                for (Field f : mutable) swaps |= p.isInterface() && f.getType().isAssignableFrom(p);
            if (swaps) out.add(name(c, m) + ": a static method that swaps a hook");
        }
        return out;
    }

    private static String name(Class<?> c, Member m) { return c.getName() + "." + m.getName(); }

    /** The string constants named like a test switch of a class that reads the environment or system properties. */
    static List<String> testSwitches(String name, InputStream classFile) throws IOException {
        DataInputStream in = new DataInputStream(classFile);
        in.readInt(); // magic
        in.readUnsignedShort();
        in.readUnsignedShort();
        int count = in.readUnsignedShort();
        String[] utf8 = new String[count];
        List<Integer> strings = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> utf8[i] = in.readUTF();
                case 8 -> strings.add(in.readUnsignedShort());
                case 7, 16, 19, 20 -> in.skipBytes(2);
                case 15 -> in.skipBytes(3);
                case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipBytes(4);
                case 5, 6 -> { in.skipBytes(8); i++; }
                default -> throw new IOException(name + ": constant pool tag " + tag);
            }
        }
        boolean reads = false;
        for (String u : utf8) reads |= u != null && READERS.contains(u);
        List<String> out = new ArrayList<>();
        if (!reads) return out;
        for (int s : strings) if (TEST_NAME.matcher(utf8[s]).find() && !utf8[s].contains(" ")) out.add(name + " reads " + utf8[s]);
        return out;
    }
}
