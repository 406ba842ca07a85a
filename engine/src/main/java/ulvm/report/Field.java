package ulvm.report;

import java.util.function.BiFunction;

/**
 * One report field: LVM2 id, column heading, minimum width (0 = the heading's length), kind and the
 * object type it belongs to. Numbers and sizes are right-aligned, everything else left-aligned.
 */
record Field(String id, String heading, int width, Kind kind, ReportType type, BiFunction<Row, ReportOptions, Cell> value) {
    enum Kind { STR, STRLIST, NUM, SIZ, PCT, BIN, TIM }

    int minWidth() { return width != 0 ? width : heading.length(); }

    boolean rightAligned() { return kind == Kind.NUM || kind == Kind.SIZ || kind == Kind.BIN; }
}
