package ulvm.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code ulvm lvm}: LVM2's shell. Reads command lines ("lvs -a", "lvcreate -L 1G -n lv vg", quoted words as a shell
 * splits them) and runs each as {@code ulvm} would; "exit" or "quit" or end of input leaves. Each line goes into
 * {@code $HOME/.lvm_history} ({@link ShellHistory}); on a terminal the line editor recalls and completes
 * ({@link ShellLines}). A command that asks (y/n) reads its answer from the same input.
 */
final class LvmShell {
    private LvmShell() {}

    static int run(InputStream in, PrintStream out) {
        boolean tty = System.console() != null;
        ShellHistory history = ShellHistory.load(System.getenv("HOME"), historySize());
        picocli.CommandLine table = Commands.build(null);
        Set<String> commands = table.getSubcommands().keySet();
        ShellLines lines = ShellLines.of(in);
        if (tty) {
            try {
                lines = ShellLines.terminal(history.entries(), table);
            } catch (IOException | RuntimeException e) {
                // no line editing on this terminal: plain lines, as LVM2 built without readline
            }
        }
        while (true) {
            String line;
            try {
                line = lines.read("lvm> ");
            } catch (IOException e) {
                return 0;
            }
            if (line == null) {
                if (tty) out.println();
                return 0;
            }
            if (line.isEmpty()) continue;
            history.add(line);
            List<String> words;
            try {
                words = split(line);
            } catch (IllegalArgumentException e) {
                System.err.println("  " + e.getMessage());
                history.save();
                continue;
            }
            if (!words.isEmpty() && words.get(0).equals("lvm")) words.remove(0);
            if (words.isEmpty()) continue;
            if (words.get(0).equals("exit") || words.get(0).equals("quit")) {
                history.removeLast();
                System.err.println("  Exiting.");
                return 0;
            }
            if (commands.contains(words.get(0))) Main.once(words.toArray(new String[0]), lines.answers());
            else System.err.println("  No such command '" + words.get(0) + "'.  Try 'help'.");
            history.save();
        }
    }

    /** {@code shell/history_size} of lvm.conf (LVM2's default, 100, when unset or unreadable). */
    private static int historySize() {
        try {
            Long n = ulvm.config.LvmConfig.load(ulvm.store.SystemDir.fromEnvironment().root(), List.of()).number("shell/history_size");
            return n == null ? 100 : (int) Math.min(Integer.MAX_VALUE, Math.max(0, n));
        } catch (ulvm.api.LvmException e) {
            return 100;
        }
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
