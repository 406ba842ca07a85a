#!/usr/bin/env bash
# Installs what ulvm and its tests need, when missing: a JDK 17, Maven, libfuse2, fuse3, lvm2, thin-provisioning-tools
# (thin_check, thin_dump, thin_restore: the judges of the thin pool metadata tests), e2fsprogs, fio, qemu-utils,
# libnbd's clients (nbdinfo, nbdcopy, nbdsh and its python3 module), openssl (the NBD TLS tests' certificates).
set -euo pipefail
need=()
command -v java >/dev/null || need+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null || need+=(maven)
ldconfig -p 2>/dev/null | grep -q 'libfuse.so.2' || need+=(libfuse2)
command -v fusermount3 >/dev/null || need+=(fuse3)
command -v vgck >/dev/null || need+=(lvm2)
command -v thin_check >/dev/null || need+=(thin-provisioning-tools)
command -v mkfs.ext4 >/dev/null || need+=(e2fsprogs)
command -v fio >/dev/null || need+=(fio)
command -v qemu-img >/dev/null || need+=(qemu-utils)
command -v nbdcopy >/dev/null || need+=(libnbd-bin)
[ -f /usr/lib/python3/dist-packages/nbd.py ] || need+=(python3-libnbd)
command -v openssl >/dev/null || need+=(openssl)
command -v losetup >/dev/null || need+=(mount)
if [ ${#need[@]} -gt 0 ]; then
  echo "Installing: ${need[*]}" >&2
  SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi
