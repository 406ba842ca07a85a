/**
 * The daemon's active LVs ({@link ulvm.live.LiveVolume}), which are files and the running raid1 arrays and snapshot
 * stores that outlive table swaps ({@link ulvm.live.Activation}); the image files they run on
 * ({@link ulvm.live.ImageFiles}); the live switch: suspend, swap tables, resume ({@link ulvm.live.LiveSwitch}); what
 * the running arrays and snapshots report ({@link ulvm.live.LiveStatus}). docs/design.md §4.
 *
 * <p>Imports {@code model}, {@code segtype}, {@code format}, {@code io}, {@code mapping}, {@code raid}, {@code snapshot},
 * {@code move} and {@code store}; never {@code ops}.
 */
package ulvm.live;
