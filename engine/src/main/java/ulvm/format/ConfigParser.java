package ulvm.format;

import java.util.ArrayList;
import java.util.List;

/** Parser for libdm's config text (docs/format.md §5). Bounded depth; never recursive without limit. */
public final class ConfigParser {
    private static final int MAX_DEPTH = 32;
    /** Entries and list elements of one text: bounds the memory hostile text can take (real VGs use far fewer). */
    static final int MAX_ITEMS = 500_000;
    private int items;
    private final String s;
    private final String ctx;
    private int p;
    private int line = 1;

    private ConfigParser(String s, String ctx) {
        this.s = s;
        this.ctx = ctx;
    }

    public static ConfigSection parse(String text, String ctx) throws FormatException {
        int nul = text.indexOf('\0');
        if (nul >= 0) text = text.substring(0, nul);
        ConfigParser cp = new ConfigParser(text, ctx);
        ConfigSection root = new ConfigSection();
        cp.items(root, 0);
        cp.skip();
        if (cp.p < cp.s.length()) throw cp.error("unexpected '" + VgTextReader.shown(String.valueOf(cp.s.charAt(cp.p))) + "'");
        return root;
    }

    private FormatException error(String what) {
        return new FormatException(ctx + ": parse error at line " + line + ": " + what + ".");
    }

    private void items(ConfigSection sec, int depth) throws FormatException {
        if (depth > MAX_DEPTH) throw error("sections nested too deeply");
        while (true) {
            skip();
            if (p >= s.length() || s.charAt(p) == '}') return;
            String name = name();
            count();
            skip();
            if (p >= s.length()) throw error("unexpected end after \"" + VgTextReader.shown(name) + "\"");
            char c = s.charAt(p);
            if (c == '{') {
                p++;
                ConfigSection sub = new ConfigSection();
                items(sub, depth + 1);
                skip();
                if (p >= s.length() || s.charAt(p) != '}') throw error("missing '}' for section \"" + VgTextReader.shown(name) + "\"");
                p++;
                sec.addSection(name, sub);
            } else if (c == '=') {
                p++;
                skip();
                sec.put(name, value());
            } else {
                throw error("expected '=' or '{' after \"" + VgTextReader.shown(name) + "\"");
            }
        }
    }

    private void count() throws FormatException {
        if (++items > MAX_ITEMS) throw error("more than " + MAX_ITEMS + " entries");
    }

    private String name() throws FormatException {
        int st = p;
        while (p < s.length()) {
            char c = s.charAt(p);
            if (Character.isWhitespace(c) || c == '#' || c == '=' || c == '{' || c == '}' || c == '[' || c == ']' || c == '"' || c == ',') break;
            p++;
        }
        if (p == st) throw error("expected a name, found '" + VgTextReader.shown(String.valueOf(s.charAt(p))) + "'");
        return s.substring(st, p);
    }

    private Object value() throws FormatException {
        if (p >= s.length()) throw error("missing value");
        if (s.charAt(p) == '[') {
            p++;
            List<Object> list = new ArrayList<>();
            while (true) {
                skip();
                if (p >= s.length()) throw error("unterminated list");
                char c = s.charAt(p);
                if (c == ']') { p++; return list; }
                if (c == ',') { p++; continue; }
                count();
                list.add(scalar());
            }
        }
        return scalar();
    }

    private Object scalar() throws FormatException {
        char c = s.charAt(p);
        if (c == '"') {
            StringBuilder sb = new StringBuilder();
            p++;
            while (true) {
                if (p >= s.length()) throw error("unterminated string");
                char d = s.charAt(p++);
                if (d == '"') return sb.toString();
                if (d == '\\' && p < s.length()) d = s.charAt(p++);
                if (d == '\n') line++;
                sb.append(d);
            }
        }
        if (c == '\'') {
            int end = s.indexOf('\'', p + 1);
            if (end < 0) throw error("unterminated string");
            String v = s.substring(p + 1, end);
            p = end + 1;
            return v;
        }
        int st = p;
        while (p < s.length()) {
            char d = s.charAt(p);
            if (Character.isWhitespace(d) || d == ',' || d == ']' || d == '}' || d == '#') break;
            p++;
        }
        String tok = s.substring(st, p);
        if (tok.isEmpty()) throw error("expected a value, found '" + VgTextReader.shown(String.valueOf(c)) + "'");
        try {
            if (tok.matches("[+-]?[0-9]+")) return Long.parseLong(tok.startsWith("+") ? tok.substring(1) : tok);
            if (tok.matches("[+-]?[0-9]*\\.[0-9]+([eE][+-]?[0-9]+)?")) return Double.parseDouble(tok);
        } catch (NumberFormatException e) {
            throw error("number out of range: " + VgTextReader.shown(tok));
        }
        throw error("bad value \"" + VgTextReader.shown(tok) + "\"");
    }

    private void skip() {
        while (p < s.length()) {
            char c = s.charAt(p);
            if (c == '\n') { line++; p++; }
            else if (Character.isWhitespace(c)) p++;
            else if (c == '#') { while (p < s.length() && s.charAt(p) != '\n') p++; }
            else return;
        }
    }
}
