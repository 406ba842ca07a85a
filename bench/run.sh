#!/usr/bin/env bash
# One run of fio (psync; sequential 1 MiB read and write at 1 job, random 4 KiB read and write at 1 and 4 jobs;
# page caches dropped before every run) on every target of issue 15, one after the other:
#   raw-odirect  the raw image file, --direct=1          raw-buffered  the same file, --direct=0
#   raw-loop     a loop device with direct I/O over the raw file
#   null         a null volume (reads zeros, drops writes) served by the kernel session (ulvm.fuse.daemon.NullMount):
#                the transport's ceiling
#   b            the linear LV file in `ulvm mount` (kernel session)       c  a loop device with direct I/O over (b)
#   striped      an LV striped over 2 PV images (64 KiB stripes)           raid1  a raid1 LV, 2 legs, synced first
#   d            qemu-storage-daemon's FUSE export of a raw image          e  a loop device with direct I/O over (d)
#   cache-none   (b) under `ulvm mount --cache none` (O_DIRECT images), when `ulvm mount --help` lists --cache
#   libfuse2     (b) under `ulvm mount --session libfuse2`
# Every FUSE and loop target runs fio with --direct=1. Writes a dated section (the table, ratios, which of the
# issue's aims hold) into docs/benchmarks.md above the earlier runs, and its chart docs/benchmarks-DATE.png.
#
# Needs root, /dev/fuse, fio, losetup, python3, java, qemu-storage-daemon (apt-get install qemu-system-common) and
# gnuplot (installed here with apt-get install gnuplot-nox when missing; the tests do not need it).
# Env: BENCH_RUNTIME (s per fio run, default 5: about 9 minutes in all), BENCH_SIZE_MIB (file/LV size, default 1024),
# BENCH_DIR (scratch dir on the disk to measure, default /var/tmp/ulvm-bench; removed afterwards), BENCH_JSON (keep
# fio's JSON here), BENCH_DOC (the markdown file to add the section to, default docs/benchmarks.md; "-" prints it
# only). ULVM_DAEMON_JAVA_OPTS reaches the mount daemons and the null mount (e.g. a JFR recording).
# `bench/run.sh raid` runs the raid1 benchmark instead (bench/raid.sh), then raid0/10/5/6 (bench/raid-levels.sh, issue 21), `bench/run.sh pvmove` the pvmove one (bench/pvmove.sh),
# `bench/run.sh snapshot` origin writes under snapshots (bench/snapshot.sh), `bench/run.sh fsync` concurrent fsyncs
# and writes during a pvmove (bench/fsync.sh), `bench/run.sh sessions` the kernel FUSE session against libfuse 2's
# (bench/sessions.sh), `bench/run.sh profile` one fio workload under a JFR recording of the daemon (bench/profile.sh),
# `bench/run.sh legs` 1 MiB sequential writes on linear, striped and raid1 LVs per cache mode (bench/legs.sh),
# `bench/run.sh nbd` nbdcopy and fio's nbd engine against `ulvm mount --nbd` and qemu-nbd (bench/nbd.sh),
# `bench/run.sh thin` thin LVs with 0, 1 and 10 snapshots against linear and raw, and lvcreate -s times (bench/thin.sh),
# `bench/run.sh nbd-ab` NBD sequential reads, ulvm and qemu-nbd in alternating rounds (bench/nbd-ab.sh).
set -euo pipefail
HERE="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
case "${1:-}" in
  raid) "$HERE/bench/raid.sh"; exec "$HERE/bench/raid-levels.sh" ;;
  pvmove) exec "$HERE/bench/pvmove.sh" ;;
  snapshot) exec "$HERE/bench/snapshot.sh" ;;
  fsync) exec "$HERE/bench/fsync.sh" ;;
  sessions) exec "$HERE/bench/sessions.sh" ;;
  profile) shift; exec "$HERE/bench/profile.sh" "$@" ;;
  legs) shift; exec "$HERE/bench/legs.sh" "$@" ;;
  nbd) exec "$HERE/bench/nbd.sh" ;;
  thin) exec "$HERE/bench/thin.sh" ;;
  nbd-ab) exec "$HERE/bench/nbd-ab.sh" ;;
  "") ;;
  *) echo "bench: unknown mode $1 (raid, pvmove, snapshot, fsync, sessions, profile, legs, nbd, nbd-ab, thin or none)" >&2; exit 3 ;;
