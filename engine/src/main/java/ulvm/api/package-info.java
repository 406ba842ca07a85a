/**
 * What every layer shares: {@link ulvm.api.LvmException} (a refusal in LVM2's words, with its exit code) and
 * {@link ulvm.api.Console} (where a command's output and questions go).
 *
 * <p>Imports nothing else of ulvm.
 */
package ulvm.api;
