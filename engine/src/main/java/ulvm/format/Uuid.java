package ulvm.format;

import java.security.SecureRandom;

/** LVM2 UUIDs: 32 characters of [0-9a-zA-Z], shown with dashes grouped 6-4-4-4-4-4-6. */
public final class Uuid {
    private static final String CHARS = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int[] GROUPS = {6, 4, 4, 4, 4, 4, 6};

    private Uuid() {}

    /** A new UUID without dashes. */
    public static String generate() {
        StringBuilder sb = new StringBuilder(32);
        for (int i = 0; i < 32; i++) sb.append(CHARS.charAt(RANDOM.nextInt(CHARS.length())));
        return sb.toString();
    }

    public static String withDashes(String raw) {
        String s = strip(raw);
        if (s.length() != 32) return raw;
        StringBuilder sb = new StringBuilder(38);
        int p = 0;
        for (int g = 0; g < GROUPS.length; g++) {
            if (g > 0) sb.append('-');
            sb.append(s, p, p + GROUPS[g]);
            p += GROUPS[g];
        }
        return sb.toString();
    }

    public static String strip(String s) {
        return s.replace("-", "");
    }

    public static boolean valid(String s) {
        String t = strip(s);
        if (t.length() != 32) return false;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (CHARS.indexOf(c) < 0 && c != '!' && c != '#') return false;
        }
        return true;
    }
}