esac
RT=${BENCH_RUNTIME:-5}
SIZE=${BENCH_SIZE_MIB:-1024}
DIR=${BENCH_DIR:-/var/tmp/ulvm-bench}
DOC=${BENCH_DOC:-$HERE/docs/benchmarks.md}
ULVM="$HERE/ulvm"

[ "$(id -u)" = 0 ] || { echo "bench: needs root (mount(2), loop devices, drop_caches)" >&2; exit 1; }
command -v gnuplot >/dev/null || { echo "bench: installing gnuplot-nox for the chart" >&2; apt-get install -y -qq gnuplot-nox >/dev/null; }
for t in fio losetup python3 java qemu-storage-daemon findmnt gnuplot; do
  command -v "$t" >/dev/null || { echo "bench: $t is missing" >&2; exit 1; }
done
[ -z "$(ls -A "$DIR" 2>/dev/null)" ] || { echo "bench: $DIR exists and is not empty" >&2; exit 1; }

mkdir -p "$DIR"/{sys,mnt,null,qsd}
OUT="${BENCH_JSON:-$DIR/json}"
mkdir -p "$OUT"
# shellcheck source=bench/common.sh
. "$HERE/bench/common.sh"
QFILE="$DIR/qsd/export" QSD_PID=""

cleanup() {
  set +e
  for l in "${LOOPS[@]}"; do losetup -d "$l"; done
  sleep 0.5
  findmnt -n --mountpoint "$DIR/mnt" >/dev/null && "$ULVM" umount "$DIR/mnt" >/dev/null
  stop_null
  if [ -n "$QSD_PID" ]; then kill "$QSD_PID"; wait "$QSD_PID" 2>/dev/null; fi
  findmnt -n --mountpoint "$QFILE" >/dev/null && umount -l "$QFILE"
  rm -rf "$DIR"
}
trap cleanup EXIT
measure() { # measure TARGET FILE [DIRECT]: the six workloads on FILE
  local w
  for w in "${WORKLOADS[@]}"; do fio_one "$w" "$1" "$2" "${3:-1}"; done
}

LOAD0=$(cut -d" " -f1 /proc/loadavg)
echo "bench: preparing ${SIZE} MiB files in $DIR (written out, not sparse)" >&2
for f in raw qsd; do dd if=/dev/zero of="$DIR/$f.img" bs=1M count="$SIZE" conv=fsync status=none; done
make_vg

measure raw-odirect "$DIR/raw.img" 1
measure raw-buffered "$DIR/raw.img" 0
loop_dio "$DIR/raw.img"
measure raw-loop "$LOOP"
detach_loops

start_null
measure null "$DIR/null/null/lv"
stop_null

mount_ulvm
make_raid1
measure b "$DIR/mnt/vg/lin"
loop_dio "$DIR/mnt/vg/lin"
measure c "$LOOP"
measure striped "$DIR/mnt/vg/str"
measure raid1 "$DIR/mnt/vg/r1"
umount_ulvm

touch "$QFILE"
qemu-storage-daemon --blockdev driver=file,node-name=f,filename="$DIR/qsd.img" \
  --export type=fuse,id=e,node-name=f,mountpoint="$QFILE",writable=on >"$DIR/qsd.log" 2>&1 &
QSD_PID=$!
wait_fstype "$QFILE" fuse
measure d "$QFILE"
loop_dio "$QFILE"
measure e "$LOOP"
detach_loops
kill "$QSD_PID"
wait "$QSD_PID" 2>/dev/null || true
QSD_PID=""

CACHE_NONE=no
if "$ULVM" mount --help 2>&1 | grep -q -- "--cache"; then
  CACHE_NONE=yes
  mount_ulvm --cache none
  measure cache-none "$DIR/mnt/vg/lin"
  umount_ulvm
fi
mount_ulvm --session libfuse2
measure libfuse2 "$DIR/mnt/vg/lin"
umount_ulvm

LOAD1=$(cut -d" " -f1 /proc/loadavg)
python3 "$HERE/bench/run_report.py" --json "$OUT" --runtime "$RT" --size "$SIZE" --load "$LOAD0 -> $LOAD1" \
  --cache-none "$CACHE_NONE" --requests "$(grep -m1 -h "requests:" "$LOG" | sed 's/.*requests: //')" \
  --doc "$DOC"
