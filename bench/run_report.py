#!/usr/bin/env python3
"""The report of bench/run.sh: reads fio's JSON (WORKLOAD-TARGET.json), writes a dated markdown section (figures,
ratios, the issue 15 aims held or missed) into the benchmarks doc below its marker line, and a gnuplot PNG chart
beside the doc. --doc - prints the section only (and draws no chart)."""
import argparse
import datetime
import json
import os
import platform
import subprocess
import sys

MARKER = "<!-- bench/run.sh adds each run below this line -->"
WORKLOADS = [("seqread", "seq read 1M", "MiB/s"), ("seqwrite", "seq write 1M", "MiB/s"),
             ("randread1", "rand read 4k j1", "IOPS"), ("randread4", "rand read 4k j4", "IOPS"),
             ("randwrite1", "rand write 4k j1", "IOPS"), ("randwrite4", "rand write 4k j4", "IOPS")]
SEQ = ["seqread", "seqwrite"]
ALL = [w for w, _, _ in WORKLOADS]
TARGETS = [("raw-odirect", "raw O_DIRECT"), ("raw-buffered", "raw buffered"), ("raw-loop", "loop dio on raw"),
           ("null", "null volume"), ("b", "(b) LV file"), ("c", "(c) loop dio on (b)"),
           ("d", "(d) qsd export"), ("e", "(e) loop dio on (d)"), ("striped", "striped LV (2 PVs)"),
           ("raid1", "raid1 LV (2 legs)"), ("cache-none", "(b) --cache none"), ("libfuse2", "(b) libfuse2")]
COLORS = {"raw-odirect": "#4d4d4d", "raw-buffered": "#969696", "raw-loop": "#cccccc", "null": "#f0c000",
          "b": "#1a9850", "c": "#91cf60", "d": "#d73027", "e": "#fc8d59", "striped": "#4575b4", "raid1": "#91bfdb",
          "cache-none": "#762a83", "libfuse2": "#c2a5cf"}
# ratio name, numerator, denominator
RATIOS = [("(b)/null", "b", "null"), ("(b)/raw buffered", "b", "raw-buffered"), ("(b)/(d)", "b", "d"),
          ("(c)/(e)", "c", "e"), ("raid1/linear", "raid1", "b"), ("striped/linear", "striped", "b"),
          ("cache-none/raw O_DIRECT", "cache-none", "raw-odirect"), ("kernel/libfuse2", "b", "libfuse2")]
# aim text, ratio name, workloads it covers, at least
AIMS = [("(b) at least 0.8x the null volume on every row", "(b)/null", ALL, 0.8),
        ("1 MiB sequential on (b) at least 0.9x raw buffered", "(b)/raw buffered", SEQ, 0.9),
        ("(b) at least 1.2x (d) on every row", "(b)/(d)", ALL, 1.2),
        ("(c) at least 1.2x (e) on every row", "(c)/(e)", ALL, 1.2),
        ("raid1 sequential writes at least 0.8x linear", "raid1/linear", ["seqwrite"], 0.8),
        ("striped at least linear (every row)", "striped/linear", ALL, 1.0),
        ("--cache none at least 0.8x raw O_DIRECT on sequential I/O", "cache-none/raw O_DIRECT", SEQ, 0.8)]


def figure(out, w, t, unit):
    path = os.path.join(out, f"{w}-{t}.json")
    if not os.path.exists(path):
        return None
    j = json.load(open(path))["jobs"][0]
    d = j["read"] if "read" in w else j["write"]
    return d["bw"] / 1024.0 if unit == "MiB/s" else d["iops"]


def fmt(v, unit):
    if v is None:
        return "n/a"
    return f"{v:,.0f}" if unit == "IOPS" or v >= 100 else f"{v:,.1f}"


def tool_version(cmd):
    try:
        return subprocess.run(cmd, capture_output=True, text=True).stdout.strip().splitlines()[0]
    except (OSError, IndexError):
        return "?"


