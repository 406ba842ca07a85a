/**
 * pvs, vgs, lvs and the display commands: fields, attr characters, units, report formats.
 *
 * <p>Imports {@code model}, {@code segtype}, {@code format}, {@code store}, {@code api} and the status types of {@code raid},
 * {@code snapshot} and {@code move}; never {@code ops} or {@code live}.
 */
package ulvm.report;
