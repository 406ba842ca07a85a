#!/usr/bin/env bash
# Thin LVs (issue 20): fio (psync, --direct=1, numjobs 1) on a thin LV file of `ulvm mount` against the linear LV
# file and the raw image file, with 0, 1 and 10 snapshots of the thin LV. Per target and pattern (sequential 1 MiB,
# random 4 KiB): a first write pass, a second (overwrite) pass, then a read pass. The first pass makes one pass over
# the file at most (no --time_based: it stops after one pass or the runtime), so it writes every block once: on a
# fresh thin LV (0 snapshots) each chunk is provisioned by its first write; with snapshots (taken after the thin LV
# was written in full, untimed) each chunk's first write breaks its sharing. The overwrite and read passes run for
# the whole runtime (--time_based, wrapping around the file), so their figures are not a fraction of a second's.
# The raw file and the linear LV are written out before, so their two passes are both overwrites. Then the time of
# `ulvm lvcreate -s` of a 1 GiB and of a 100 GiB thin LV (each with BENCH_SNAP_MIB written; the median of 3), which
# should not depend on the size. An untimed pass over a thin LV warms the daemon up first. Prints a markdown table (MiB/s or IOPS, in brackets the ratio to the linear LV file /
# to the raw file) and the snapshot times. Issue 20's aims: overwrites at 0.9x of linear or better, first writes at
# 0.5x or better, snapshot creation in constant time.
#
# Needs root, fio, python3, /dev/fuse. Env: BENCH_RUNTIME (s per fio pass, default 10), BENCH_SIZE_MIB (thin LV,
# linear LV and raw file size, default 1024), BENCH_SNAP_MIB (written to each thin LV of the lvcreate -s timing,
# default 64), BENCH_CHUNK (the pool's chunk size, default LVM2's 64k), BENCH_DIR (scratch, default
# /var/tmp/ulvm-bench-thin; removed afterwards), BENCH_CONFIGS (default "raw linear thin0 thin1 thin10"),
# BENCH_PATTERNS (default "seq rand"), BENCH_MOUNT_OPTS (options of `ulvm mount`).
set -euo pipefail
HERE="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
RT=${BENCH_RUNTIME:-10}
SIZE=${BENCH_SIZE_MIB:-1024}
SNAP_MIB=${BENCH_SNAP_MIB:-64}
CHUNK=${BENCH_CHUNK:-64k}
DIR=${BENCH_DIR:-/var/tmp/ulvm-bench-thin}
ULVM="$HERE/ulvm"
for t in fio python3 findmnt; do command -v "$t" >/dev/null || { echo "bench: $t is missing" >&2; exit 1; }; done
[ "$(id -u)" = 0 ] || { echo "bench: needs root (drop_caches, FUSE)" >&2; exit 1; }
[ -z "$(ls -A "$DIR" 2>/dev/null)" ] || { echo "bench: $DIR exists and is not empty" >&2; exit 1; }
mkdir -p "$DIR"/{sys,mnt,json}
export ULVM_SYSTEM_DIR="$DIR/sys"
RAW="$DIR/raw.img" PV="$DIR/pv.img" MNT="$DIR/mnt"
POOL_MIB=$((2 * SIZE + 2 * SNAP_MIB + 64)) # a thin LV written in full, its copies after snapshots, the timing's LVs
cleanup() {
  set +e
  findmnt -n --mountpoint "$MNT" >/dev/null && "$ULVM" umount "$MNT" >/dev/null
  rm -rf "$DIR"
}
trap cleanup EXIT

dd if=/dev/zero of="$RAW" bs=1M count="$SIZE" conv=fsync status=none
dd if=/dev/zero of="$PV" bs=1M count=$((SIZE + POOL_MIB + 64)) conv=fsync status=none
"$ULVM" pvcreate "$PV" >/dev/null
"$ULVM" vgcreate vg "$PV" >/dev/null
"$ULVM" lvcreate -L "${SIZE}M" -n lin vg >/dev/null
"$ULVM" lvcreate --type thin-pool -L "${POOL_MIB}M" -c "$CHUNK" -n pool vg >/dev/null
# shellcheck disable=SC2086
"$ULVM" mount ${BENCH_MOUNT_OPTS:-} "$MNT" >/dev/null
for _ in $(seq 200); do [ -e "$MNT/vg/lin" ] && break; sleep 0.05; done
dd if=/dev/urandom of="$MNT/vg/lin" bs=1M count="$SIZE" conv=fsync,notrunc status=none

declare -A ARGS=([seqwrite]="--rw=write --bs=1M" [randwrite]="--rw=randwrite --bs=4k"
                 [seqread]="--rw=read --bs=1M" [randread]="--rw=randread --bs=4k")
pass() { # pass NAME FILE FIO-WORKLOAD: fio for the runtime (a first pass: one pass at most), JSON in DIR/json/NAME.json
  sync; echo 3 > /proc/sys/vm/drop_caches
  echo "bench: $1" >&2
  local timed=--time_based
  case $1 in *-first-*) timed= ;; esac
  # shellcheck disable=SC2086
  fio --name="$1" --filename="$2" --ioengine=psync --direct=1 --size="${SIZE}M" --numjobs=1 $timed \
      --runtime="$RT" --group_reporting --fallocate=none --randrepeat=0 ${ARGS[$3]} \
      --output-format=json --output="$DIR/json/$1.json"
}
thin_lv() { # thin_lv NAME VSIZE: a thin LV of the pool, on the running mount; waits for its file
  "$ULVM" lvcreate -V "$2" -T vg/pool -n "$1" >/dev/null
  for _ in $(seq 200); do [ -e "$MNT/vg/$1" ] && return; sleep 0.05; done
  echo "bench: $MNT/vg/$1 did not appear" >&2; exit 1
}

