#!/usr/bin/env bash
# raid0/10/4/5/6 benchmark (issue 21; run by `bench/run.sh raid` after the raid1 one, or alone): on one ulvm mount
# with six PV images, fio (psync, --direct=1; sequential 1 MiB write and read, random 4 KiB write and read at 4 jobs;
# page caches dropped before each run) on LV files of BENCH_SIZE_MIB each:
#   raw   the raw image file            lin   a linear LV            str2, str4  striped -i 2 / -i 4 (64 KiB stripes)
#   r0    raid0 -i 2                    r10   raid10 -i 2 -m 1 (4 images)
#   r5a   raid5 -i 2 (3 images)         r5b   raid5 -i 4 (5 images)   r6   raid6 -i 3 (5 images: LVM2's least for raid6)
# each raid LV synced first; then with pv1's image moved away and the mount restarted, sequential and random reads of
# the raid LVs degraded (raid6 and raid10 by one image, raid5 by one); then `lvconvert --repair` of r5a onto the spare
# pv5, timed from the command to the daemon's "recovery ... done" line (rebuild MiB/s of the new image's bytes).
# Prints a markdown table with the issue's ratios: raid0 / striped on 2 images (aim >= 0.9), raid5 sequential writes
# (1 MiB: full stripes of 128 KiB and 256 KiB) / striped on its data images (aim >= 0.6), degraded / healthy sequential
# reads (aim >= 0.5). Needs root, fio, python3, /dev/fuse.
# Env: BENCH_RUNTIME (s per fio run, default 5: about 4 minutes of fio), BENCH_SIZE_MIB (per LV, default 256),
# BENCH_DIR (scratch dir, default /var/tmp/ulvm-bench-levels; removed afterwards).
set -euo pipefail
HERE="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
RT=${BENCH_RUNTIME:-5}
SIZE=${BENCH_SIZE_MIB:-256}
DIR=${BENCH_DIR:-/var/tmp/ulvm-bench-levels}
ULVM="$HERE/ulvm"
for t in fio python3 findmnt; do command -v "$t" >/dev/null || { echo "bench: $t is missing" >&2; exit 1; }; done
[ "$(id -u)" = 0 ] || { echo "bench: needs root" >&2; exit 1; }
[ -z "$(ls -A "$DIR" 2>/dev/null)" ] || { echo "bench: $DIR exists and is not empty" >&2; exit 1; }
mkdir -p "$DIR"/{sys,mnt,json}
OUT="$DIR/json"
# shellcheck source=bench/common.sh
. "$HERE/bench/common.sh"
cleanup() {
  set +e
  findmnt -n --mountpoint "$DIR/mnt" >/dev/null && "$ULVM" umount "$DIR/mnt" >/dev/null
  rm -rf "$DIR"
}
trap cleanup EXIT
now() { date +%s.%N; }
LEVEL_WORKLOADS=(seqwrite seqread randwrite4 randread4)
measure() { # measure TARGET FILE [WORKLOAD...]
  local t=$1 f=$2 w
  shift 2
  for w in "${@:-${LEVEL_WORKLOADS[@]}}"; do fio_one "$w" "$t" "$f"; done
}
raid() { # raid NAME LVCREATE-ARGS... PVS...: creates the LV while mounted, returns after its initial sync
  local name=$1
  shift
  "$ULVM" lvcreate -y -L "${SIZE}M" -n "$name" "$@" >/dev/null
  until grep -q "vg/$name: initial sync done" "$LOG" 2>/dev/null; do sleep 0.05; done
}

PV_MIB=$((SIZE * 3 + 64))
echo "bench: preparing a ${SIZE} MiB raw image and six ${PV_MIB} MiB PV images in $DIR (written out)" >&2
dd if=/dev/zero of="$DIR/raw.img" bs=1M count="$SIZE" conv=fsync status=none
P=()
for i in 0 1 2 3 4 5; do
  dd if=/dev/zero of="$DIR/pv$i.img" bs=1M count="$PV_MIB" conv=fsync status=none
  P+=("$DIR/pv$i.img")
done
"$ULVM" pvcreate "${P[@]}" >/dev/null
"$ULVM" vgcreate vg "${P[@]}" >/dev/null
LOAD0=$(cut -d" " -f1 /proc/loadavg) # the machine is shared: the 1-min load average goes into the output
mount_ulvm
"$ULVM" lvcreate -y -L "${SIZE}M" -n lin vg "${P[0]}" >/dev/null
"$ULVM" lvcreate -y -i 2 -I 64k -L "${SIZE}M" -n str2 vg "${P[1]}" "${P[2]}" >/dev/null
"$ULVM" lvcreate -y -i 4 -I 64k -L "${SIZE}M" -n str4 vg "${P[@]:1:4}" >/dev/null
"$ULVM" lvcreate -y --type raid0 -i 2 -I 64k -L "${SIZE}M" -n r0 vg "${P[1]}" "${P[2]}" >/dev/null
raid r10 --type raid10 -i 2 -m 1 vg "${P[@]:1:4}"
raid r5a --type raid5 -i 2 vg "${P[@]:0:3}"
raid r5b --type raid5 -i 4 vg "${P[@]:0:5}"
raid r6 --type raid6 -i 3 vg "${P[@]:0:5}"

