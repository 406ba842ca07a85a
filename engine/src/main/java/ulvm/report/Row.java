package ulvm.report;

import ulvm.model.Lv;
import ulvm.model.Segment;

/** One report line's objects; what a report type does not use is null. */
record Row(VgFacts vg, PvRef pv, Lv lv, Segment seg, PvSeg pvseg) {}
