package ulvm.store;

import ulvm.format.MdaHeader;
import ulvm.format.MetadataArea;
import ulvm.model.Vg;

/** What one metadata area holds: its header and the VG parsed from the committed text (null if none or bad). */
public record MdaCopy(PvDevice pv, MetadataArea mda, MdaHeader header, String text, Vg vg, String error) {
    public boolean ignored() { return header != null && header.committed().ignored(); }
}
