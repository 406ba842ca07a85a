#!/usr/bin/env bash
# raid1 benchmark (run by `bench/run.sh raid`): on one ulvm mount with three PV images of 1 GiB + 16 MiB each,
#   - the initial full sync of a 1 GiB raid1 LV (2 MiB regions, 512 of them), timed from lvcreate to the daemon log line;
#   - the merge of a split image after writing 1% of the regions (5 regions), timed from the merge commit to its log line;
#   - issue 17: the full sync (of the new LV's zeros, and of 1 GiB of random data after lvchange --resync) and the merge
#     of 1 GiB of changes (all 512 regions written while split), at the pace the daemon log gives, against `dd if=A of=B bs=4M conv=fsync` of 1 GiB on the same disk (page caches dropped first);
#   - fio write throughput (psync, --direct=1): a raw image file (1 GiB, written out, on the same disk) as the baseline,
#     a linear LV file, a raid1 LV file in sync and with a tracked split image.
# Prints a markdown table; ratios are within this one run. Needs root, fio, python3, /dev/fuse.
# Env: BENCH_RUNTIME (s per fio run, default 10), BENCH_DIR (scratch dir, default /var/tmp/ulvm-bench-raid; removed).
set -euo pipefail
HERE="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
RT=${BENCH_RUNTIME:-10}
DIR=${BENCH_DIR:-/var/tmp/ulvm-bench-raid}
ULVM="$HERE/ulvm"
for t in fio python3 findmnt; do command -v "$t" >/dev/null || { echo "bench: $t is missing" >&2; exit 1; }; done
[ "$(id -u)" = 0 ] || { echo "bench: needs root" >&2; exit 1; }
[ -z "$(ls -A "$DIR" 2>/dev/null)" ] || { echo "bench: $DIR exists and is not empty" >&2; exit 1; }
mkdir -p "$DIR"/{sys,mnt,json}
export ULVM_SYSTEM_DIR="$DIR/sys"
LOG="$DIR/sys/run/ulvmd.log"
cleanup() {
  set +e
  findmnt -n --mountpoint "$DIR/mnt" >/dev/null && "$ULVM" umount "$DIR/mnt" >/dev/null
  rm -rf "$DIR"
}
trap cleanup EXIT
now() { date +%s.%N; }
wait_log() { # wait_log PATTERN: until the daemon log has it
  until grep -q "$1" "$LOG" 2>/dev/null; do sleep 0.02; done
}
split() { "$ULVM" lvconvert --splitmirrors 1 --trackchanges -y vg/r1 >/dev/null; }
merge() { "$ULVM" lvconvert --merge vg/r1_rimage_1 >/dev/null; }

echo "bench: preparing a 1 GiB raw image and three 1040 MiB PV images in $DIR" >&2
dd if=/dev/zero of="$DIR/raw.img" bs=1M count=1024 conv=fsync status=none
PVS=()
for i in 0 1 2; do
  dd if=/dev/zero of="$DIR/pv$i.img" bs=1M count=1040 conv=fsync status=none
  PVS+=("$DIR/pv$i.img")
done
"$ULVM" pvcreate "${PVS[@]}" >/dev/null
"$ULVM" vgcreate vg "${PVS[@]}" >/dev/null
"$ULVM" mount "$DIR/mnt" >/dev/null
"$ULVM" lvcreate -L 1G -n lin vg "${PVS[2]}" >/dev/null

LOAD0=$(cut -d" " -f1 /proc/loadavg) # the machine is shared: the 1-min load average goes into the output
sync; echo 3 > /proc/sys/vm/drop_caches
t0=$(now)
"$ULVM" lvcreate --type raid1 -m 1 -L 1G -n r1 vg "${PVS[0]}" "${PVS[1]}" >/dev/null
wait_log "vg/r1: initial sync of r1_rimage_1 done"
t1=$(now)
FULL=$(python3 -c "print($t1 - $t0)")

