#!/usr/bin/env bash
# fio on five targets, to compare ulvm's mount with a raw image file and with qemu-storage-daemon's FUSE export:
#   (a) a raw image file                 (b) an LV file in `ulvm mount` (linear LV on one PV image)
#   (c) a loop device, --direct-io=on, over (b)
#   (d) qemu-storage-daemon's FUSE export of a raw image file     (e) a loop device, --direct-io=on, over (d)
# Workloads: psync, --direct=1, BENCH_RUNTIME seconds each (default 10): sequential 1 MiB read and write
# (numjobs 1), random 4 KiB read and write at numjobs 1 and 4. Page caches are dropped before every run.
# Prints a markdown table: MiB/s for sequential, IOPS for random, each also as ratio to (a) and to (d).
#
# Needs root, fio, losetup, python3, qemu-storage-daemon (apt-get install qemu-system-common), /dev/fuse.
# Env: BENCH_RUNTIME (s, default 10), BENCH_SIZE_MIB (file/LV size, default 1024), BENCH_DIR (scratch dir on the
# disk to measure, default /var/tmp/ulvm-bench; removed afterwards), BENCH_JSON (keep fio's JSON here).
# `bench/run.sh raid` runs the raid1 benchmark instead (bench/raid.sh), `bench/run.sh pvmove` the pvmove one (bench/pvmove.sh),
# `bench/run.sh snapshot` origin writes under snapshots (bench/snapshot.sh), `bench/run.sh fsync` concurrent fsyncs
# and writes during a pvmove (bench/fsync.sh), `bench/run.sh sessions` the kernel FUSE session against libfuse 2's
# (bench/sessions.sh), `bench/run.sh legs` 1 MiB sequential writes on linear, striped and raid1 LVs per cache mode
# (bench/legs.sh).
set -euo pipefail
HERE="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
case "${1:-}" in
  raid) exec "$HERE/bench/raid.sh" ;;
  pvmove) exec "$HERE/bench/pvmove.sh" ;;
  snapshot) exec "$HERE/bench/snapshot.sh" ;;
  fsync) exec "$HERE/bench/fsync.sh" ;;
  sessions) exec "$HERE/bench/sessions.sh" ;;
  legs) shift; exec "$HERE/bench/legs.sh" "$@" ;;
  "") ;;
  *) echo "bench: unknown mode $1 (raid, pvmove, snapshot, fsync, sessions, legs or none)" >&2; exit 3 ;;
esac
RT=${BENCH_RUNTIME:-10}
SIZE_MIB=${BENCH_SIZE_MIB:-1024}
DIR=${BENCH_DIR:-/var/tmp/ulvm-bench}
ULVM="$HERE/ulvm"

for t in fio losetup python3 qemu-storage-daemon findmnt; do
  command -v "$t" >/dev/null || { echo "bench: $t is missing" >&2; exit 1; }
done
[ "$(id -u)" = 0 ] || { echo "bench: needs root (loop devices, drop_caches)" >&2; exit 1; }
[ -z "$(ls -A "$DIR" 2>/dev/null)" ] || { echo "bench: $DIR exists and is not empty" >&2; exit 1; }

mkdir -p "$DIR"/{sys,mnt,qsd}
export ULVM_SYSTEM_DIR="$DIR/sys"
RAW="$DIR/raw.img" PV="$DIR/pv.img" QIMG="$DIR/qsd.img" QFILE="$DIR/qsd/export"
LOOP_LV="" LOOP_Q="" QSD_PID=""

cleanup() {
  set +e
  [ -n "$LOOP_LV" ] && losetup -d "$LOOP_LV"
  [ -n "$LOOP_Q" ] && losetup -d "$LOOP_Q"
  sleep 0.5
  findmnt -n --mountpoint "$DIR/mnt" >/dev/null && "$ULVM" umount "$DIR/mnt" >/dev/null
  if [ -n "$QSD_PID" ]; then kill "$QSD_PID"; wait "$QSD_PID" 2>/dev/null; fi
  findmnt -n --mountpoint "$QFILE" >/dev/null && umount -l "$QFILE"
  rm -rf "$DIR"
}
trap cleanup EXIT

echo "bench: preparing ${SIZE_MIB} MiB files in $DIR (written out, not sparse)" >&2
dd if=/dev/zero of="$RAW" bs=1M count="$SIZE_MIB" conv=fsync status=none
dd if=/dev/zero of="$QIMG" bs=1M count="$SIZE_MIB" conv=fsync status=none
# the PV image: the LV plus 8 MiB for the label, metadata area and rounding to 4 MiB extents
dd if=/dev/zero of="$PV" bs=1M count=$((SIZE_MIB + 8)) conv=fsync status=none
"$ULVM" pvcreate "$PV" >/dev/null
"$ULVM" vgcreate vg "$PV" >/dev/null
"$ULVM" lvcreate -L "${SIZE_MIB}M" -n lv vg >/dev/null
"$ULVM" mount "$DIR/mnt" >/dev/null
[ "$(findmnt -n -o FSTYPE --mountpoint "$DIR/mnt")" = fuse.ulvm ] || { echo "bench: ulvm mount is not mounted" >&2; exit 1; }
LVFILE="$DIR/mnt/vg/lv"
LOOP_LV=$(losetup -f --show --direct-io=on "$LVFILE")

