package ulvm.nbd;

import java.util.List;

/**
 * What negotiation agreed with one client: the open export, the wire (TLS or not), structured replies and the
 * selected metadata contexts (context id {@code i + 1} is {@code contexts.get(i)}).
 */
record Session(Wire wire, String name, Export export, boolean structured, List<String> contexts) {
    /** The transmission flags advertised for this export. */
    static int flags(Export export, boolean structured) {
        int flags = Protocol.FLAG_HAS_FLAGS | Protocol.FLAG_CAN_MULTI_CONN | Protocol.FLAG_SEND_CACHE;
        if (structured) flags |= Protocol.FLAG_SEND_DF;
        if (export.readOnly()) return flags | Protocol.FLAG_READ_ONLY;
        return flags | Protocol.FLAG_SEND_FLUSH | Protocol.FLAG_SEND_FUA | Protocol.FLAG_SEND_TRIM
                | Protocol.FLAG_SEND_WRITE_ZEROES;
    }
}
