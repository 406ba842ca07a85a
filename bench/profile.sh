#!/usr/bin/env bash
# `bench/run.sh profile TARGET WORKLOAD [MOUNT-OPTION...]`: one fio workload of bench/run.sh on one target while the
# serving JVM records JFR (settings=profile), then what the recording says: the JVM's and the machine's CPU load,
# Java samples (jdk.ExecutionSample) by top frame and by first ulvm frame, native samples (jdk.NativeMethodSample)
# by top frame and by first ulvm frame.
#   TARGET: lin (the linear LV file), loop (a loop device with direct I/O over it), str (striped), r1 (raid1, synced),
#           r5 (raid5 -i 2, 3 images, synced), thin (a thin LV of a 64 KiB-chunk pool: a seqwrite or randwrite
#           provisions as it goes), null (the null volume of bench/run.sh)
#   WORKLOAD: seqread seqwrite randread1 randread4 randwrite1 randwrite4
#   MOUNT-OPTION: passed to `ulvm mount`, e.g. --session libfuse2 or --cache none
# Needs root, fio, losetup, python3, java (jfr). Env: BENCH_RUNTIME (s, default 5), BENCH_SIZE_MIB (default 1024),
# BENCH_DIR (default /var/tmp/ulvm-bench-profile; removed afterwards), BENCH_JFR (keep the recording at this path).
set -euo pipefail
HERE="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
[ $# -ge 2 ] || { echo "usage: bench/run.sh profile lin|loop|str|r1|r5|thin|null WORKLOAD [MOUNT-OPTION...]" >&2; exit 3; }
TARGET=$1 WORKLOAD=$2
shift 2
RT=${BENCH_RUNTIME:-5}
SIZE=${BENCH_SIZE_MIB:-1024}
DIR=${BENCH_DIR:-/var/tmp/ulvm-bench-profile}
ULVM="$HERE/ulvm"
[ "$(id -u)" = 0 ] || { echo "bench: needs root" >&2; exit 1; }
for t in fio losetup python3 java jfr findmnt; do command -v "$t" >/dev/null || { echo "bench: $t is missing" >&2; exit 1; }; done
[ -z "$(ls -A "$DIR" 2>/dev/null)" ] || { echo "bench: $DIR exists and is not empty" >&2; exit 1; }
mkdir -p "$DIR"/{sys,mnt,null,json}
OUT="$DIR/json"
JFR="${BENCH_JFR:-$DIR/serve.jfr}"
# shellcheck source=bench/common.sh
. "$HERE/bench/common.sh"
[ -n "${ARGS_OF[$WORKLOAD]:-}" ] || { echo "bench: unknown workload $WORKLOAD" >&2; exit 3; }
cleanup() {
  set +e
  for l in "${LOOPS[@]}"; do losetup -d "$l"; done
  sleep 0.5
  findmnt -n --mountpoint "$DIR/mnt" >/dev/null && "$ULVM" umount "$DIR/mnt" >/dev/null
  stop_null
  rm -rf "$DIR"
}
trap cleanup EXIT

make_vg
RECORD="-XX:StartFlightRecording=filename=$JFR,settings=profile,dumponexit=true,jdk.FileWrite#threshold=1ms,jdk.FileRead#threshold=1ms,jdk.FileForce#threshold=1ms"
if [ "$TARGET" = null ]; then
  ULVM_DAEMON_JAVA_OPTS=$RECORD start_null
  fio_one "$WORKLOAD" null "$DIR/null/null/lv"
  stop_null
else
  [ "$TARGET" != r1 ] || { mount_ulvm "$@"; make_raid1; umount_ulvm; }
  if [ "$TARGET" = r5 ] || [ "$TARGET" = thin ]; then # pv3: raid5's third image, or the pool
    dd if=/dev/zero of="$DIR/pv3.img" bs=1M count=$((SIZE * 2 + 64)) conv=fsync status=none
    "$ULVM" pvcreate "$DIR/pv3.img" >/dev/null
    "$ULVM" vgextend vg "$DIR/pv3.img" >/dev/null
    mount_ulvm "$@"
    if [ "$TARGET" = r5 ]; then
      "$ULVM" lvcreate --type raid5 -i 2 -L "${SIZE}M" -n r5 vg "$DIR"/pv{1,2,3}.img >/dev/null
      until grep -q "vg/r5: initial sync done" "$LOG" 2>/dev/null; do sleep 0.05; done
    else
      "$ULVM" lvcreate --type thin-pool -L "$((SIZE + 32))M" -n pool vg "$DIR/pv3.img" >/dev/null
      "$ULVM" lvcreate -V "${SIZE}M" -T vg/pool -n thin >/dev/null
    fi
    umount_ulvm
  fi
  ULVM_DAEMON_JAVA_OPTS=$RECORD mount_ulvm "$@"
  case "$TARGET" in
    lin|str|r1|r5|thin) FILE="$DIR/mnt/vg/$TARGET" ;;
    loop) loop_dio "$DIR/mnt/vg/lin"; FILE=$LOOP ;;
    *) echo "bench: unknown target $TARGET" >&2; exit 3 ;;
  esac
  fio_one "$WORKLOAD" "$TARGET" "$FILE"
  umount_ulvm
  for _ in $(seq 100); do [ -s "$JFR" ] && break; sleep 0.1; done # written as the daemon exits
  sleep 1
fi
python3 - "$OUT/$WORKLOAD-$TARGET.json" "$WORKLOAD $TARGET $*" <<'PY'
import json, sys
j = json.load(open(sys.argv[1]))["jobs"][0]
d = j["read"] if "read" in sys.argv[2].split()[0] else j["write"]
print(f"{sys.argv[2]}: {d['bw'] / 1024:.0f} MiB/s, {d['iops']:.0f} IOPS (under the recording)")
PY
python3 "$HERE/bench/jfr_top.py" "$JFR"