# an untimed warm-up of the daemon's thin path (the first target measured would pay for its JIT otherwise)
thin_lv warm "${SIZE}M"
dd if=/dev/urandom of="$MNT/vg/warm" bs=1M count="$SIZE" conv=fsync,notrunc status=none
dd if="$MNT/vg/warm" of=/dev/null bs=1M status=none
"$ULVM" lvremove -f vg/warm >/dev/null

read -r -a CONFIGS <<< "${BENCH_CONFIGS:-raw linear thin0 thin1 thin10}"
read -r -a PATTERNS <<< "${BENCH_PATTERNS:-seq rand}"
for c in "${CONFIGS[@]}"; do
  for p in "${PATTERNS[@]}"; do
    snaps=0
    case $c in
      raw) target="$RAW" ;;
      linear) target="$MNT/vg/lin" ;;
      thin*)
        snaps=${c#thin}
        thin_lv t "${SIZE}M"
        target="$MNT/vg/t"
        if [ "$snaps" -gt 0 ]; then
          dd if=/dev/urandom of="$target" bs=1M count="$SIZE" conv=fsync,notrunc status=none
          for i in $(seq "$snaps"); do "$ULVM" lvcreate -s vg/t -n "s$i" >/dev/null; done
        fi ;;
    esac
    pass "$p-first-$c" "$target" "${p}write"
    pass "$p-over-$c" "$target" "${p}write"
    pass "$p-read-$c" "$target" "${p}read"
    if [ "$c" != raw ] && [ "$c" != linear ]; then
      for i in $(seq "$snaps"); do "$ULVM" lvremove -f "vg/s$i" >/dev/null; done
      "$ULVM" lvremove -f vg/t >/dev/null
    fi
  done
done

# lvcreate -s of a 1 GiB and a 100 GiB thin LV (over-provisioned: LVM2's warnings go to stderr)
for v in 1G 100G; do
  thin_lv "v$v" "$v"
  dd if=/dev/urandom of="$MNT/vg/v$v" bs=1M count="$SNAP_MIB" conv=fsync,notrunc status=none
  for i in 1 2 3; do
    t0=$(date +%s.%N)
    "$ULVM" lvcreate -s "vg/v$v" -n "v$v-s$i" >/dev/null 2>&1
    t1=$(date +%s.%N)
    echo "$v $i $t0 $t1" >> "$DIR/json/snaptimes"
  done
done

python3 - "$DIR/json" "$RT" "$SIZE" "$CHUNK" "$SNAP_MIB" <<'EOF'
import json, os, statistics, sys
out, rt, size, chunk, snapmib = sys.argv[1:6]
cfgs = [("raw", "raw image file"), ("linear", "linear LV file"), ("thin0", "thin LV"),
        ("thin1", "thin LV, 1 snapshot"), ("thin10", "thin LV, 10 snapshots")]
def fig(name):
    try:
        j = json.load(open(os.path.join(out, name + ".json")))["jobs"][0]
    except FileNotFoundError:
        return None
    d = j["read"] if "-read-" in name else j["write"]
    return d["bw"] / 1024.0 if name.startswith("seq") else d["iops"]
def cell(p, kind, c):
    v = fig(f"{p}-{kind}-{c}")
    if v is None:
        return "-"
    ratios = [f"{v / r:.2f}" for r in (fig(f"{p}-{kind}-linear"), fig(f"{p}-{kind}-raw")) if r]
    return f"{v:,.{1 if p == 'seq' else 0}f}" + (f" ({' / '.join(ratios)})" if ratios else "")
print(f"fio psync --direct=1, numjobs 1, on {size} MiB; first writes one pass or {rt} s, the others {rt} s, pool chunk {chunk}; "
      "in brackets the ratio to the linear LV file / to the raw file. First writes: provisioning on a fresh thin LV, "
      "breaking the sharing with snapshots; the raw file and the linear LV hold data already (overwrites).\n")
cols = [(p, k) for p in ("seq", "rand") for k in ("first", "over", "read")]
head = {"seq": "1M seq", "rand": "4k rand"}
unit = {"seq": "MiB/s", "rand": "IOPS"}
name = {"first": "first write", "over": "overwrite", "read": "read"}
print("| target | " + " | ".join(f"{head[p]} {name[k]} {unit[p]}" for p, k in cols) + " |")
print("|---|" + "---:|" * len(cols))
for c, label in cfgs:
    if all(fig(f"{p}-{k}-{c}") is None for p, k in cols):
        continue
    print(f"| {label} | " + " | ".join(cell(p, k, c) for p, k in cols) + " |")
times = {}
path = os.path.join(out, "snaptimes")
if os.path.exists(path):
    for line in open(path):
        v, i, t0, t1 = line.split()
        times.setdefault(v, []).append(float(t1) - float(t0))
    print(f"\n`ulvm lvcreate -s` of a thin LV with {snapmib} MiB written (the whole command, JVM start included; median of 3):\n")
    print("| thin LV | lvcreate -s s |")
    print("|---|---:|")
    for v, ts in times.items():
        print(f"| {v} | {statistics.median(ts):.2f} |")
EOF
