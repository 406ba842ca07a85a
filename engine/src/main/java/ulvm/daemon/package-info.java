/**
 * The socket protocol between the {@code ulvm} command and a running mount daemon: forwarding a command, relaying
 * its output, questions and exit code.
 *
 * <p>Imports {@code api} only.
 */
package ulvm.daemon;