def section(a, figs, ratios, chart, now):
    lines = [f"## Run of {now:%Y-%m-%d %H:%M} UTC (issue 15: both sessions, the null volume, raid, --cache none)", "",
             f"fio psync, {a.runtime} s per workload, {a.size} MiB files and LVs, page caches dropped before every run; "
             f"--direct=1 on every target except raw buffered. {os.cpu_count()} CPUs, kernel {platform.release()}, "
             f"{tool_version(['fio', '--version'])}, 1-min load average {a.load}. The machine is a shared VM: other "
             "engineers' builds and tests run on the same 2 CPUs, so single figures are noisy (differences under "
             "~25% are not significant). MiB/s for sequential rows, IOPS for random ones.", ""]
    if a.cache_none != "yes":
        lines += ["`--cache none`: n/a (no --cache option in `ulvm mount --help` on this build).", ""]
    lines += ["| workload | unit | " + " | ".join(n for _, n in TARGETS) + " |", "|---|---|" + "---:|" * len(TARGETS)]
    for w, label, unit in WORKLOADS:
        lines.append(f"| {label} | {unit} | " + " | ".join(fmt(figs[w][t], unit) for t, _ in TARGETS) + " |")
    lines += ["", "Ratios within this run:", "",
              "| workload | " + " | ".join(r for r, _, _ in RATIOS) + " |", "|---|" + "---:|" * len(RATIOS)]
    for w, label, _ in WORKLOADS:
        cells = ["n/a" if ratios[r][w] is None else f"{ratios[r][w]:.2f}" for r, _, _ in RATIOS]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    lines += ["", "Aims:", ""]
    for text, r, ws, least in AIMS:
        got = [(ratios[r][w], w) for w in ws if ratios[r][w] is not None]
        if not got:
            lines.append(f"- {text}: n/a (no --cache option)")
            continue
        misses = [f"{dict((x, l) for x, l, _ in WORKLOADS)[w]} {v:.2f}" for v, w in got if round(v, 2) < least]
        worst = min(got)[0]
        lines.append(f"- {text}: **{'holds' if not misses else 'missed'}** (lowest {worst:.2f}"
                     + ("" if not misses else "; below: " + ", ".join(misses)) + ")")
    if a.requests:
        lines += ["", f"Request sizes the kernel session saw during (b), (c), striped and raid1: `{a.requests}`."]
    if chart:
        lines += ["", f"![figures of this run]({os.path.basename(chart)})"]
    return "\n".join(lines) + "\n"


def draw(chart, figs, workdir):
    """Two clustered bar panels: sequential MiB/s and random IOPS, one bar per target."""
    cols = [t for t, _ in TARGETS if any(figs[w][t] is not None for w in ALL)]
    names = dict(TARGETS)
    for part, ws in (("seq", SEQ), ("rand", ALL[2:])):
        with open(os.path.join(workdir, f"{part}.dat"), "w") as f:
            f.write("workload " + " ".join(f'"{names[t]}"' for t in cols) + "\n")
            for w in ws:
                label = dict((x, l) for x, l, _ in WORKLOADS)[w]
                f.write(f'"{label}" ' + " ".join(str(figs[w][t] or 0) for t in cols) + "\n")
    n = len(cols) + 1
    colors = " ".join(COLORS[t] for t in cols)
    script = f"""set terminal pngcairo size 1600,650 font ',10' noenhanced
set output '{chart}'
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.85 border -1
set key outside bottom center horizontal maxrows 2
set grid ytics
set yrange [0:*]
set offsets 0, 0, graph 0.05, 0
set multiplot layout 1,2 title 'ulvm bench/run.sh: fio psync (see docs/benchmarks.md)'
set title 'sequential 1 MiB (MiB/s)'
colors = '{colors}'
set xrange [-0.5:1.5]
plot for [i=2:{n}] '{workdir}/seq.dat' using i:xtic(1) title columnheader(i) lc rgb word(colors, i-1)
set title 'random 4 KiB (IOPS)'
set xrange [-0.5:3.5]
plot for [i=2:{n}] '{workdir}/rand.dat' using i:xtic(1) title columnheader(i) lc rgb word(colors, i-1)
unset multiplot
"""
    subprocess.run(["gnuplot"], input=script, text=True, check=True)


def main():
    p = argparse.ArgumentParser()
    for opt in ("--json", "--runtime", "--size", "--load", "--cache-none", "--requests", "--doc"):
        p.add_argument(opt, default="")
    a = p.parse_args()
    units = {w: u for w, _, u in WORKLOADS}
    figs = {w: {t: figure(a.json, w, t, units[w]) for t, _ in TARGETS} for w in ALL}
    ratios = {r: {w: (None if figs[w][x] is None or not figs[w][y] else figs[w][x] / figs[w][y]) for w in ALL}
              for r, x, y in RATIOS}
    now = datetime.datetime.now(datetime.timezone.utc)
    if a.doc == "-":
        sys.stdout.write(section(a, figs, ratios, None, now))
        return
    chart = os.path.join(os.path.dirname(os.path.abspath(a.doc)), f"benchmarks-{now:%Y-%m-%d}.png")
    draw(chart, figs, a.json)
    text = section(a, figs, ratios, chart, now)
    doc = open(a.doc).read() if os.path.exists(a.doc) else MARKER + "\n"
    if MARKER not in doc:
        doc = doc.rstrip("\n") + "\n\n" + MARKER + "\n"
    head, tail = doc.split(MARKER, 1)
    with open(a.doc, "w") as f:
        f.write(head + MARKER + "\n\n" + text + tail)
    sys.stdout.write(text)
    print(f"bench: section added to {a.doc}, chart {chart}", file=sys.stderr)


if __name__ == "__main__":
    main()
