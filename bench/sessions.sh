#!/usr/bin/env bash
# The two FUSE sessions side by side, in one run (issue 15): fio psync --direct=1 on a raw file, then on an LV file
# served by the kernel session (the default) and by `--session libfuse2`, and on a loop device (direct I/O) over
# each: 1 MiB sequential writes and reads, 4 KiB random writes with 4 jobs, loop 4 KiB random reads with 4 jobs.
# Prints one line per run, each connection's max_background, and the request sizes the kernel session saw.
# Needs root, fio, losetup, python3. Env: BENCH_RUNTIME (s, default 5), BENCH_SIZE_MIB (default 512),
# BENCH_DIR (default /var/tmp/ulvm-bench-sessions; removed afterwards).
set -euo pipefail
HERE="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
RT=${BENCH_RUNTIME:-5}
SIZE=${BENCH_SIZE_MIB:-512}
DIR=${BENCH_DIR:-/var/tmp/ulvm-bench-sessions}
ULVM="$HERE/ulvm"
[ "$(id -u)" = 0 ] || { echo "bench: needs root (mount(2), loop devices, drop_caches)" >&2; exit 1; }
[ -z "$(ls -A "$DIR" 2>/dev/null)" ] || { echo "bench: $DIR exists and is not empty" >&2; exit 1; }
mkdir -p "$DIR"/{sys,mnt}
export ULVM_SYSTEM_DIR="$DIR/sys"
LOOP=""
cleanup() {
  set +e
  [ -n "$LOOP" ] && losetup -d "$LOOP"
  findmnt -n --mountpoint "$DIR/mnt" >/dev/null && "$ULVM" umount "$DIR/mnt" >/dev/null
  rm -rf "$DIR"
}
trap cleanup EXIT
dd if=/dev/zero of="$DIR/raw.img" bs=1M count="$SIZE" conv=fsync status=none
dd if=/dev/zero of="$DIR/pv.img" bs=1M count=$((SIZE + 8)) conv=fsync status=none
"$ULVM" pvcreate "$DIR/pv.img" >/dev/null
"$ULVM" vgcreate vg "$DIR/pv.img" >/dev/null
"$ULVM" lvcreate -L "${SIZE}M" -n lv vg >/dev/null

run() { # LABEL FILE FIO-ARGS...
  local label=$1 file=$2
  shift 2
  sync
  echo 3 > /proc/sys/vm/drop_caches
  fio --name=x --filename="$file" --ioengine=psync --direct=1 --size="${SIZE}M" --time_based --runtime="$RT" \
      --group_reporting --fallocate=none --randrepeat=0 "$@" --output-format=json --output="$DIR/out.json"
  python3 - "$DIR/out.json" "$label" "$*" <<'PY'
import json, sys
j = json.load(open(sys.argv[1]))["jobs"][0]
d = j["read"] if j["read"]["io_bytes"] > 0 else j["write"]
print(f"{sys.argv[2]:22s} {sys.argv[3]:40s} {d['bw'] / 1024:8.0f} MiB/s {d['iops']:8.0f} IOPS")
PY
}
file_workloads() { # LABEL FILE
  run "$1" "$2" --rw=write --bs=1M --numjobs=1
  run "$1" "$2" --rw=read --bs=1M --numjobs=1
  run "$1" "$2" --rw=randwrite --bs=4k --numjobs=4
}

file_workloads "raw file" "$DIR/raw.img"
for s in kernel libfuse2; do
  "$ULVM" mount --session "$s" "$DIR/mnt" >/dev/null
  for c in /sys/fs/fuse/connections/*/; do echo "$s: connection $(basename "$c") max_background=$(cat "$c/max_background")"; done
  file_workloads "LV file ($s)" "$DIR/mnt/vg/lv"
  LOOP=$(losetup -f --show --direct-io=on "$DIR/mnt/vg/lv")
  run "loop dio ($s)" "$LOOP" --rw=randread --bs=4k --numjobs=4
  run "loop dio ($s)" "$LOOP" --rw=write --bs=1M --numjobs=1
  losetup -d "$LOOP"
  LOOP=""
  sleep 0.5
  "$ULVM" umount "$DIR/mnt" >/dev/null
done
grep -h "serving\|requests:" "$DIR/sys/run/ulvmd.log" || true
