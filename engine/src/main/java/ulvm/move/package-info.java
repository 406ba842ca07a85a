/**
 * pvmove: the pvmove LV's set-up ({@link ulvm.move.MoveSetup}), the chunked copy with its checkpoints
 * ({@link ulvm.move.MoveCopier}) and progress record ({@link ulvm.move.MoveRecord}) and the finish or abort steps ({@link ulvm.move.MoveFinish}). docs/design.md §7.
 *
 * <p>Imports {@code model}, {@code segtype}, {@code io}, {@code alloc}, {@code format} and {@code api}.
 */
package ulvm.move;
