#!/usr/bin/env bash
# The main job on a default set of images: installs what is missing, builds, makes three sparse 1 GiB PV files
# under ./images, a VG "vg" with a linear LV and a striped LV, and shows them.
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
fi
"$U" pvs
"$U" vgs
"$U" lvs -a -o +devices
echo
echo "ULVM_SYSTEM_DIR=$ULVM_SYSTEM_DIR holds the devices file; export it to use these images with ./ulvm."
