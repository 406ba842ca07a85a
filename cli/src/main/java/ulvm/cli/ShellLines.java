package ulvm.cli;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.jline.reader.Candidate;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.TerminalBuilder;

/**
 * Where the shell's lines come from. On a terminal: a line editor (JLine, in place of LVM2's readline/editline)
 * with the history and completion of command names and of the options of the command being typed. Otherwise: the
 * input read a byte at a time, so that nothing past the line is taken from a pipe.
 */
interface ShellLines {
    /** The next line (without its newline), or null at the end of input. */
    String read(String prompt) throws IOException;

    /** A reader for the answers to a command's questions (y/n), taken from the same lines. */
    default BufferedReader answers() {
        ShellLines lines = this;
        return new BufferedReader(Reader.nullReader()) {
            @Override
            public String readLine() throws IOException { return lines.read(""); }
        };
    }

    static ShellLines of(InputStream in) {
        return prompt -> {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            int c;
            while ((c = in.read()) >= 0 && c != '\n') b.write(c);
            if (c < 0 && b.size() == 0) return null;
            return b.toString(StandardCharsets.UTF_8);
        };
    }

    /** The line editor on the process's terminal, its history seeded with {@code history}. */
    static ShellLines terminal(List<String> history, picocli.CommandLine table) throws IOException {
        Set<String> names = table.getSubcommands().keySet();
        LineReader r = LineReaderBuilder.builder()
                .terminal(TerminalBuilder.builder().system(true).build())
                .completer((reader, line, candidates) -> {
                    if (line.wordIndex() == 0) {
                        for (String n : names) candidates.add(new Candidate(n));
                        for (String n : List.of("exit", "quit")) candidates.add(new Candidate(n));
                        return;
                    }
                    picocli.CommandLine cmd = table.getSubcommands().get(line.words().get(0));
                    if (cmd != null && line.word().startsWith("-"))
                        for (var o : cmd.getCommandSpec().options()) for (String n : o.names()) candidates.add(new Candidate(n));
                })
                .build();
        for (String h : history) r.getHistory().add(h);
        return prompt -> {
            try {
                return r.readLine(prompt);
            } catch (UserInterruptException e) { // ^C drops the line being typed, as readline does
                return "";
            } catch (EndOfFileException e) {
                return null;
            }
        };
    }
}
