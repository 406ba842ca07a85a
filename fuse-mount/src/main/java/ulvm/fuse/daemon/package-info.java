/**
 * The mount daemon: {@link ulvm.fuse.daemon.Daemon} (its lifecycle, following its mount), the mount and umount
 * commands, the live hooks that connect commands to {@code live.Activation}, and the background pvmoves and
 * snapshot merges. docs/design.md §10.
 *
 * <p>Imports {@code ulvm.fuse}, {@code ulvm.cli}, picocli and any engine package.
 */
package ulvm.fuse.daemon;
