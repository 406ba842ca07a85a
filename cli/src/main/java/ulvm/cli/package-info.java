/**
 * The {@code ulvm} command line: {@link ulvm.cli.Main} (the single entry point; forwards to a running daemon), the
 * command base class and shared options.
 *
 * <p>Imports picocli, {@code cli.cmd}, and of the engine {@code api}, {@code ops}, {@code store} and {@code daemon}.
 */
package ulvm.cli;