fio_write() { # fio_write NAME FILE
  for w in seq rand; do
    sync; echo 3 > /proc/sys/vm/drop_caches
    if [ $w = seq ]; then a="--rw=write --bs=1M --numjobs=1"; else a="--rw=randwrite --bs=4k --numjobs=4"; fi
    echo "bench: $w write on $1" >&2
    # shellcheck disable=SC2086
    fio --name="$w" --filename="$2" --ioengine=psync --direct=1 --size=1G --time_based --runtime="$RT" \
        --group_reporting --fallocate=none --randrepeat=0 $a --output-format=json --output="$DIR/json/$1-$w.json"
  done
}
fio_write raw "$DIR/raw.img"
fio_write lin "$DIR/mnt/vg/lin"
fio_write raid "$DIR/mnt/vg/r1"
split
fio_write split "$DIR/mnt/vg/r1"
merge
wait_log "merge of r1_rimage_1 done"
regions_copied() { sed -n 's/.*merge of r1_rimage_1 done: \([0-9]*\) regions.*/\1/p' "$LOG" | tail -1; }
BIG=$(regions_copied)

# 1% of the 512 regions: 5 regions written while split, then the timed merge
split
for r in 3 101 202 303 404; do
  dd if=/dev/urandom of="$DIR/mnt/vg/r1" bs=64k count=1 seek=$((r * 32)) conv=notrunc,fsync status=none
done
before=$(grep -c "merge of r1_rimage_1 done" "$LOG")
t0=$(now) # includes the lvconvert command's own run (a JVM start and a metadata commit)
merge
until [ "$(grep -c "merge of r1_rimage_1 done" "$LOG")" -gt "$before" ]; do sleep 0.005; done
t1=$(now)
MERGE=$(python3 -c "print($t1 - $t0)")
SMALL=$(regions_copied)

# issue 17: 1 GiB of changes (every region) written while split, then merged; dd of 1 GiB as the baseline
pace() { # pace PATTERN: "S MIBS" of the last daemon log line with PATTERN
  grep "$1" "$LOG" | tail -1 | sed -n 's/.* in \([0-9.]*\) s, \([0-9.]*\) MiB\/s.*/\1 \2/p'
}
echo "bench: dd of 1 GiB (bs=4M conv=fsync) as the baseline" >&2
dd if=/dev/urandom of="$DIR/rand.img" bs=4M count=256 conv=fsync status=none
sync; echo 3 > /proc/sys/vm/drop_caches
t0=$(now)
dd if="$DIR/rand.img" of="$DIR/copy.img" bs=4M conv=fsync status=none
t1=$(now)
DD=$(python3 -c "print($t1 - $t0)")
rm -f "$DIR/copy.img"
split
dd if="$DIR/rand.img" of="$DIR/mnt/vg/r1" bs=4M conv=notrunc,fsync status=none
rm -f "$DIR/rand.img"
sync; echo 3 > /proc/sys/vm/drop_caches
before=$(grep -c "merge of r1_rimage_1 done" "$LOG")
t0=$(now)
merge
until [ "$(grep -c "merge of r1_rimage_1 done" "$LOG")" -gt "$before" ]; do sleep 0.02; done
t1=$(now)
MERGEALL=$(python3 -c "print($t1 - $t0)")
ALLREGIONS=$(regions_copied)
SYNCPACE=$(pace "initial sync of r1_rimage_1 done")
MERGEPACE=$(pace "merge of r1_rimage_1 done")
# and a full sync of that 1 GiB of random data (lvchange --resync: every region from the first image)
sync; echo 3 > /proc/sys/vm/drop_caches
"$ULVM" lvchange -y --resync vg/r1 >/dev/null
wait_log "recovery of r1_rimage_1 done"
RESYNCPACE=$(pace "recovery of r1_rimage_1 done")

LOAD1=$(cut -d" " -f1 /proc/loadavg)
python3 - "$DIR/json" "$RT" "$FULL" "$MERGE" "$SMALL" "$BIG" "$LOAD0 -> $LOAD1" "$DD" "$SYNCPACE" "$MERGEPACE" "$MERGEALL" "$ALLREGIONS" "$RESYNCPACE" <<'PY'
import json, os, sys
out, rt, full, merge, small, big = sys.argv[1], sys.argv[2], float(sys.argv[3]), float(sys.argv[4]), sys.argv[5], sys.argv[6]
load = sys.argv[7]
dd = float(sys.argv[8])
sync_s, sync_mibs = (float(x) for x in sys.argv[9].split())
merge_s, merge_mibs = (float(x) for x in sys.argv[10].split())
merge_all, all_regions = float(sys.argv[11]), sys.argv[12]
resync_s, resync_mibs = (float(x) for x in sys.argv[13].split())
def fig(name, w):
    j = json.load(open(os.path.join(out, f"{name}-{w}.json")))["jobs"][0]["write"]
    return j["bw"] / 1024.0 if w == "seq" else j["iops"]
print(f"raid1 of 1 GiB, 2 MiB regions (512), three PV images on one disk; fio psync --direct=1, {rt} s per run; 1-min load average {load} (2 CPUs)\n")
print("| measure | value | ratio |")
print("|---|---:|---:|")
print(f"| initial full sync of 1 GiB (512 regions), from lvcreate | {full:.2f} s | 1.00 |")
print(f"| merge after writing 1% ({small} regions) | {merge:.3f} s | {merge / full:.3f} of the full sync |")
print(f"| (merge after the fio run while split: {big} regions) | | |")
print("\nIssue 17: the copies against dd of the same bytes on the same disk (aim: at least 0.8x)\n")
print("| copy of 1 GiB | s | MiB/s | ratio to dd |")
print("|---|---:|---:|---:|")
print(f"| dd if=A of=B bs=4M conv=fsync (baseline) | {dd:.2f} | {1024 / dd:.1f} | 1.00 |")
print(f"| raid1 initial full sync of the new LV (zeros), 2 legs (daemon log's pace) | {sync_s:.2f} | {sync_mibs:.1f} | {dd / sync_s:.2f} |")
print(f"| raid1 full sync of 1 GiB of random data (lvchange --resync; daemon log's pace) | {resync_s:.2f} | {resync_mibs:.1f} | {dd / resync_s:.2f} |")
print(f"| raid1 merge of 1 GiB of changes ({all_regions} regions; daemon log's pace) | {merge_s:.2f} | {merge_mibs:.1f} | {dd / merge_s:.2f} |")
print(f"| the same merge from the lvconvert command to its log line | {merge_all:.2f} | {1024 / merge_all:.1f} | {dd / merge_all:.2f} |")
print(f"| the full sync from the lvcreate command to its log line | {full:.2f} | {1024 / full:.1f} | {dd / full:.2f} |")
print("\nWrite throughput; cells: figure (ratio to the raw image file / ratio to the linear LV file)\n")
print("| target | MiB/s, seq write 1M j1 | IOPS, rand write 4k j4 |")
print("|---|---:|---:|")
names = (("raw", "raw image file (1 GiB, same disk)"), ("lin", "linear LV file"), ("raid", "raid1 LV file (2 legs)"),
         ("split", "raid1 with a tracked split image"))
base = {w: (fig("raw", w), fig("lin", w)) for w in ("seq", "rand")}
for key, label in names:
    cells = []
    for w in ("seq", "rand"):
        v = fig(key, w)
        num = f"{v:,.1f}" if w == "seq" else f"{v:,.0f}"
        cells.append(f"{num} ({v / base[w][0]:.2f} / {v / base[w][1]:.2f})")
    print(f"| {label} | " + " | ".join(cells) + " |")
PY
