/**
 * lvm.conf: {@code $ULVM_SYSTEM_DIR/lvm.conf} and {@code lvmlocal.conf} with LVM2's syntax, overridden by
 * {@code --config}, as LVM2 merges them; the settings ulvm honours, their defaults, and the refusal of any other.
 */
package ulvm.config;
