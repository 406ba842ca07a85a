/**
 * The data path of raid0, raid10 and raid4/5/6 LVs in md's layouts, so images stay interchangeable with the kernel's
 * dm-raid: the sector mapping ({@link ulvm.raid.md.MdLayout}, {@link ulvm.raid.md.MdAlgorithm}), P and Q parity and
 * their recovery over GF(2^8) ({@link ulvm.raid.md.Parity}, {@link ulvm.raid.md.Gf256}), and the array's I/O with
 * stripe locks, write-intent bits, degraded reads, resync, rebuild and check ({@link ulvm.raid.md.MdArray}).
 *
 * <p>Imports {@code io}, {@code mapping} and {@code bitmap}.
 */
package ulvm.raid.md;
