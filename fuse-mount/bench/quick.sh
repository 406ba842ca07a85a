#!/bin/bash
# Quick FUSE benchmark: fio on a raw image file vs. the same file exposed by ulvm's FUSE mount.
# Usage: fuse-mount/bench/quick.sh [WORKDIR] [THREADS] [extra BenchMount args, e.g. -nodirect or attr_timeout=0]
# Env: SIZE (image size, default 1G), RUNTIME (seconds per job, default 10), BUFFERS=copy to disable
# zero-copy, TARGETS (default "raw raw-cached fuse").
set -euo pipefail
HERE=$(cd "$(dirname "$0")/.." && pwd)
WORK=${1:-/tmp/ulvm-fuse-bench}
THREADS=${2:-4}
shift $(( $# > 2 ? 2 : $# ))
SIZE=${SIZE:-1G}
RUNTIME=${RUNTIME:-10}
IMG=$WORK/img
MNT=$WORK/mnt
mkdir -p "$MNT"

(cd "$HERE/.." && mvn -q -pl fuse-mount -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test)
CP=$HERE/target/classes:$HERE/target/test-classes:$(cat "$HERE/target/cp.txt")

if [ "$(stat -c %s "$IMG" 2>/dev/null || echo 0)" != "$(numfmt --from=iec "$SIZE")" ]; then
    fio --name=fill --filename="$IMG" --size="$SIZE" --rw=write --bs=1M --direct=1 --ioengine=psync >/dev/null
fi

JAVA_OPTS=()
[ "${BUFFERS:-}" = copy ] && JAVA_OPTS+=(-Dulvm.fuse.buffers=copy)
java "${JAVA_OPTS[@]}" -cp "$CP" ulvm.fuse.BenchMount "$IMG" "$MNT" "$THREADS" "$@" > "$WORK/mount.log" 2>&1 &
PID=$!
cleanup() { kill -TERM $PID 2>/dev/null || true; wait $PID 2>/dev/null || true; findmnt "$MNT" >/dev/null && umount -l "$MNT" || true; }
trap cleanup EXIT
for _ in $(seq 100); do findmnt --mountpoint "$MNT" >/dev/null && break; sleep 0.1; done
findmnt --mountpoint "$MNT" >/dev/null || { echo "not mounted:"; cat "$WORK/mount.log"; exit 1; }
cat "$WORK/mount.log"

run() { # name file direct fio-args...
    local name=$1 file=$2 direct=$3; shift 3
    fio --name="$name" --filename="$file" --size="$SIZE" --direct=$direct --ioengine=psync --runtime="$RUNTIME" \
        --time_based --invalidate=0 --group_reporting --output-format=terse --terse-version=3 "$@" |
    awk -F';' -v n="$name" '{printf "%-28s read %8.0f IOPS %8.1f MiB/s   write %8.0f IOPS %8.1f MiB/s\n", n, $8, $7/1024, $49, $48/1024}'
}
# raw: O_DIRECT on the image (the disk); raw-cached: buffered I/O on the image with a warm page cache,
# which is what the FUSE path's volume does underneath (the ceiling for fuse); fuse: O_DIRECT on the mount.
for target in ${TARGETS:-raw raw-cached fuse}; do
    f=$IMG direct=1
    cat "$IMG" > /dev/null  # O_DIRECT writes drop cached pages; warm again
    [ $target = raw-cached ] && direct=0
    [ $target = fuse ] && f=$MNT/vg/lv
    [ $target = fuse ] && ! findmnt --mountpoint "$MNT" >/dev/null && { echo "mount vanished"; exit 1; }
    run "$target randread 4k x4" "$f" $direct --rw=randread --bs=4k --numjobs=4
    run "$target seqread 1M" "$f" $direct --rw=read --bs=1M
    run "$target seqwrite 1M" "$f" $direct --rw=write --bs=1M
done
