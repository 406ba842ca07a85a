package ulvm.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ulvm lvm}: LVM2's shell. Reads command lines ("lvs -a", "lvcreate -L 1G -n lv vg", quoted words as a shell
 * splits them) and runs each as {@code ulvm} would; "exit" or "quit" or end of input leaves. Lines are read a byte at
 * a time, so a command that asks (y/n) reads its answer from the same input.
 */
final class LvmShell {
    private LvmShell() {}

    static int run(InputStream in, PrintStream out) {
        boolean tty = System.console() != null;
        while (true) {
            if (tty) {
                out.print("lvm> ");
                out.flush();
            }
            String line;
            try {
                line = readLine(in);
            } catch (IOException e) {
                return 0;
            }
            if (line == null) {
                if (tty) out.println();
                return 0;
            }
            List<String> words;
            try {
                words = split(line);
            } catch (IllegalArgumentException e) {
                System.err.println("  " + e.getMessage());
                continue;
            }
            if (words.isEmpty()) continue;
            if (words.get(0).equals("exit") || words.get(0).equals("quit")) return 0;
            if (words.get(0).equals("lvm")) words.remove(0);
            if (!words.isEmpty()) Main.once(words.toArray(new String[0]));
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') b.write(c);
        if (c < 0 && b.size() == 0) return null;
        return b.toString(StandardCharsets.UTF_8);
    }

    /** Words as a shell splits them: blanks separate, '…' and "…" quote, \ escapes; # starts a comment. */
    static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) quote = 0;
                else if (c == '\\' && quote == '"' && i + 1 < line.length()) w.append(line.charAt(++i));
                else w.append(c);
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (c == '\\' && i + 1 < line.length()) {
                w.append(line.charAt(++i));
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) out.add(w.toString());
                w.setLength(0);
                inWord = false;
            } else if (c == '#' && !inWord) {
                break;
            } else {
                w.append(c);
                inWord = true;
            }
        }
        if (quote != 0) throw new IllegalArgumentException("Unterminated quote: " + quote);
        if (inWord) out.add(w.toString());
        return out;
    }
}
