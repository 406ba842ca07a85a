package ulvm.alloc;

import java.util.Locale;

/** LVM2's allocation policies that ulvm implements. */
public enum Policy {
    CONTIGUOUS, NORMAL, ANYWHERE, INHERIT, CLING;

    public static Policy parse(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "contiguous" -> CONTIGUOUS;
            case "normal" -> NORMAL;
            case "anywhere" -> ANYWHERE;
            case "inherit" -> INHERIT;
            case "cling", "cling_by_tags" -> CLING;
            default -> throw new IllegalArgumentException(s);
        };
    }

    public String text() { return name().toLowerCase(Locale.ROOT); }
}
