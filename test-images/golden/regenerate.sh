#!/bin/bash
# regenerate.sh: rebuilds the golden images in ../src/test/resources/golden/<set>/ with real LVM2 2.03.16.
# Needs root, loop devices, Debian's lvm2, python3 and xz. Activation stays off (no device-mapper here): the
# layouts lvcreate cannot make without device-mapper (raid1, snapshot) are restored from raid1.vg and snapshot.vg
# with real vgcfgrestore, and pvmove0 is what real `pvmove -i 0` sets up and commits before it stops.
# Each set: pvN.img.xz (16 MiB sparse PVs, VG "vg", 1 MiB extents, PV ids GoLdEn-PV...), data written by fill.py
# where real LVM2's report says each LV's bytes are, and expected.txt: what real LVM2 said of the images.
# Usage: regenerate.sh [SET...]   (default: every set)
set -euo pipefail
export LVM_SUPPRESS_FD_WARNINGS=1 LC_ALL=C
HERE=$(cd "$(dirname "$(readlink -f "$0")")" && pwd)
OUT=$HERE/../src/test/resources/golden
CONF='global{activation=0} devices{hints="none"} backup{backup=0 archive=0}'
REPORT=(--noheadings --separator '|' --units b --nosuffix)
LVS=(lvs -a "${REPORT[@]}" -o lv_name,lv_attr,lv_size,segtype,seg_start_pe,seg_size_pe,devices,stripes,stripe_size,origin,move_pv)
PVS=(pvs "${REPORT[@]}" -o pv_name,pv_uuid,vg_name,pv_size,pv_free,pe_start,pv_pe_count,pv_pe_alloc_count)
VGS=(vgs "${REPORT[@]}" -o vg_name,pv_count,lv_count,vg_size,vg_free,vg_extent_size,seqno)
[ "$(id -u)" = 0 ] || { echo "regenerate.sh: needs root (loop devices)" >&2; exit 2; }
lvm version 2>/dev/null | grep -q 'LVM version: *2\.03\.16' || echo "regenerate.sh: WARNING: not LVM2 2.03.16" >&2

WORK=$(mktemp -d)
LOOPS=()
detach() { for l in "${LOOPS[@]}"; do losetup -d "$l" 2>/dev/null || true; done; LOOPS=(); }
trap 'detach; rm -rf "$WORK"' EXIT

# begin SET N: N fresh PVs pv0.img... attached to loop devices, labelled with the golden PV ids
begin() {
  SET=$1 DIR=$WORK/$1 IMGS=() DEVS=
  mkdir -p "$DIR"
  local ids=(GoLdEn-PVaa-0000-0000-0000-0000-00000a GoLdEn-PVbb-0000-0000-0000-0000-00000b)
  for ((i = 0; i < $2; i++)); do
    truncate -s 16M "$DIR/pv$i.img"
    IMGS+=("$DIR/pv$i.img")
    LOOPS+=("$(losetup -f --show "$DIR/pv$i.img")")
  done
  DEVS=$(IFS=,; echo "${LOOPS[*]}")
  for ((i = 0; i < $2; i++)); do real pvcreate --uuid "${ids[$i]}" --norestorefile "$(pv $i)"; done
}
pv() { echo "${LOOPS[$1]}"; }
# the image file names for the loop devices, in LVM2's output
names() { local s=(); for k in "${!LOOPS[@]}"; do s+=(-e "s|${LOOPS[$k]}\\b|$(basename "${IMGS[$k]}")|g"); done; sed "${s[@]}"; }
paths() { local s=(); for k in "${!LOOPS[@]}"; do s+=(-e "s|${LOOPS[$k]}\\b|${IMGS[$k]}|g"); done; sed "${s[@]}"; }
# LVM2's lines that only say there is no device-mapper, backup or lvmpolld here
quiet() { grep -v -e 'Activation disabled' -e 'NOT backed up' -e 'not zeroed' -e /dev/mapper/control -e 'with kernel' \
  -e 'device-mapper is available' -e 'Incompatible libdevmapper' -e 'check for active' -e lvmpolld || true; }
