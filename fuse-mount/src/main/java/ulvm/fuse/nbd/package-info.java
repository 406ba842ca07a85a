/**
 * What the daemon serves over NBD: {@link ulvm.fuse.nbd.LiveExports}, the active LVs of the mount's
 * {@link ulvm.fuse.VolumeTree} as exports {@code VG/LV} (those `ulvm nbd --remove` hid left out, those added
 * --readonly read-only), each open counted as a use of the LV; and {@link ulvm.fuse.nbd.NbdSettings}, the
 * {@code ulvm mount --nbd*} options. The protocol is {@code ulvm.nbd}'s.
 */
package ulvm.fuse.nbd;
