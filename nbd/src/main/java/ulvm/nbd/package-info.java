/**
 * The NBD server: fixed newstyle negotiation, transmission with structured replies, TLS, over unix and TCP
 * sockets. It serves {@link ulvm.nbd.Exports}: the daemon hands it the active LVs; nothing here knows LVM.
 */
package ulvm.nbd;
