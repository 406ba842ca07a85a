package ulvm.report;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import ulvm.api.LvmException;
import ulvm.report.Field.Kind;
import ulvm.report.Selection.Node;

/**
 * libdm's selection parser (_parse_or_ex, _parse_and_ex, _parse_ex, _parse_selection and the _tok_* tokenizers), with
 * its messages. Each failure ends the parse with the lines LVM2 logs for it.
 */
final class SelectionParser {
    static final String AND = "&&,", OR = "||#";
    private static final String[] LOG_OPS = {"&&", ",", "||", "#", "!", "(", ")", "[", "]", "{", "}"};
    private static final String[] CMP_OPS = {"=~", "!~", "=", "!=", ">=", ">", "<=", "<", "since", "after", "until", "before"};

    private final String s;
    private final ReportType base;
    private final Set<ReportType> types = EnumSet.noneOf(ReportType.class);
    /** The lines logged so far (LVM2 logs each as it finds it). */
    final List<String> log = new ArrayList<>();

    SelectionParser(String s, ReportType base) {
        this.s = s;
        this.base = base;
    }

    Set<ReportType> types() { return types; }

    /** A failure whose lines are already in {@link #log}. */
    static final class Fail extends Exception {
        Fail() { super(null, null, false, false); }
    }

    Node parse() throws LvmException {
        try {
            int[] next = {0};
            Node n = orEx(0, next);
            int rest = skipSpace(next[0]);
            if (rest < s.length()) {
                log.add("Expecting logical operator");
                syntaxError(rest);
                throw new Fail();
            }
            return n;
        } catch (Fail f) {
            throw new LvmException(String.join("\n", log));
        }
    }

    // ---- grammar ----

    private Node orEx(int at, int[] next) throws Fail {
        List<Node> set = new ArrayList<>();
        int p = at;
        while (true) {
            set.add(andEx(p, next));
            int op = tokOp(next[0], LOG_OPS, OR);
            if (op < 0) break;
            p = op;
        }
        return set.size() == 1 ? set.get(0) : new Selection.Or(set);
    }

    private Node andEx(int at, int[] next) throws Fail {
        List<Node> set = new ArrayList<>();
        int p = at;
        while (true) {
            set.add(ex(p, next));
            int op = tokOp(next[0], LOG_OPS, AND);
            if (op < 0) break;
            p = op;
        }
        return set.size() == 1 ? set.get(0) : new Selection.And(set);
    }

    private Node ex(int at, int[] next) throws Fail {
        int after = tokOp(at, LOG_OPS, "!");
        if (after >= 0) {
            int ps = tokOp(after, LOG_OPS, "(");
            if (ps < 0) fail("Syntax error: left parenthesis expected at '" + s.substring(skipSpace(after)) + "'");
            Node n = orEx(ps, next);
            int pe = tokOp(next[0], LOG_OPS, ")");
            if (pe < 0) fail("Syntax error: right parenthesis expected at '" + s.substring(skipSpace(next[0])) + "'");
            next[0] = pe;
            return new Selection.Not(n);
        }
        int ps = tokOp(at, LOG_OPS, "(");
        if (ps >= 0) {
            Node n = orEx(ps, next);
            int pe = tokOp(next[0], LOG_OPS, ")");
            if (pe < 0) fail("Syntax error: right parenthesis expected at '" + s.substring(skipSpace(next[0])) + "'");
            next[0] = pe;
            return n;
        }
        return selection(skipSpace(at), next);
    }

    /** FIELD OP VALUE. */
    private Node selection(int at, int[] next) throws Fail {
        int we = at;
        while (we < s.length() && (Character.isLetterOrDigit(s.charAt(we)) || s.charAt(we) == '_' || s.charAt(we) == '-')) we++;
        if (we == at) syntaxFail("Expecting field name", at);
        String name = s.substring(at, we);
        Field f = Fields.find(name, base);
        if (f == null) syntaxFail("Unrecognised selection field: " + name, at);
        types.add(f.type());
        int opEnd = skipSpace(we);
        String op = null;
        for (String c : CMP_OPS) if (s.startsWith(c, opEnd)) { op = c; break; }
        if (op == null) {
            log.addAll(SelectionHelp.operators());
            syntaxFail("Unrecognised comparison operator: " + s.substring(we), at);
        }
        int v = opEnd + op.length();
        boolean regex = op.endsWith("~");
        boolean numeric = op.startsWith(">") || op.startsWith("<");
        boolean timeOnly = Character.isLetter(op.charAt(0));
        Kind k = f.kind();
        boolean str = k == Kind.STR || k == Kind.STRLIST;
        // LVM2 2.03.16 matches regular expressions on strings only (string lists came with 2.03.17)
        if (regex && k != Kind.STR) fail("dm_report: incompatible comparison type for selection field " + f.id());
        if (numeric && str) {
            log.addAll(SelectionHelp.operators());
            syntaxFail("Operator can be used only with number, size, time or percent fields: " + s.substring(at), at);
        }
        if (timeOnly && k != Kind.TIM) {
            log.addAll(SelectionHelp.operators());
            syntaxFail("Operator can be used only with time fields: " + s.substring(at), at);
        }
        SelectionValue.Parsed val;
        try {
            val = new SelectionValue(this, s, f, regex).parse(v);
        } catch (SelectionValue.SyntaxFail e) {
            syntaxError(at);
            throw new Fail();
        }
        next[0] = skipSpace(val.end());
        return new SelectionCompare(f, op, val);
    }

    // ---- tokens ----

    int skipSpace(int p) {
        while (p < s.length() && Character.isWhitespace(s.charAt(p))) p++;
        return p;
    }

    /** libdm's _tok_op: after blanks, one of {@code ops} that is in {@code expect}; the index after it, or -1. */
    int tokOp(int at, String[] ops, String expect) {
        int p = skipSpace(at);
        for (String o : ops) {
            if (!isIn(o, expect)) continue;
            if (s.startsWith(o, p)) return p + o.length();
        }
        return -1;
    }

    private static boolean isIn(String op, String expect) {
        return switch (expect) {
            case AND -> op.equals("&&") || op.equals(",");
            case OR -> op.equals("||") || op.equals("#");
            default -> op.equals(expect);
        };
    }

    /** Whether a logical operator of {@code flags} ("&&,||#)" style list) starts at {@code p}: what ends an unquoted word. */
    String logOpAt(int p, String ops) {
        for (String o : LOG_OPS) if (ops.contains(o) && s.startsWith(o, p)) return o;
        return null;
    }

    void fail(String line) throws Fail {
        log.add(line);
        throw new Fail();
    }

    private void syntaxFail(String line, int at) throws Fail {
        log.add(line);
        syntaxError(at);
        throw new Fail();
    }

    private void syntaxError(int at) {
        log.add("Selection syntax error at '" + s.substring(at) + "'.");
        log.add("Use 'help' for selection to get more help.");
    }
}
