#!/usr/bin/env bash
# NBD serving: nbdcopy (export -> null:, a raw file -> export) and fio's nbd ioengine (sequential 1 MiB read and
# write, random 4 KiB read and write at 1 and 4 jobs) against the linear LV "lin" of `ulvm mount --nbd` and against
# qemu-nbd serving a raw image of the same size, each over a unix socket and over TCP loopback (plain, --nbd-insecure;
# qemu-nbd without TLS). Prints a markdown table of MiB/s (IOPS for 4 KiB) with the ratio ulvm/qemu-nbd per row
# (issue 18 aims at 1.0x or more on every row). Each target gets one untimed warm-up pass first (see below); then
# each row measures the four targets in turn, every other row in reverse order.
# Needs root (the mount), fio with the nbd engine, nbdcopy, qemu-nbd, python3. Env: BENCH_RUNTIME (s per fio run,
# default 5), BENCH_SIZE_MIB (LV and image size, default 512), BENCH_DIR (scratch, removed), BENCH_PORT (first of
# two TCP ports, default 10809).
set -euo pipefail
HERE="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
RT=${BENCH_RUNTIME:-5}
SIZE=${BENCH_SIZE_MIB:-512}
DIR=${BENCH_DIR:-/var/tmp/ulvm-bench-nbd}
PORT=${BENCH_PORT:-10809}
ULVM="$HERE/ulvm"
[ "$(id -u)" = 0 ] || { echo "bench: needs root" >&2; exit 1; }
for t in fio nbdcopy qemu-nbd python3 findmnt; do command -v "$t" >/dev/null || { echo "bench: $t is missing" >&2; exit 1; }; done
fio --enghelp 2>&1 | grep -qw nbd || { echo "bench: fio has no nbd ioengine" >&2; exit 1; }
[ -z "$(ls -A "$DIR" 2>/dev/null)" ] || { echo "bench: $DIR exists and is not empty" >&2; exit 1; }
mkdir -p "$DIR"/{sys,mnt,null,json}
OUT="$DIR/json"
# shellcheck source=bench/common.sh
. "$HERE/bench/common.sh"
QEMU_PIDS=()
cleanup() {
  set +e
  for p in "${QEMU_PIDS[@]}"; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done
  findmnt -n --mountpoint "$DIR/mnt" >/dev/null && "$ULVM" umount "$DIR/mnt" >/dev/null
  rm -rf "$DIR"
}
trap cleanup EXIT

make_vg
dd if=/dev/zero of="$DIR/qemu.raw" bs=1M count="$SIZE" conv=fsync status=none
head -c "$((SIZE * 1024 * 1024))" /dev/urandom >"$DIR/src.raw"
mount_ulvm --nbd "unix:$DIR/ulvm.sock" --nbd "tcp:127.0.0.1:$PORT" --nbd-insecure
for how in "--socket=$DIR/qemu.sock" "--bind=127.0.0.1 --port=$((PORT + 1))"; do
  # shellcheck disable=SC2086
  qemu-nbd -f raw -t -e 16 -x lin $how "$DIR/qemu.raw" 2>>"$DIR/qemu.log" &
  QEMU_PIDS+=("$!")
done
sleep 1
declare -A URI=(
  [ulvm-unix]="nbd+unix:///vg/lin?socket=$DIR/ulvm.sock" [ulvm-tcp]="nbd://127.0.0.1:$PORT/vg/lin"
  [qemu-unix]="nbd+unix:///lin?socket=$DIR/qemu.sock" [qemu-tcp]="nbd://127.0.0.1:$((PORT + 1))/lin"
)
TARGETS=(ulvm-unix qemu-unix ulvm-tcp qemu-tcp)

timed() { # timed COMMAND...: prints MiB/s of SIZE MiB
  local t0 t1
  t0=$(date +%s.%N); "$@" >/dev/null; t1=$(date +%s.%N)
  python3 -c "print(round($SIZE / ($t1 - $t0), 1))"
}
# One untimed pass per target first, read and write, small and large requests: the daemon is a long-running JVM
# whose serving paths are compiled after their first use; the first target measured would otherwise pay that alone.
for t in "${TARGETS[@]}"; do
  echo "bench: warming $t" >&2
  nbdcopy "${URI[$t]}" null: >/dev/null
  for w in "--rw=randread --bs=4k" "--rw=randwrite --bs=4k" "--rw=write --bs=1M"; do
    # shellcheck disable=SC2086
    fio --name=warm --ioengine=nbd --uri="${URI[$t]}" --size="${SIZE}M" --time_based --runtime=1 $w \
        --output-format=json --output=/dev/null >/dev/null 2>&1
  done
done
declare -A R
# Row by row, the four targets one after the other, in reverse order every other row: no server always runs first
# or last (when each target ran all its rows as one block, the peer's own figures moved by 2x between runs).
REVERSED=(qemu-tcp ulvm-tcp qemu-unix ulvm-unix)
for t in "${TARGETS[@]}"; do
  echo "bench: nbdcopy in on $t" >&2
  R[copyin-$t]=$(timed nbdcopy "$DIR/src.raw" "${URI[$t]}")
done
for t in "${REVERSED[@]}"; do
  echo "bench: nbdcopy out on $t" >&2
  sync; echo 3 > /proc/sys/vm/drop_caches
  R[copyout-$t]=$(timed nbdcopy "${URI[$t]}" null:)
done
row=0
for w in "${WORKLOADS[@]}"; do
  order=("${TARGETS[@]}")
  [ $((row % 2)) = 0 ] || order=("${REVERSED[@]}")
  row=$((row + 1))
  for t in "${order[@]}"; do
    sync; echo 3 > /proc/sys/vm/drop_caches
    echo "bench: $w on $t" >&2
    # shellcheck disable=SC2086
    fio --name="$w" --ioengine=nbd --uri="${URI[$t]}" --size="${SIZE}M" --time_based --runtime="$RT" \
        --group_reporting --randrepeat=0 ${ARGS_OF[$w]} --output-format=json --output="$OUT/$w-$t.json"
    R[$w-$t]=$(python3 - "$OUT/$w-$t.json" "$w" <<'PY'
import json, sys
j = json.load(open(sys.argv[1]))["jobs"][0]
side = j["write"] if "write" in sys.argv[2] else j["read"]
print(round(side["bw_bytes"] / 2**20, 1) if sys.argv[2].startswith("seq") else round(side["iops"]))
PY
)
  done
done

ratio() { python3 -c "print('%.2fx' % ($1 / $2) if $2 else '-')"; }
echo "| workload | ulvm unix | qemu-nbd unix | ratio | ulvm tcp | qemu-nbd tcp | ratio |"
echo "|---|---|---|---|---|---|---|"
for w in copyin copyout "${WORKLOADS[@]}"; do
  unit="MiB/s"; case $w in rand*) unit="IOPS" ;; esac
  echo "| $w ($unit) | ${R[$w-ulvm-unix]} | ${R[$w-qemu-unix]} | $(ratio "${R[$w-ulvm-unix]}" "${R[$w-qemu-unix]}") |" \
       "${R[$w-ulvm-tcp]} | ${R[$w-qemu-tcp]} | $(ratio "${R[$w-ulvm-tcp]}" "${R[$w-qemu-tcp]}") |"
done
