package ulvm.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import ulvm.api.Console;

/** A console over streams: prompts go to stderr as LVM2 prints them; no input means "n". */
public final class StdConsole implements Console {
    private final PrintWriter out;
    private final PrintWriter err;
    private final BufferedReader in;

    public StdConsole(PrintWriter out, PrintWriter err, java.io.InputStream in) {
        this(out, err, in == null ? null : new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
    }

    public StdConsole(PrintWriter out, PrintWriter err, BufferedReader in) {
        this.out = out;
        this.err = err;
        this.in = in;
    }

    @Override public void out(String line) { out.println(line); out.flush(); }

    @Override public void err(String line) { err.println(line); err.flush(); }

    @Override
    public boolean ask(String question) {
        out.flush();
        for (int tries = 0; tries < 5; tries++) {
            err.print(question.contains("[y/n]") ? question : question + "[y/n]: ");
            err.flush();
            String line = null;
            try {
                if (in != null) line = in.readLine();
            } catch (IOException ignored) { }
            if (line == null) {
                err.println("[n]");
                err.flush();
                return false;
            }
            String a = line.trim().toLowerCase(java.util.Locale.ROOT);
            if (a.equals("y") || a.equals("yes")) return true;
            if (a.equals("n") || a.equals("no")) return false;
        }
        return false;
    }
}
