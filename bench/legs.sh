#!/usr/bin/env bash
# Multi-image writes: fio 1 MiB sequential writes (psync, --direct=1; with BENCH_WORKLOADS="seq rand4k" also 4 KiB
# random writes, psync, --direct=1, 4 jobs) on a linear LV, a 2-stripe LV (64 KiB stripes)
# and a synced 2-leg raid1 LV, each 512 MiB, on one VG of three PV images, with --cache writeback and none.
# Usage: bench/legs.sh [LABEL=LAUNCHER ...] (default: this tree's ulvm). Each launcher mounts the same images in
# turn, round after round, so builds compare within one run (e.g. base=/tmp/ulvm-base/ulvm new=./ulvm). Prints a
# markdown table of medians.
# Env: BENCH_RUNTIME (s per fio run, default 6), BENCH_ROUNDS (default 3), BENCH_CACHES (default "writeback none"),
# BENCH_WORKLOADS (default seq), BENCH_DIR (scratch, removed).
set -euo pipefail
HERE="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
RT=${BENCH_RUNTIME:-6}
CACHES=${BENCH_CACHES:-writeback none}
WORKLOADS=${BENCH_WORKLOADS:-seq}
DIR=${BENCH_DIR:-/var/tmp/ulvm-bench-legs}
[ $# -gt 0 ] || set -- "this=$HERE/ulvm"
for t in fio python3 findmnt; do command -v "$t" >/dev/null || { echo "bench: $t is missing" >&2; exit 1; }; done
[ "$(id -u)" = 0 ] || { echo "bench: needs root" >&2; exit 1; }
[ -z "$(ls -A "$DIR" 2>/dev/null)" ] || { echo "bench: $DIR exists and is not empty" >&2; exit 1; }
mkdir -p "$DIR"/{sys,mnt,json}
export ULVM_SYSTEM_DIR="$DIR/sys" ULVM_SKIP_BUILD=1
LOG="$DIR/sys/run/ulvmd.log"
ULVM=${1#*=}
cleanup() {
  set +e
  findmnt -n --mountpoint "$DIR/mnt" >/dev/null && "$ULVM" umount "$DIR/mnt" >/dev/null
  rm -rf "$DIR"
}
trap cleanup EXIT

PVS=()
for i in 0 1 2; do
  dd if=/dev/zero of="$DIR/pv$i.img" bs=1M count=1100 conv=fsync status=none
  PVS+=("$DIR/pv$i.img")
done
"$ULVM" pvcreate "${PVS[@]}" >/dev/null
"$ULVM" vgcreate vg "${PVS[@]}" >/dev/null
"$ULVM" mount "$DIR/mnt" >/dev/null
"$ULVM" lvcreate -L 512M -n lin vg "${PVS[2]}" >/dev/null
"$ULVM" lvcreate -i 2 -I 64k -L 512M -n st vg "${PVS[0]}" "${PVS[1]}" >/dev/null
"$ULVM" lvcreate --type raid1 -m 1 -L 512M -n r1 vg "${PVS[0]}" "${PVS[1]}" >/dev/null
until grep -q "vg/r1: initial sync of r1_rimage_1 done" "$LOG" 2>/dev/null; do sleep 0.1; done
"$ULVM" umount "$DIR/mnt" >/dev/null

ROUNDS=${BENCH_ROUNDS:-3}
for round in $(seq "$ROUNDS"); do # the builds take turns, so a burst of load on the shared machine hits each
  for arg in "$@"; do
    label=${arg%%=*}; ULVM=${arg#*=}
    for c in $CACHES; do
      "$ULVM" mount --cache "$c" "$DIR/mnt" >/dev/null
      for w in $WORKLOADS; do
        case $w in
          seq) args=(--rw=write --bs=1M) ;;
          rand4k) args=(--rw=randwrite --bs=4k --numjobs=4 --group_reporting --randrepeat=0) ;;
          *) echo "bench: unknown workload $w" >&2; exit 1 ;;
        esac
        for lv in lin st r1; do
          sync; echo 3 > /proc/sys/vm/drop_caches
          echo "bench: round $round $label cache=$c $w $lv" >&2
          fio --name="$w" --filename="$DIR/mnt/vg/$lv" --ioengine=psync --direct=1 "${args[@]}" --size=512M \
              --time_based --runtime="$RT" --fallocate=none --output-format=json --output="$DIR/json/$label-$c-$w-$lv-$round.json" >/dev/null
        done
      done
      "$ULVM" umount "$DIR/mnt" >/dev/null
    done
  done
done
python3 - "$DIR/json" "$CACHES" "$WORKLOADS" "$@" <<'PY'
import json, os, statistics, sys
d, caches, workloads, builds = sys.argv[1], sys.argv[2].split(), sys.argv[3].split(), [a.split('=', 1)[0] for a in sys.argv[4:]]
def bw(label, c, w, lv):
    v = [json.load(open(os.path.join(d, f)))['jobs'][0]['write']['bw'] / 1024 for f in os.listdir(d) if f.startswith(f'{label}-{c}-{w}-{lv}-')]
    return statistics.median(v), min(v), max(v)
names = {'seq': '1 MiB sequential writes', 'rand4k': '4 KiB random writes, 4 jobs'}
for w in workloads:
    print(f'\n{names[w]}:\n')
    print('| build | cache | linear MiB/s | striped MiB/s | raid1 MiB/s | striped/linear | raid1/linear |')
    print('|---|---|---:|---:|---:|---:|---:|')
    for b in builds:
        for c in caches:
            (l, l0, l1), (s, s0, s1), (r, r0, r1) = bw(b, c, w, 'lin'), bw(b, c, w, 'st'), bw(b, c, w, 'r1')
            print(f'| {b} | {c} | {l:.0f} ({l0:.0f}-{l1:.0f}) | {s:.0f} ({s0:.0f}-{s1:.0f}) | {r:.0f} ({r0:.0f}-{r1:.0f}) | {s/l:.2f} | {r/l:.2f} |')
print('medians of', len([f for f in os.listdir(d) if f.startswith(f'{builds[0]}-{caches[0]}-{workloads[0]}-lin-')]), 'runs (min-max)')
PY
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
