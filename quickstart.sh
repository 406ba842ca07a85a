#!/usr/bin/env bash
# The main job on a default set of images: installs what is missing, builds, makes three sparse 1 GiB PV files
# under ./images, a VG "vg" with a linear, a striped and a raid1 LV, mounts them at ./images/mnt and says what next.
set -euo pipefail
HERE="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
"$HERE/scripts/install-deps.sh"
IMAGES="${IMAGES:-$HERE/images}"
export ULVM_SYSTEM_DIR="${ULVM_SYSTEM_DIR:-$IMAGES/sys}"
U="$HERE/ulvm"
mkdir -p "$IMAGES"
if ! "$U" vgs vg >/dev/null 2>&1; then
  truncate -s 1G "$IMAGES/pv1.img" "$IMAGES/pv2.img" "$IMAGES/pv3.img"
  "$U" pvcreate "$IMAGES/pv1.img" "$IMAGES/pv2.img" "$IMAGES/pv3.img"
  "$U" vgcreate vg "$IMAGES/pv1.img" "$IMAGES/pv2.img" "$IMAGES/pv3.img"
  "$U" lvcreate -L 512M -n lin vg
  "$U" lvcreate -i 3 -I 64k -L 768M -n striped vg
  "$U" lvcreate --type raid1 -m 1 -L 128M -n mirrored vg
fi
"$U" pvs
"$U" vgs
"$U" lvs -a -o +devices
MNT="$IMAGES/mnt"
mkdir -p "$MNT"
if ! findmnt "$MNT" >/dev/null 2>&1 || [ ! -e "$MNT/vg" ]; then "$U" mount "$MNT"; fi
ls -l "$MNT/vg"
"$U" lvs -a -o name,copy_percent,devices vg      # the raid1 syncs in the background (Cpy%Sync)
cat <<NEXT

The LVs are files now. Next (as root):
  export ULVM_SYSTEM_DIR=$ULVM_SYSTEM_DIR     # so ./ulvm finds these images and the running mount
  LOOP=\$(losetup -f --show --direct-io=on $MNT/vg/lin)
  mkfs.ext4 \$LOOP && mkdir -p /mnt/lin && mount \$LOOP /mnt/lin
  fio --name=t --filename=$MNT/vg/striped --direct=1 --rw=randread --bs=4k --numjobs=4 --runtime=10 --time_based --group_reporting
  ./ulvm lvextend -L +256M vg/lin && losetup -c \$LOOP  # grows live
  ./ulvm lvconvert --splitmirrors 1 --trackchanges vg/mirrored   # $MNT/vg/mirrored_rimage_1: frozen, read-only
  ./ulvm lvconvert --merge vg/mirrored_rimage_1                  # copies back only what changed
  umount /mnt/lin; losetup -d \$LOOP; ./ulvm umount $MNT
NEXT
