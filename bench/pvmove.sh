#!/usr/bin/env bash
# pvmove benchmark (run by `bench/run.sh pvmove`), in one run on two sparse PV image files on the same filesystem,
# a VG `vg` of both and a linear LV of BENCH_SIZE_MIB (default 1024) filled with random data on the first:
#   1. move throughput: `ulvm pvmove -i 0 SRC DST` offline, and back again while `ulvm mount`ed with no I/O, in MiB/s,
#      against copies of the same bytes: dd of the LV's extent range from SRC into DST at the same offsets
#      (bs=1M conv=fsync; and bs=4M oflag=dsync, forced every 4 MiB as pvmove forces each chunk), and `cp` of the
#      LV's bytes as a file to a new file followed by `sync FILE`. The JVM start is a separate figure: `ulvm pvs`.
#   2. re-copy after a crash: an offline pvmove slowed by ULVM_PVMOVE_TEST_DELAY_MS (a pause after each checkpoint;
#      the engine's test classes, engine/target/test-classes, go on its class path: their copy pacing reads it)
#      is killed with -9 at a random moment, BENCH_KILLS times (each next run resumes it), then resumed to the end.
#      At each kill: the last checkpoint (extents_moved from `ulvm vgcfgbackup -f`, or the progress record under
#      $ULVM_SYSTEM_DIR/pvmove where it is trusted) and the bytes already on DST past
#      it (4 KiB pages equal to the LV's data): the resume starts at the checkpoint, so those bytes are copied again.
# Page caches are dropped before every timed step; every move is checked byte for byte against the LV's data.
# Prints a markdown table. Needs root (drop_caches, /dev/fuse), python3, fallocate, cmp, findmnt.
# Env: BENCH_SIZE_MIB (default 1024), BENCH_KILLS (default 5), BENCH_DELAY_MS (default 50),
#      BENCH_DIR (scratch dir on the disk to measure, default /var/tmp/ulvm-bench-pvmove; removed afterwards).
set -euo pipefail
HERE="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
SIZE_MIB=${BENCH_SIZE_MIB:-1024}
KILLS=${BENCH_KILLS:-5}
DELAY=${BENCH_DELAY_MS:-50}
DIR=${BENCH_DIR:-/var/tmp/ulvm-bench-pvmove}
ULVM="$HERE/ulvm"
META="$HERE/bench/pvmove_meta.py"
[ -f "$HERE/engine/target/test-classes/META-INF/services/ulvm.ops.CopyPacing" ] || { echo "bench: build the engine's test classes first (mvn -o -q -pl engine test-compile)" >&2; exit 1; }
for t in python3 fallocate cmp findmnt; do command -v "$t" >/dev/null || { echo "bench: $t is missing" >&2; exit 1; }; done
[ "$(id -u)" = 0 ] || { echo "bench: needs root (drop_caches, mount)" >&2; exit 1; }
[ -z "$(ls -A "$DIR" 2>/dev/null)" ] || { echo "bench: $DIR exists and is not empty" >&2; exit 1; }
mkdir -p "$DIR"/{sys,mnt}
export ULVM_SYSTEM_DIR="$DIR/sys"
SRC="$DIR/src.img" DST="$DIR/dst.img" DATA="$DIR/lv.bin" BK="$DIR/backup" MOVER=""
cleanup() {
  set +e
  [ -n "$MOVER" ] && kill -9 "$MOVER" 2>/dev/null
  findmnt -n --mountpoint "$DIR/mnt" >/dev/null && "$ULVM" umount "$DIR/mnt" >/dev/null
  rm -rf "$DIR"
}
trap cleanup EXIT
now() { date +%s.%N; }
calc() { python3 -c "print($1)"; }
drop() { sync; echo 3 > /proc/sys/vm/drop_caches; }
backup() { "$ULVM" vgcfgbackup -f "$BK" vg >/dev/null; }
where() { backup; python3 "$META" extent "$BK" lv; } # "DEVICE OFFSET LENGTH" of the LV
# same DEVICE OFFSET: the LV's bytes there equal lv.bin
check_at() { cmp -s -n "$((SIZE_MIB << 20))" -i "$2:0" "$1" "$DATA" || { echo "bench: data differs after $3" >&2; exit 1; }; }
check_lv() { read -r dev off _ < <(where); [ "$dev" = "$1" ] || { echo "bench: LV is on $dev, not $1, after $2" >&2; exit 1; }; check_at "$dev" "$off" "$2"; }
punch() { fallocate -p -o "$2" -l "$((SIZE_MIB << 20))" "$1"; } # punch FILE OFFSET: make the LV's range a hole again

