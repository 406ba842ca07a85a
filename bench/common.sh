# Shared by bench/run.sh and bench/profile.sh (sourced): the fio workloads, loop devices, the VG of three PV images,
# the null mount. Expects HERE, DIR, SIZE (MiB), RT (s), OUT (fio JSON dir), ULVM set, and DIR/{sys,mnt,null} made.
# shellcheck shell=bash
WORKLOADS=(seqread seqwrite randread1 randread4 randwrite1 randwrite4)
declare -A ARGS_OF=(
  [seqread]="--rw=read --bs=1M --numjobs=1"
  [seqwrite]="--rw=write --bs=1M --numjobs=1"
  [randread1]="--rw=randread --bs=4k --numjobs=1"
  [randread4]="--rw=randread --bs=4k --numjobs=4"
  [randwrite1]="--rw=randwrite --bs=4k --numjobs=1"
  [randwrite4]="--rw=randwrite --bs=4k --numjobs=4"
)
LOOPS=() LOOP="" NULL_PID=""
export ULVM_SYSTEM_DIR="$DIR/sys"
LOG="$DIR/sys/run/ulvmd.log"

fio_one() { # fio_one WORKLOAD TARGET FILE [DIRECT]: one fio run after dropping the page cache, JSON in OUT
  sync
  echo 3 > /proc/sys/vm/drop_caches
  echo "bench: $1 on $2" >&2
  # shellcheck disable=SC2086
  fio --name="$1" --filename="$3" --ioengine=psync --direct="${4:-1}" --size="${SIZE}M" \
      --time_based --runtime="$RT" --group_reporting --fallocate=none --randrepeat=0 \
      ${ARGS_OF[$1]} --output-format=json --output="$OUT/$1-$2.json"
}
loop_dio() { # loop_dio FILE: attaches a loop device with direct I/O; sets LOOP
  LOOP=$(losetup -f --show --direct-io=on "$1")
  LOOPS+=("$LOOP")
  [ "$(cat "/sys/block/${LOOP#/dev/}/loop/dio")" = 1 ] || echo "bench: warning: $LOOP over $1 fell back to buffered I/O" >&2
}
detach_loops() {
  for l in "${LOOPS[@]}"; do losetup -d "$l"; done
  LOOPS=()
  sleep 0.5
}
wait_fstype() { # wait_fstype DIR TYPE
  for _ in $(seq 200); do [ "$(findmnt -n -o FSTYPE --mountpoint "$1" 2>/dev/null)" = "$2" ] && return; sleep 0.05; done
  echo "bench: $1 is not a $2 mount" >&2
  exit 1
}
mount_ulvm() { # mount_ulvm [OPTION...]
  "$ULVM" mount "$@" "$DIR/mnt" >/dev/null
  wait_fstype "$DIR/mnt" fuse.ulvm
}
umount_ulvm() {
  detach_loops
  "$ULVM" umount "$DIR/mnt" >/dev/null
}
make_vg() { # VG vg: pv0 holds the linear LV "lin"; pv1 and pv2 a half of the striped LV "str" each, and room for raid1
  dd if=/dev/zero of="$DIR/pv0.img" bs=1M count=$((SIZE + 8)) conv=fsync status=none
  for i in 1 2; do dd if=/dev/zero of="$DIR/pv$i.img" bs=1M count=$((SIZE * 3 / 2 + 16)) conv=fsync status=none; done
  "$ULVM" pvcreate "$DIR"/pv{0,1,2}.img >/dev/null
  "$ULVM" vgcreate vg "$DIR"/pv{0,1,2}.img >/dev/null
  "$ULVM" lvcreate -L "${SIZE}M" -n lin vg "$DIR/pv0.img" >/dev/null
  "$ULVM" lvcreate -i 2 -I 64k -L "${SIZE}M" -n str vg "$DIR/pv1.img" "$DIR/pv2.img" >/dev/null
}
make_raid1() { # while mounted: the raid1 LV "r1" on pv1 and pv2, returns after its initial sync
  "$ULVM" lvcreate --type raid1 -m 1 -L "${SIZE}M" -n r1 vg "$DIR/pv1.img" "$DIR/pv2.img" >/dev/null
  until grep -q "vg/r1: initial sync of r1_rimage_1 done" "$LOG" 2>/dev/null; do sleep 0.1; done
}
start_null() { # the null volume on DIR/null (DIR/null/null/lv), after a first ulvm command built the jar;
  # ULVM_DAEMON_JAVA_OPTS reaches its JVM too
  local jar
  jar=$(ls "$HERE"/fuse-mount/target/ulvm-fuse-mount-*.jar | head -1)
  # shellcheck disable=SC2086
  java ${ULVM_DAEMON_JAVA_OPTS:-} -cp "$jar:$HERE/fuse-mount/target/lib/*" ulvm.fuse.daemon.NullMount "$DIR/null" "$SIZE" \
    >"$DIR/null.log" 2>&1 &
  NULL_PID=$!
  wait_fstype "$DIR/null" fuse.ulvm
}
stop_null() {
  findmnt -n --mountpoint "$DIR/null" >/dev/null && umount "$DIR/null"
  [ -z "$NULL_PID" ] || wait "$NULL_PID" || true
  NULL_PID=""
}