measure raw "$DIR/raw.img"
for lv in lin str2 str4 r0 r10 r5a r5b r6; do measure "$lv" "$DIR/mnt/vg/$lv"; done

# degraded: pv1 gone (every raid LV loses one image; the striped and raid0 LVs cannot run without it: removed first)
"$ULVM" lvremove -y vg/str2 vg/str4 vg/r0 >/dev/null
umount_ulvm
mv "${P[1]}" "$DIR/pv1.away"
mount_ulvm
for lv in r10 r5a r5b r6; do measure "$lv-degraded" "$DIR/mnt/vg/$lv" seqread randread4; done

# rebuild: r5a's lost image onto pv5 (SIZE/2 MiB of image bytes)
before=$(grep -c "vg/r5a: recovery of .* done" "$LOG" || true)
t0=$(now)
"$ULVM" lvconvert --repair -y vg/r5a "${P[5]}" >/dev/null
until [ "$(grep -c "vg/r5a: recovery of .* done" "$LOG" || true)" -gt "$before" ]; do sleep 0.02; done
t1=$(now)
REBUILD=$(python3 -c "print($t1 - $t0)")
LOAD1=$(cut -d" " -f1 /proc/loadavg)

python3 - "$OUT" "$RT" "$SIZE" "$REBUILD" "$LOAD0 -> $LOAD1" <<'PY'
import json, os, sys
out, rt, size, rebuild, load = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4]), sys.argv[5]
def fig(target, w):
    j = json.load(open(os.path.join(out, f"{w}-{target}.json")))["jobs"][0]
    side = j["read"] if "read" in w else j["write"]
    return side["bw"] / 1024.0 if w.startswith("seq") else side["iops"]
cols = (("seqwrite", "MiB/s seq write 1M"), ("seqread", "MiB/s seq read 1M"), ("randwrite4", "IOPS rand write 4k j4"),
        ("randread4", "IOPS rand read 4k j4"))
rows = (("raw", "raw image file"), ("lin", "linear LV"), ("str2", "striped -i 2"), ("str4", "striped -i 4"),
        ("r0", "raid0 -i 2"), ("r10", "raid10 -i 2 -m 1 (4 images)"), ("r5a", "raid5 -i 2 (3 images)"),
        ("r5b", "raid5 -i 4 (5 images)"), ("r6", "raid6 -i 3 (5 images)"))
print(f"raid levels, {size} MiB LVs on six PV images on one disk; fio psync --direct=1, {rt} s per run; "
      f"1-min load average {load} (2 CPUs). Cells: figure (ratio to the raw file / to the linear LV)\n")
print("| target | " + " | ".join(c[1] for c in cols) + " |")
print("|---|" + "---:|" * len(cols))
for key, label in rows:
    cells = []
    for w, _ in cols:
        v = fig(key, w)
        cells.append(f"{v:,.1f} ({v / fig('raw', w):.2f} / {v / fig('lin', w):.2f})" if w.startswith("seq")
                     else f"{v:,.0f} ({v / fig('raw', w):.2f} / {v / fig('lin', w):.2f})")
    print(f"| {label} | " + " | ".join(cells) + " |")
print("\nDegraded (pv1's image gone, the mount restarted)\n")
print("| target | MiB/s seq read 1M | ratio to healthy | IOPS rand read 4k j4 | ratio to healthy |")
print("|---|---:|---:|---:|---:|")
for key, label in rows[5:]:
    s, r = fig(key + "-degraded", "seqread"), fig(key + "-degraded", "randread4")
    print(f"| {label}, one image missing | {s:,.1f} | {s / fig(key, 'seqread'):.2f} | {r:,.0f} | {r / fig(key, 'randread4'):.2f} |")
img = size / 2
print(f"\nRebuild of raid5 -i 2's lost image ({img:.0f} MiB) onto a spare, from `lvconvert --repair` to the daemon's "
      f"log line: {rebuild:.2f} s, {img / rebuild:.1f} MiB/s\n")
def aim(label, v, want):
    print(f"| {label} | {v:.2f} | {want} | {'yes' if v >= want else 'no'} |")
print("| aim (issue 21) | ratio | at least | holds |")
print("|---|---:|---:|---|")
aim("raid0 -i 2 / striped -i 2, seq write", fig("r0", "seqwrite") / fig("str2", "seqwrite"), 0.9)
aim("raid0 -i 2 / striped -i 2, seq read", fig("r0", "seqread") / fig("str2", "seqread"), 0.9)
aim("raid0 -i 2 / striped -i 2, rand write", fig("r0", "randwrite4") / fig("str2", "randwrite4"), 0.9)
aim("raid0 -i 2 / striped -i 2, rand read", fig("r0", "randread4") / fig("str2", "randread4"), 0.9)
aim("raid5 3 images seq write / striped -i 2", fig("r5a", "seqwrite") / fig("str2", "seqwrite"), 0.6)
aim("raid5 5 images seq write / striped -i 4", fig("r5b", "seqwrite") / fig("str4", "seqwrite"), 0.6)
for key, label in rows[5:]:
    aim(f"{label} degraded / healthy seq read", fig(key + "-degraded", "seqread") / fig(key, "seqread"), 0.5)
PY
