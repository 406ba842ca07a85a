#!/usr/bin/env bash
# Origin write throughput under snapshots: fio (psync, --direct=1) on the origin LV file of `ulvm mount` with 0, 1
# and 4 snapshots (4 KiB chunks) and 1 snapshot with 64 KiB chunks, against the raw image file. Every run starts with
# fresh snapshots and makes one pass over the origin at most (no --time_based: it stops after one pass or the
# runtime), so every write is a first write to its chunk and copies it (the worst case: the copy, its exception
# record and two forces before the origin write). Workloads: sequential 1 MiB writes and random 4 KiB writes (numjobs 1).
# Prints a markdown table (MiB/s and IOPS, ratio to the raw file and to the linear LV file, i.e. the origin with no
# snapshot).
#
# Needs root, fio, python3, /dev/fuse. Env: BENCH_RUNTIME (s, default 10), BENCH_SIZE_MIB (origin size, default 256),
# BENCH_DIR (scratch, default /var/tmp/ulvm-bench-snap; removed afterwards), BENCH_CONFIGS (the cases to run, default
# "raw none one4k one64k four4k"), BENCH_WORKLOADS (default "seqwrite randwrite"), BENCH_MOUNT_OPTS (options of
# `ulvm mount`, e.g. --cache none). ULVM_DAEMON_JAVA_OPTS reaches the daemon: with a JFR recording and one case,
# `BENCH_CONFIGS=one64k BENCH_WORKLOADS=randwrite ULVM_DAEMON_JAVA_OPTS=-XX:StartFlightRecording=filename=F.jfr,...`
# then `python3 bench/jfr_top.py F.jfr` profiles that case.
# Snapshots are made with `ulvm lvcreate -s`; where that command is missing, the same metadata (COW LV + snapshotN
# LV with a snapshot segment) is committed with vgcfgrestore, as LVM2 records it.
set -euo pipefail
HERE="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
RT=${BENCH_RUNTIME:-10}
SIZE_MIB=${BENCH_SIZE_MIB:-256}
DIR=${BENCH_DIR:-/var/tmp/ulvm-bench-snap}
ULVM="$HERE/ulvm"
COW_MIB=$((SIZE_MIB + SIZE_MIB / 8 + 4)) # room for every chunk of the origin and the exception areas
for t in fio python3 findmnt; do command -v "$t" >/dev/null || { echo "bench: $t is missing" >&2; exit 1; }; done
[ "$(id -u)" = 0 ] || { echo "bench: needs root (drop_caches, FUSE)" >&2; exit 1; }
[ -z "$(ls -A "$DIR" 2>/dev/null)" ] || { echo "bench: $DIR exists and is not empty" >&2; exit 1; }
mkdir -p "$DIR"/{sys,mnt,json}
export ULVM_SYSTEM_DIR="$DIR/sys"
RAW="$DIR/raw.img" PV="$DIR/pv.img"
cleanup() {
  set +e
  findmnt -n --mountpoint "$DIR/mnt" >/dev/null && "$ULVM" umount "$DIR/mnt" >/dev/null
  rm -rf "$DIR"
}
trap cleanup EXIT

dd if=/dev/zero of="$RAW" bs=1M count="$SIZE_MIB" conv=fsync status=none
dd if=/dev/zero of="$PV" bs=1M count=$((SIZE_MIB + 4 * COW_MIB + 16)) conv=fsync status=none
"$ULVM" pvcreate "$PV" >/dev/null
"$ULVM" vgcreate vg "$PV" >/dev/null
"$ULVM" lvcreate -L "${SIZE_MIB}M" -n lv vg >/dev/null
# shellcheck disable=SC2086
"$ULVM" mount ${BENCH_MOUNT_OPTS:-} "$DIR/mnt" >/dev/null
ORIGIN="$DIR/mnt/vg/lv"
dd if=/dev/urandom of="$ORIGIN" bs=1M count="$SIZE_MIB" conv=fsync,notrunc status=none

NATIVE=0 # 1 once `ulvm lvcreate -s` worked: then lvremove removes snapshots too
# snap NAME CHUNK_KIB: a snapshot of vg/lv with a COW that can take every chunk of the origin
snap() {
  if "$ULVM" lvcreate -s -L "${COW_MIB}M" -c "${2}k" -n "$1" vg/lv >/dev/null 2>&1; then NATIVE=1; return; fi
  "$ULVM" lvcreate -L "${COW_MIB}M" -n "$1" vg >/dev/null
  "$ULVM" vgcfgbackup -f "$DIR/vg.txt" vg >/dev/null
  python3 - "$DIR/vg.txt" "$1" "$(( $2 * 2 ))" <<'EOF'
import re, sys, uuid
path, cow, chunk = sys.argv[1], sys.argv[2], sys.argv[3]
t = open(path).read()
ext = re.search(r'\n\t\tlv \{.*?extent_count = (\d+)', t, re.S).group(1)
n = 0
while re.search(r'\n\t\tsnapshot%d \{' % n, t): n += 1
u = uuid.uuid4().hex[:32]
uid = "-".join([u[0:6], u[6:10], u[10:14], u[14:18], u[18:22], u[22:26], u[26:32]])
sec = ('\t\tsnapshot%d {\n\t\t\tid = "%s"\n\t\t\tstatus = ["READ", "WRITE", "VISIBLE"]\n\t\t\tflags = []\n'
       '\t\t\tsegment_count = 1\n\t\t\tsegment1 {\n\t\t\t\tstart_extent = 0\n\t\t\t\textent_count = %s\n'
       '\t\t\t\ttype = "snapshot"\n\t\t\t\tchunk_size = %s\n\t\t\t\torigin = "lv"\n\t\t\t\tcow_store = "%s"\n\t\t\t}\n\t\t}\n'
       % (n, uid, ext, chunk, cow))
i = t.index('\n\tlogical_volumes {')
depth, j = 0, t.index('{', i)
while True:
    if t[j] == '{': depth += 1
    elif t[j] == '}':
        depth -= 1
        if depth == 0: break
    j += 1
open(path, 'w').write(t[:j] + sec + '\t' + t[j:].lstrip('\t'))
EOF
  "$ULVM" vgcfgrestore -f "$DIR/vg.txt" vg >/dev/null
}