echo "bench: two sparse PV images of $((SIZE_MIB + 8)) MiB, a ${SIZE_MIB} MiB LV of random data in $DIR" >&2
truncate -s "$((SIZE_MIB + 8))M" "$SRC" "$DST"
"$ULVM" pvcreate "$SRC" "$DST" >/dev/null
"$ULVM" vgcreate vg "$SRC" "$DST" >/dev/null
"$ULVM" lvcreate -L "${SIZE_MIB}M" -n lv vg "$SRC" >/dev/null
head -c "$((SIZE_MIB << 20))" /dev/urandom > "$DATA"
read -r dev SRC_OFF len < <(where)
[ "$dev" = "$SRC" ] && [ "$len" = "$((SIZE_MIB << 20))" ] || { echo "bench: unexpected LV layout: $dev $len" >&2; exit 1; }
DST_OFF=$(python3 "$META" pestart "$BK" "$DST") # an empty PV: the move fills it from its first extent
[ $((SRC_OFF % 1048576)) = 0 ] && [ $((DST_OFF % 1048576)) = 0 ] || { echo "bench: offsets not MiB-aligned" >&2; exit 1; }
dd if="$DATA" of="$SRC" bs=1M seek=$((SRC_OFF >> 20)) conv=notrunc,fsync status=none

LOAD0=$(cut -d" " -f1 /proc/loadavg) # the machine is shared: the 1-min load average goes into the output
# ---- 1. throughput ----------------------------------------------------------------------------------------------
timed() { # timed CMD...: its seconds, after dropping the page caches (the time is also logged to stderr)
  drop; local t0 t; t0=$(now); "$@" >/dev/null; t=$(calc "$(now) - $t0"); echo "bench:   $t s: $*" >&2; echo "$t"
}
PVS=()
for _ in 1 2 3; do PVS+=("$(timed "$ULVM" pvs)"); done
PVS_S=$(printf '%s\n' "${PVS[@]}" | sort -n | sed -n 2p) # the median of three

echo "bench: baselines (dd between the PV files, cp)" >&2
DD1=$(timed dd if="$SRC" of="$DST" bs=1M count="$SIZE_MIB" skip=$((SRC_OFF >> 20)) seek=$((DST_OFF >> 20)) conv=notrunc,fsync status=none)
check_at "$DST" "$DST_OFF" "dd"; punch "$DST" "$DST_OFF"
DD4=$(timed dd if="$SRC" of="$DST" bs=4M count=$((SIZE_MIB / 4)) iflag=skip_bytes oflag=seek_bytes,dsync \
      skip="$SRC_OFF" seek="$DST_OFF" conv=notrunc status=none)
check_at "$DST" "$DST_OFF" "dd dsync"; punch "$DST" "$DST_OFF"
copy_file() { cp "$DATA" "$DIR/copy.bin" && sync "$DIR/copy.bin"; }
CP=$(timed copy_file)
cmp -s "$DATA" "$DIR/copy.bin" || { echo "bench: cp copy differs" >&2; exit 1; }
rm -f "$DIR/copy.bin"

echo "bench: offline pvmove" >&2
OFF=$(timed "$ULVM" pvmove -i 0 "$SRC" "$DST")
check_lv "$DST" "offline pvmove"
punch "$SRC" "$SRC_OFF" # the source extents are free now: a hole again, as DST was before the move

echo "bench: pvmove back while mounted (no I/O)" >&2
"$ULVM" mount "$DIR/mnt" >/dev/null
[ "$(findmnt -n -o FSTYPE --mountpoint "$DIR/mnt")" = fuse.ulvm ] || { echo "bench: ulvm mount is not mounted" >&2; exit 1; }
ON=$(timed "$ULVM" pvmove -i 0 "$DST" "$SRC")
cmp -s "$DIR/mnt/vg/lv" "$DATA" || { echo "bench: the mounted LV file differs after the online pvmove" >&2; exit 1; }
"$ULVM" umount "$DIR/mnt" >/dev/null
check_lv "$SRC" "online pvmove"
punch "$DST" "$DST_OFF"

