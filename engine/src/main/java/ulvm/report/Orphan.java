package ulvm.report;

/** A labelled PV that belongs to no VG. {@code uuid} without dashes. */
public record Orphan(String uuid, Device device) {}
