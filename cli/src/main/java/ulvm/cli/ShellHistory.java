package ulvm.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The shell's history, {@code $HOME/.lvm_history}, in the file format of the editline library Debian's LVM2 is built
 * with: a {@code _HiStOrY_V2_} line, then one entry per line with blanks and backslashes escaped as strvis(3)'s
 * VIS_WHITE does ({@code vgs\040-o\040name}). Kept to {@code shell/history_size} entries, the newest.
 */
final class ShellHistory {
    static final String HEADER = "_HiStOrY_V2_";
    private final Path file;
    private final int size;
    private final List<String> entries = new ArrayList<>();

    private ShellHistory(Path file, int size) {
        this.file = file;
        this.size = Math.max(0, size);
    }

    /** The history of {@code home} (null: none kept), as LVM2 reads it at the shell's start. */
    static ShellHistory load(String home, int size) {
        ShellHistory h = new ShellHistory(home == null ? null : Path.of(home, ".lvm_history"), size);
        if (h.file == null) return h;
        try {
            List<String> lines = Files.readAllLines(h.file, StandardCharsets.UTF_8);
            for (int i = lines.isEmpty() || !lines.get(0).equals(HEADER) ? 0 : 1; i < lines.size(); i++) h.add(decode(lines.get(i)));
        } catch (NoSuchFileException e) {
            // a first shell
        } catch (IOException e) {
            // LVM2: "Couldn't read history" is a very verbose message only; the shell runs without it
        }
        return h;
    }

    List<String> entries() { return List.copyOf(entries); }

    void add(String line) {
        entries.add(line);
        while (entries.size() > size) entries.remove(0);
    }

    /** Drops the newest entry (LVM2 keeps "exit" and "quit" out of the history). */
    void removeLast() { if (!entries.isEmpty()) entries.remove(entries.size() - 1); }

    /** Writes the file (after each command, as LVM2 does); a failure is not the command's. */
    void save() {
        if (file == null) return;
        StringBuilder b = new StringBuilder(HEADER).append('\n');
        for (String e : entries) b.append(encode(e)).append('\n');
        try {
            Files.writeString(file, b.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            // as LVM2: "Couldn't write history" at -vv only
        }
    }

    static String encode(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case ' ' -> b.append("\\040");
                case '\t' -> b.append("\\011");
                case '\n' -> b.append("\\012");
                case '\\' -> b.append("\\\\");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    static String decode(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && isOctal(s, i + 1)) {
                b.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                i += 3;
            } else if (c == '\\' && i + 1 < s.length()) {
                b.append(s.charAt(++i));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static boolean isOctal(String s, int at) {
        if (at + 3 > s.length()) return false;
        for (int i = at; i < at + 3; i++) if (s.charAt(i) < '0' || s.charAt(i) > '7') return false;
        return true;
    }
}