# ---- 2. re-copy after kill -9 -----------------------------------------------------------------------------------
echo "bench: $KILLS kills of a pvmove slowed by ${DELAY} ms per checkpoint" >&2
ROWS=()
for k in $(seq "$KILLS"); do
  if [ "$k" = 1 ]; then args=("$SRC" "$DST"); else args=("$SRC"); fi # later runs: "Detected pvmove in progress"
  ULVM_CLASSPATH="$HERE/engine/target/test-classes" ULVM_PVMOVE_TEST_DELAY_MS=$DELAY "$ULVM" pvmove -i 0 "${args[@]}" >"$DIR/mover.log" 2>&1 &
  MOVER=$!
  sleep "$(python3 -c 'import random; print(round(random.uniform(2.0, 3.5), 3))')"
  if ! kill -0 "$MOVER" 2>/dev/null; then
    echo "bench: the move ended before kill $k; raise BENCH_DELAY_MS" >&2; cat "$DIR/mover.log" >&2; exit 1
  fi
  kill -9 "$MOVER"
  wait "$MOVER" 2>/dev/null || true
  MOVER=""
  backup
  ROWS+=("$(python3 "$META" moved "$BK" lv "$DATA" "$ULVM_SYSTEM_DIR")") # MOVED TOTAL EXTENT_BYTES ON_DEST_BEYOND
  echo "bench: kill $k: ${ROWS[-1]}" >&2
done
RESUME=$(timed "$ULVM" pvmove -i 0 "$SRC")
check_lv "$DST" "resume after kill -9"

LOAD1=$(cut -d" " -f1 /proc/loadavg)
python3 - "$LOAD0 -> $LOAD1" "$SIZE_MIB" "$PVS_S" "$DD1" "$DD4" "$CP" "$OFF" "$ON" "$RESUME" "$DELAY" "${ROWS[@]}" <<'PY'
import sys
load, size, (pvs, dd1, dd4, cp, off, on, resume) = sys.argv[1], int(sys.argv[2]), map(float, sys.argv[3:10])
delay, rows = sys.argv[10], [list(map(int, r.split())) for r in sys.argv[11:]]
mib = lambda s: size / s
print(f"pvmove of a {size} MiB linear LV of random data between two sparse PV image files on one filesystem; "
      f"page caches dropped before each step; 1-min load average {load} (2 CPUs)\n")
print("| copy of the LV's bytes | time | MiB/s | offline pvmove's MiB/s as a fraction of this |")
print("|---|---:|---:|---:|")
print(f"| `ulvm pvs` (JVM start, scan; median of 3) | {pvs:.2f} s | | |")
for label, t in (("`ulvm pvmove SRC DST`, offline", off), ("`ulvm pvmove DST SRC`, mounted, no I/O", on),
                 ("dd SRC range -> DST range, bs=1M conv=fsync", dd1),
                 ("dd SRC range -> DST range, bs=4M oflag=dsync (forced every 4 MiB)", dd4),
                 ("cp of the bytes as a file + `sync FILE`", cp)):
    print(f"| {label} | {t:.2f} s | {mib(t):,.1f} | {t / off:.2f} |")
print(f"| offline pvmove less one `ulvm pvs` | {off - pvs:.2f} s | {mib(off - pvs):,.1f} | |")
chunk = -(-(4 << 20) // rows[0][2]) * rows[0][2] if rows else 0  # MoveCopier.CHECKPOINT_BYTES, whole extents
chunks = rows[0][1] * rows[0][2] // chunk if rows else 0
if chunks:
    print(f"| the same per checkpoint ({chunks} chunks: copy, force, progress record) | {(off - pvs) / chunks * 1000:.1f} ms | | |")
print(f"\nkill -9 of an offline pvmove ({delay} ms pause after each checkpoint), resumed by the next `ulvm pvmove SRC`\n")
print("| kill | extents moved at the kill (checkpoint: record or extents_moved) | of | already on DST past the checkpoint = copied again |")
print("|---:|---:|---:|---:|")
for i, (moved, total, ext, beyond) in enumerate(rows, 1):
    print(f"| {i} | {moved} ({moved * ext >> 20} MiB) | {total} | {beyond / 1048576:.2f} MiB |")
worst = max(r[3] for r in rows) / 1048576
moved, total, ext = rows[-1][0], rows[-1][1], rows[-1][2]
print(f"\nWorst re-copy: {worst:.2f} MiB (one chunk: {chunk >> 20} MiB). The final resume copied "
      f"{(total - moved) * ext >> 20} MiB (total - checkpoint) in {resume:.2f} s.")
PY
