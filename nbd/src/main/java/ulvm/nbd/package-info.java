/**
 * The NBD server: fixed newstyle negotiation, transmission with structured replies, TLS, over unix and TCP
 * sockets. It serves {@link ulvm.nbd.Exports}: the daemon hands it the active LVs; nothing here knows LVM.
 *
 * <p>{@link ulvm.nbd.NbdServer} binds the {@link ulvm.nbd.Listener}s and runs a {@link ulvm.nbd.Connection} per
 * client: {@link ulvm.nbd.Negotiation} haggles options (upgrading its {@link ulvm.nbd.Wire} to a
 * {@link ulvm.nbd.TlsWire} on STARTTLS) into a {@link ulvm.nbd.Session}; {@link ulvm.nbd.Transmission} reads
 * requests and hands them to workers, capped by {@link ulvm.nbd.InFlight}; {@link ulvm.nbd.Requests} serves each
 * against the export's volume and answers through {@link ulvm.nbd.Replies}. {@link ulvm.nbd.Protocol} holds the
 * constants of the specification, {@link ulvm.nbd.NbdTls} makes the TLS context from qemu's credentials layout.
 */
package ulvm.nbd;
