/**
 * The daemon's active LVs ({@link ulvm.live.LiveVolume}) and the live switch: suspend, swap tables, resume, with
 * the running raid1 arrays and snapshot stores that outlive table swaps ({@link ulvm.live.Activation}).
 * docs/design.md §4.
 *
 * <p>Imports {@code model}, {@code segtype}, {@code format}, {@code io}, {@code mapping}, {@code raid}, {@code snapshot},
 * {@code move} and {@code store}; never {@code ops}.
 */
package ulvm.live;
