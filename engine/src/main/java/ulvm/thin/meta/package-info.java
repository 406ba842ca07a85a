/**
 * A thin pool's metadata in dm-thin's persistent-data format (the pool's {@code _tmeta} LV), read and written as the
 * kernel does: 4 KiB blocks, a superblock at block 0, space maps for metadata and data blocks, the two-level mapping
 * btree and the device-details btree, all copy-on-write between commits. {@link ulvm.thin.meta.PoolMetadata} is the
 * API; docs/format.md describes the format.
 */
package ulvm.thin.meta;
