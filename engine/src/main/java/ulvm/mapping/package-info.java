/**
 * How an LV's bytes reach image files: immutable tables ({@link ulvm.mapping.LvTable}, built by
 * {@link ulvm.mapping.TableBuilder}), linear/striped and error targets, the pvmove LV as a device
 * ({@link ulvm.mapping.PvMoveDevice}) and its range lock ({@link ulvm.mapping.MoveLock}).
 *
 * <p>Imports {@code model}, {@code segtype} and {@code io}.
 */
package ulvm.mapping;