touch "$QFILE"
qemu-storage-daemon --blockdev driver=file,node-name=f,filename="$QIMG" \
  --export type=fuse,id=e,node-name=f,mountpoint="$QFILE",writable=on >"$DIR/qsd.log" 2>&1 &
QSD_PID=$!
for _ in $(seq 100); do [ "$(findmnt -n -o FSTYPE --mountpoint "$QFILE" 2>/dev/null)" = fuse ] && break; sleep 0.1; done
[ "$(findmnt -n -o FSTYPE --mountpoint "$QFILE")" = fuse ] || { echo "bench: qemu-storage-daemon did not mount" >&2; cat "$DIR/qsd.log" >&2; exit 1; }
LOOP_Q=$(losetup -f --show --direct-io=on "$QFILE")
for l in "$LOOP_LV" "$LOOP_Q"; do
  [ "$(cat /sys/block/${l#/dev/}/loop/dio)" = 1 ] || echo "bench: warning: $l fell back to buffered I/O (dio=0)" >&2
done

TARGETS=(a b c d e)
declare -A PATH_OF=([a]="$RAW" [b]="$LVFILE" [c]="$LOOP_LV" [d]="$QFILE" [e]="$LOOP_Q")
declare -A NAME_OF=([a]="raw image file" [b]="ulvm LV file" [c]="loop (dio) on ulvm LV" [d]="qsd FUSE export" [e]="loop (dio) on qsd export")
WORKLOADS=(seqread seqwrite randread1 randread4 randwrite1 randwrite4)
declare -A ARGS_OF=(
  [seqread]="--rw=read --bs=1M --numjobs=1"
  [seqwrite]="--rw=write --bs=1M --numjobs=1"
  [randread1]="--rw=randread --bs=4k --numjobs=1"
  [randread4]="--rw=randread --bs=4k --numjobs=4"
  [randwrite1]="--rw=randwrite --bs=4k --numjobs=1"
  [randwrite4]="--rw=randwrite --bs=4k --numjobs=4"
)
OUT="${BENCH_JSON:-$DIR/json}"
mkdir -p "$OUT"

for w in "${WORKLOADS[@]}"; do
  for t in "${TARGETS[@]}"; do
    sync
    echo 3 > /proc/sys/vm/drop_caches
    echo "bench: $w on ($t) ${NAME_OF[$t]}" >&2
    # shellcheck disable=SC2086
    fio --name="$w" --filename="${PATH_OF[$t]}" --ioengine=psync --direct=1 --size="${SIZE_MIB}M" \
        --time_based --runtime="$RT" --ramp_time=0 --group_reporting --fallocate=none --randrepeat=0 \
        ${ARGS_OF[$w]} --output-format=json --output="$OUT/$w-$t.json"
  done
done

python3 - "$OUT" "$RT" "$SIZE_MIB" <<'EOF'
import json, sys, os
out, rt, size = sys.argv[1], sys.argv[2], sys.argv[3]
targets = ["a", "b", "c", "d", "e"]
names = {"a": "(a) raw image file", "b": "(b) ulvm LV file", "c": "(c) loop dio on (b)",
         "d": "(d) qsd FUSE export", "e": "(e) loop dio on (d)"}
wl = [("seqread", "seq read 1M", "MiB/s"), ("seqwrite", "seq write 1M", "MiB/s"),
      ("randread1", "rand read 4k j1", "IOPS"), ("randread4", "rand read 4k j4", "IOPS"),
      ("randwrite1", "rand write 4k j1", "IOPS"), ("randwrite4", "rand write 4k j4", "IOPS")]
def figure(w, t, unit):
    j = json.load(open(os.path.join(out, f"{w}-{t}.json")))["jobs"][0]
    d = j["read"] if "read" in w else j["write"]
    return d["bw"] / 1024.0 if unit == "MiB/s" else d["iops"]
print(f"fio psync, --direct=1, {rt} s per run, {size} MiB files; cells: figure, ratio to (a) / ratio to (d)\n")
print("| workload | unit | " + " | ".join(names[t] for t in targets) + " |")
print("|---|---|" + "---:|" * len(targets))
for w, label, unit in wl:
    f = {t: figure(w, t, unit) for t in targets}
    cells = []
    for t in targets:
        v = f[t]
        num = f"{v:,.0f}" if unit == "IOPS" else f"{v:,.1f}"
        cells.append(f"{num} ({v / f['a']:.2f} / {v / f['d']:.2f})")
    print(f"| {label} | {unit} | " + " | ".join(cells) + " |")
EOF
