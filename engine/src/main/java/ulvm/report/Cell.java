package ulvm.report;

/** One value of a report: the text printed and the key it sorts by (Long, Double or String). */
record Cell(String text, Comparable<?> sort) {
    static final Cell EMPTY = new Cell("", "");

    static Cell str(String s) { return new Cell(s == null ? "" : s, s == null ? "" : s); }

    static Cell num(long n) { return new Cell(Long.toString(n), n); }

    static Cell size(long sectors, Units u) { return new Cell(u.unit(sectors), sectors); }

    static Cell bin(boolean on, String word) { return new Cell(on ? word : "", on ? 1L : 0L); }
}
