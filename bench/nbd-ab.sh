#!/usr/bin/env bash
# NBD sequential 1 MiB reads at queue depth 1 (fio's nbd engine), ulvm against qemu-nbd, over TCP loopback and a unix
# socket, in alternating rounds: each round measures the four targets one after the other, cold (page cache dropped
# before each run) then warm, so that neither server always runs first or last. The row bench/nbd.sh measures once per
# target in a fixed order, where the two servers' figures moved by 2x between runs (`bench/run.sh nbd-ab`).
# Needs root, fio with the nbd engine, qemu-nbd, python3. Env: BENCH_SIZE_MIB (default 512), BENCH_RUNTIME (s per
# run, default 5), BENCH_ROUNDS (default 3), BENCH_SRC (the data: /dev/urandom by default, or /dev/zero),
# BENCH_DIR (scratch, default /var/tmp/ulvm-bench-nbd-ab; removed afterwards), BENCH_PORT (default 10819).
set -euo pipefail
HERE="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"; ULVM=$HERE/ulvm
DIR=${BENCH_DIR:-/var/tmp/ulvm-bench-nbd-ab}; SIZE=${BENCH_SIZE_MIB:-512}; RT=${BENCH_RUNTIME:-5}; ROUNDS=${BENCH_ROUNDS:-3}; PORT=${BENCH_PORT:-10819}
[ "$(id -u)" = 0 ] || { echo "bench: needs root" >&2; exit 1; }
[ -z "$(ls -A "$DIR" 2>/dev/null)" ] || { echo "bench: $DIR exists and is not empty" >&2; exit 1; }
mkdir -p $DIR/{sys,mnt}
export ULVM_SYSTEM_DIR=$DIR/sys
Q1= Q2=
cleanup() { set +e; [ -z "$Q1" ] || kill $Q1 $Q2 2>/dev/null; $ULVM umount $DIR/mnt >/dev/null 2>&1; rm -rf $DIR; }
trap cleanup EXIT
dd if=/dev/zero of=$DIR/pv.img bs=1M count=$((SIZE+8)) status=none
$ULVM pvcreate $DIR/pv.img >/dev/null; $ULVM vgcreate vg $DIR/pv.img >/dev/null; $ULVM lvcreate -L ${SIZE}M -n lin vg >/dev/null
dd if=${BENCH_SRC:-/dev/urandom} of=$DIR/q.raw bs=1M count=$SIZE conv=fsync status=none
$ULVM mount --nbd unix:$DIR/u.sock --nbd tcp:127.0.0.1:$PORT --nbd-insecure $DIR/mnt >/dev/null
dd if=$DIR/q.raw of=$DIR/mnt/vg/lin bs=1M conv=fsync,notrunc status=none
qemu-nbd -f raw -t -e 16 -x lin --bind=127.0.0.1 --port=$((PORT+1)) $DIR/q.raw 2>/dev/null & Q1=$!
qemu-nbd -f raw -t -e 16 -x lin --socket=$DIR/q.sock $DIR/q.raw 2>/dev/null & Q2=$!
sleep 1
declare -A URI=([ulvm-tcp]="nbd://127.0.0.1:$PORT/vg/lin" [qemu-tcp]="nbd://127.0.0.1:$((PORT+1))/lin"
  [ulvm-unix]="nbd+unix:///vg/lin?socket=$DIR/u.sock" [qemu-unix]="nbd+unix:///lin?socket=$DIR/q.sock")
run() { fio --name=r --ioengine=nbd --uri="$1" --size=${SIZE}M --time_based --runtime=$RT --rw=read --bs=1M --output-format=json --output=$DIR/f.json >/dev/null 2>&1 || { echo FAIL; return; }; python3 -c "import json; print(round(json.load(open(\"$DIR/f.json\"))[\"jobs\"][0][\"read\"][\"bw_bytes\"]/2**20))"; }
for t in ulvm-tcp qemu-tcp ulvm-unix qemu-unix; do run "${URI[$t]}" >/dev/null; done
for mode in cold warm; do
  for r in $(seq $ROUNDS); do
    line="$mode round $r:"
    for t in ulvm-tcp qemu-tcp ulvm-unix qemu-unix; do
      [ $mode = cold ] && { sync; echo 3 > /proc/sys/vm/drop_caches; }
      line="$line $t=$(run "${URI[$t]}")"
    done
    echo "$line"
  done
done
