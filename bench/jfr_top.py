#!/usr/bin/env python3
"""jfr_top.py RECORDING.jfr [N]: what a JFR recording of the ulvm daemon (bench/profile.sh) says, from `jfr print
--json`: the average CPU load (JVM user, JVM system, machine), then Java samples (jdk.ExecutionSample) and native
samples (jdk.NativeMethodSample) counted by top frame and by the first frame of ulvm's own code, N lines each
(default 12); and the file I/O JFR timed (jdk.FileWrite, jdk.FileRead, jdk.FileForce over their threshold, 1 ms in
bench/profile.sh) by event, size and file: count, total and longest duration."""
import collections
import json
import re
import subprocess
import sys


def events(jfr, kind):
    out = subprocess.run(["jfr", "print", "--json", "--events", kind, jfr], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)["recording"]["events"]


def name(frame):
    m = frame["method"]
    return f"{m['type']['name'].replace('/', '.')}.{m['name']}"


def top(samples, n, title):
    by_top, by_ulvm, threads = collections.Counter(), collections.Counter(), collections.Counter()
    for e in samples:
        frames = (e["values"].get("stackTrace") or {}).get("frames") or []
        if not frames:
            continue
        by_top[name(frames[0])] += 1
        own = next((name(f) for f in frames if name(f).startswith("ulvm.")), "(no ulvm frame)")
        by_ulvm[own] += 1
        t = e["values"].get("sampledThread") or {}
        threads[(t.get("javaName") or t.get("osName") or "?").rstrip("0123456789")] += 1
    total = sum(by_top.values())
    print(f"\n{title}: {total} samples; by thread: "
          + ", ".join(f"{t}* {c}" for t, c in threads.most_common(6)))
    for label, counter in (("top frame", by_top), ("first ulvm frame", by_ulvm)):
        print(f"  by {label}:")
        for f, c in counter.most_common(n):
            print(f"    {100.0 * c / max(total, 1):5.1f}%  {c:6d}  {f}")


def seconds(iso):
    m = re.fullmatch(r"PT(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?", iso or "PT0S")
    h, mi, sec = m.groups() if m else (0, 0, 0)
    return int(h or 0) * 3600 + int(mi or 0) * 60 + float(sec or 0)


def file_io(jfr):
    groups = collections.defaultdict(list)
    for kind, size in (("jdk.FileWrite", "bytesWritten"), ("jdk.FileRead", "bytesRead"), ("jdk.FileForce", None)):
        for e in events(jfr, kind):
            v = e["values"]
            groups[(kind, v.get(size, "") if size else "", v.get("path", "?"))].append(seconds(v.get("duration")))
    print("\nfile I/O over the threshold (event, bytes, file: count, total s, longest ms):")
    for (kind, size, path), ds in sorted(groups.items(), key=lambda kv: -sum(kv[1])):
        print(f"    {kind} {size} {path}: {len(ds)}, {sum(ds):.2f} s, {1000 * max(ds):.1f} ms")


def main():
    jfr = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 12
    loads = [e["values"] for e in events(jfr, "jdk.CPULoad")]
    if loads:
        avg = {k: sum(v[k] for v in loads) / len(loads) for k in ("jvmUser", "jvmSystem", "machineTotal")}
        print(f"CPU load (share of all CPUs, mean of {len(loads)} samples): JVM user {avg['jvmUser']:.2f}, "
              f"JVM system {avg['jvmSystem']:.2f}, machine {avg['machineTotal']:.2f}")
    top(events(jfr, "jdk.ExecutionSample"), n, "Java samples (jdk.ExecutionSample)")
    top(events(jfr, "jdk.NativeMethodSample"), n, "native samples (jdk.NativeMethodSample)")
    file_io(jfr)


if __name__ == "__main__":
    main()