# drop every snapshot of vg/lv
unsnap() {
  for s in "$@"; do
    if [ "$NATIVE" = 1 ]; then "$ULVM" lvremove -f "vg/$s" >/dev/null; continue; fi
    "$ULVM" vgcfgbackup -f "$DIR/vg.txt" vg >/dev/null
    python3 - "$DIR/vg.txt" "$s" <<'EOF'
import re, sys
path, cow = sys.argv[1], sys.argv[2]
t = open(path).read()
def drop(t, name):
    m = re.search(r'\n\t\t%s \{' % re.escape(name), t)
    if not m: return t
    depth, j = 0, t.index('{', m.start())
    while True:
        if t[j] == '{': depth += 1
        elif t[j] == '}':
            depth -= 1
            if depth == 0: break
        j += 1
    return t[:m.start()] + t[j + 1:]
m = re.search(r'\n\t\t(snapshot\d+) \{[^}]*?\{[^}]*cow_store = "%s"' % re.escape(cow), t, re.S)
if m: t = drop(t, m.group(1))
open(path, 'w').write(drop(t, cow))
EOF
    "$ULVM" vgcfgrestore -f "$DIR/vg.txt" vg >/dev/null
  done
}

read -r -a CONFIGS <<< "${BENCH_CONFIGS:-raw none one4k one64k four4k}"
declare -A LABEL=([raw]="raw image file" [none]="origin, 0 snapshots" [one4k]="1 snapshot, 4K chunks"
                  [one64k]="1 snapshot, 64K chunks" [four4k]="4 snapshots, 4K chunks")
read -r -a WORKLOADS <<< "${BENCH_WORKLOADS:-seqwrite randwrite}"
declare -A ARGS=([seqwrite]="--rw=write --bs=1M" [randwrite]="--rw=randwrite --bs=4k")
for c in "${CONFIGS[@]}"; do
  for w in "${WORKLOADS[@]}"; do
    snaps=()
    case $c in
      one4k) snap s0 4; snaps=(s0) ;;
      one64k) snap s0 64; snaps=(s0) ;;
      four4k) for i in 0 1 2 3; do snap "s$i" 4; snaps+=("s$i"); done ;;
    esac
    target="$ORIGIN"; [ "$c" = raw ] && target="$RAW"
    sync; echo 3 > /proc/sys/vm/drop_caches
    echo "bench: $w on ${LABEL[$c]}" >&2
    # shellcheck disable=SC2086
    fio --name="$w" --filename="$target" --ioengine=psync --direct=1 --size="${SIZE_MIB}M" --numjobs=1 \
        --runtime="$RT" --group_reporting --fallocate=none --randrepeat=0 ${ARGS[$w]} \
        --output-format=json --output="$DIR/json/$w-$c.json"
    [ ${#snaps[@]} -gt 0 ] && unsnap "${snaps[@]}"
  done
done

python3 - "$DIR/json" "$RT" "$SIZE_MIB" <<'EOF'
import json, os, sys
out, rt, size = sys.argv[1:4]
cfgs = [("raw", "raw image file"), ("none", "origin, 0 snapshots"), ("one4k", "1 snapshot, 4K chunks"),
        ("one64k", "1 snapshot, 64K chunks"), ("four4k", "4 snapshots, 4K chunks")]
def fig(w, c):
    try:
        d = json.load(open(os.path.join(out, f"{w}-{c}.json")))["jobs"][0]["write"]
    except FileNotFoundError:
        return None
    return d["bw"] / 1024.0 if w == "seqwrite" else d["iops"]
def cell(w, c, unit):
    v, raw, lv = fig(w, c), fig(w, "raw"), fig(w, "none")
    if v is None:
        return "-"
    ratios = [f"{v / r:.2f}" for r in (raw, lv) if r]
    return f"{v:,.{1 if unit else 0}f}" + (f" ({' / '.join(ratios)})" if ratios else "")
print(f"fio psync --direct=1, {rt} s per run, {size} MiB origin, fresh snapshots per run; "
      "in brackets the ratio to the raw file / to the linear LV file (origin, 0 snapshots)\n")
print("| target | seq write 1M MiB/s | rand write 4k IOPS |")
print("|---|---:|---:|")
for c, label in cfgs:
    if fig("seqwrite", c) is None and fig("randwrite", c) is None:
        continue
    print(f"| {label} | {cell('seqwrite', c, 1)} | {cell('randwrite', c, 0)} |")
EOF
