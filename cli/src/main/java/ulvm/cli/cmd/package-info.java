/**
 * One picocli class per LVM2 command: option parsing and LVM2's command-line refusals (exit 3), then a call into
 * {@code ops} or {@code report}; no other logic.
 *
 * <p>Imports picocli, {@code ulvm.cli}, and of the engine {@code api}, {@code ops}, {@code report}, plus a few value
 * types ({@code alloc}, {@code model}, {@code format.Uuid}, {@code live.ActivationMode}, {@code store.Scan}, the raid
 * and snapshot status records).
 */
package ulvm.cli.cmd;
