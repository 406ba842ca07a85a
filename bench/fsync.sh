#!/usr/bin/env bash
# Concurrent fsyncs and writes during a pvmove (issue 14), in one run (run by `bench/run.sh fsync`):
#   1. fio randwrite 4 KiB, 4 jobs, an fsync after every write: (a) a raw image file, (b) a linear LV file;
#   2. fio randwrite 4 KiB, 1 job, on a linear LV file: (c) while a mounted `pvmove` moves it, (d) with no move.
# ULVM (default: this checkout's launcher) picks the build to measure, so one script compares two builds.
# Prints a markdown table (IOPS; p99 completion latency in µs). Needs root, fio, /dev/fuse.
# Env: BENCH_RUNTIME (s, default 8), BENCH_SIZE_MIB (default 3072: the move outlasts (c)), BENCH_DIR (default /var/tmp/ulvm-bench-fsync).
set -euo pipefail
HERE="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
ULVM=${ULVM:-$HERE/ulvm}
RT=${BENCH_RUNTIME:-8}
SIZE_MIB=${BENCH_SIZE_MIB:-3072}
DIR=${BENCH_DIR:-/var/tmp/ulvm-bench-fsync}
[ "$(id -u)" = 0 ] || { echo "bench: needs root" >&2; exit 1; }
command -v fio >/dev/null || { echo "bench: fio is missing" >&2; exit 1; }
[ -z "$(ls -A "$DIR" 2>/dev/null)" ] || { echo "bench: $DIR exists and is not empty" >&2; exit 1; }
mkdir -p "$DIR"/{sys,mnt}
export ULVM_SYSTEM_DIR="$DIR/sys"
cleanup() { "$ULVM" umount "$DIR/mnt" >/dev/null 2>&1 || true; rm -rf "$DIR"; }
trap cleanup EXIT
truncate -s "$((SIZE_MIB + 64))M" "$DIR/pv1.img" "$DIR/pv2.img"
truncate -s "${SIZE_MIB}M" "$DIR/raw.img"
"$ULVM" pvcreate "$DIR/pv1.img" "$DIR/pv2.img" >/dev/null
"$ULVM" vgcreate vg "$DIR/pv1.img" "$DIR/pv2.img" >/dev/null
"$ULVM" lvcreate -L "${SIZE_MIB}M" -n lv vg "$DIR/pv1.img" >/dev/null
"$ULVM" mount "$DIR/mnt" >/dev/null
dd if=/dev/zero of="$DIR/mnt/vg/lv" bs=1M count="$SIZE_MIB" conv=notrunc,fsync status=none
dd if=/dev/zero of="$DIR/raw.img" bs=1M count="$SIZE_MIB" conv=notrunc,fsync status=none
fio_run() { # FILE JOBS FSYNC -> "IOPS p99us"
  fio --name=b --filename="$1" --rw=randwrite --bs=4k --ioengine=psync --numjobs="$2" --fsync="$3" --time_based \
      --runtime="$RT" --group_reporting --output-format=json 2>/dev/null | python3 -c '
import json,sys; j=json.load(sys.stdin)["jobs"][0]["write"]
print("%.0f %.0f" % (j["iops"], j["clat_ns"]["percentile"]["99.000000"]/1000))'
}
a=$(fio_run "$DIR/raw.img" 4 1)
b=$(fio_run "$DIR/mnt/vg/lv" 4 1)
d=$(fio_run "$DIR/mnt/vg/lv" 1 0)
"$ULVM" pvmove -b "$DIR/pv1.img" "$DIR/pv2.img" >/dev/null
sleep 1
c=$(fio_run "$DIR/mnt/vg/lv" 1 0)
moving=$("$ULVM" lvs -a --noheadings -o lv_name vg | grep -c pvmove || true)
echo "| target | IOPS | p99 µs |"
echo "|---|---:|---:|"
echo "| (a) raw file, 4 jobs, fsync each write | ${a% *} | ${a#* } |"
echo "| (b) LV file, 4 jobs, fsync each write | ${b% *} | ${b#* } |"
echo "| (c) LV file during a pvmove, 1 job | ${c% *} | ${c#* } |"
echo "| (d) LV file, no move, 1 job | ${d% *} | ${d#* } |"
echo "(pvmove still running at the end of (c): $moving)"