real() {
  local c=$1; shift
  echo "+ $c $*" | names >&2
  "$c" --devices "$DEVS" --config "$CONF" "$@" 2> >(quiet >&2)
}
# fill LV=PATTERN...: the pattern over each LV, placed by real LVM2's report
fill() {
  { real vgs "${REPORT[@]}" -o vg_extent_size vg; echo --; real pvs "${REPORT[@]}" -o pv_name,pe_start; echo --
    real lvs -a "${REPORT[@]}" -o lv_name,seg_start_pe,seg_size_pe,devices,stripes,stripe_size vg; } | paths > "$DIR/report"
  python3 "$HERE/fill.py" "$DIR/report" "$@"
}
# end: expected.txt from real LVM2, vgck clean, detach, compress into $OUT/SET
end() {
  real vgck vg | quiet >&2
  { echo "# What real LVM2 $(lvm version 2>/dev/null | sed -n 's/ *LVM version: *\([^ ]*\).*/\1/p') said of these images when regenerate.sh wrote them"
    echo "# (device names: the image files; lv_attr columns 5-6 are XX: no activation)."
    for cmd in LVS PVS VGS; do
      local -n c=$cmd
      echo "\$ ${c[*]}"
      real "${c[@]}" | names
    done; } > "$DIR/expected.txt"
  detach
  rm -rf "${OUT:?}/$SET"; mkdir -p "$OUT/$SET"
  for i in "${IMGS[@]}"; do xz -9 -c "$i" > "$OUT/$SET/$(basename "$i").xz"; done
  cp "$DIR/expected.txt" "$OUT/$SET/"
  echo "golden/$SET: $(du -cb "$OUT/$SET"/* | tail -1 | cut -f1) bytes" >&2
}

linear() {
  begin linear 1
  real vgcreate -s 1m vg "$(pv 0)"
  real lvcreate -an -Zn -Wn -l 4 -n lin vg "$(pv 0)"
  fill lin=lin
  end
}

striped() {
  begin striped 2
  real vgcreate -s 1m vg "$(pv 0)" "$(pv 1)"
  real lvcreate -an -Zn -Wn -i 2 -I 64k -l 6 -n s2 vg
  fill s2=s2
  end
}

multi-segment() {
  begin multi-segment 2
  real vgcreate -s 1m vg "$(pv 0)" "$(pv 1)"
  real lvcreate -an -Zn -Wn -l 3 -n multi vg "$(pv 0)"
  real lvcreate -an -Zn -Wn -l 2 -n gap vg "$(pv 0)"
  real lvextend -l +2 vg/multi "$(pv 1)"
  real lvextend -l +2 vg/multi "$(pv 0)"
  fill multi=multi gap=gap
  end
}

# A fresh raid1 array: rmetas zeroed (no write-intent record: a new array, synced in full from the first image at
# its first activation), r1's data on rimage_0 only, rimage_1 zeros.
raid1() {
  begin raid1 2
  real vgcfgrestore -f "$HERE/raid1.vg" vg
  fill r1_rimage_0=r1
  end
}

# A new snapshot: the COW's first 4 KiB zero (as lvcreate -s leaves it: an empty store), the origin's data.
snapshot() {
  begin snapshot 1
  real vgcfgrestore -f "$HERE/snapshot.vg" vg
  fill lin=lin
  end
}

# pvmove of pv0 to pv1 set up and committed by real pvmove, not copied: lv1 (two segments) and gap on pvmove0.
pvmove0() {
  begin pvmove0 2
  real vgcreate -s 1m vg "$(pv 0)" "$(pv 1)"
  real lvcreate -an -Zn -Wn -l 3 -n lv1 vg "$(pv 0)"
  real lvcreate -an -Zn -Wn -l 2 -n gap vg "$(pv 0)"
  real lvextend -l +2 vg/lv1 "$(pv 0)"
  fill lv1=lv1 gap=gap
  real pvmove -i 0 "$(pv 0)" "$(pv 1)" | grep -q 'Interrupted: No longer active.' || { echo "pvmove did not stop as expected" >&2; exit 1; }
  end
}

SETS=("$@"); [ ${#SETS[@]} -gt 0 ] || SETS=(linear striped multi-segment raid1 snapshot pvmove0)
for s in "${SETS[@]}"; do "$s"; done
