package ulvm.model;

import java.util.List;

/**
 * A PV as the VG metadata records it. {@code id} without dashes; sizes in sectors; {@code device} the last
 * known path. {@code extras} keeps keys not interpreted here (ba_start, tags, device_id, ...).
 */
public record Pv(String id, String device, List<String> status, List<String> flags, long devSize, long peStart, long peCount,
                 List<Section.Entry> extras) {
    public Pv {
        status = List.copyOf(status);
        flags = List.copyOf(flags);
        extras = List.copyOf(extras);
    }

    public boolean allocatable() { return status.contains("ALLOCATABLE"); }

    public boolean missingFlag() { return flags.contains("MISSING") || status.contains("MISSING"); }

    public Pv withDevice(String d) { return new Pv(id, d, status, flags, devSize, peStart, peCount, extras); }

    public Pv withAllocatable(boolean a) {
        List<String> st = new java.util.ArrayList<>(status);
        st.remove("ALLOCATABLE");
        if (a) st.add(0, "ALLOCATABLE");
        return new Pv(id, device, st, flags, devSize, peStart, peCount, extras);
    }

    public Pv withSize(long devSizeSectors, long pes) { return new Pv(id, device, status, flags, devSizeSectors, peStart, pes, extras); }

    /** With the status flag {@code flag} set or cleared (vgexport's EXPORTED). */
    public Pv withStatusFlag(String flag, boolean on) {
        List<String> st = new java.util.ArrayList<>(status);
        st.remove(flag);
        if (on) st.add(flag);
        return new Pv(id, device, st, flags, devSize, peStart, peCount, extras);
    }

    public Pv withFlags(List<String> f) { return new Pv(id, device, status, f, devSize, peStart, peCount, extras); }
}
