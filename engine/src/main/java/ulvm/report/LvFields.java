package ulvm.report;

import static ulvm.report.Field.Kind.BIN;
import static ulvm.report.Field.Kind.NUM;
import static ulvm.report.Field.Kind.PCT;
import static ulvm.report.Field.Kind.SIZ;
import static ulvm.report.Field.Kind.STR;
import static ulvm.report.Field.Kind.STRLIST;
import static ulvm.report.Field.Kind.TIM;
import ulvm.segtype.RaidType;
import ulvm.segtype.SegmentTypes;

import java.time.Instant;
import java.util.List;
import java.util.function.BiFunction;
import ulvm.format.Uuid;
import ulvm.model.Area;
import ulvm.model.Lv;
import ulvm.model.Segment;
import ulvm.model.SnapshotSegment;
import ulvm.report.Field.Kind;

/** Logical volume fields (lvs). Values that need the kernel (percentages, sync action) are blank offline. */
final class LvFields {
    private LvFields() {}

    private interface LvFn { Cell apply(VgFacts f, Lv lv, ReportOptions o); }

    private static void lv(String id, String heading, int width, Kind kind, LvFn fn) {
        BiFunction<Row, ReportOptions, Cell> g = (r, o) -> r.lv() == null ? Cell.EMPTY : fn.apply(r.vg(), r.lv(), o);
        Fields.add(ReportType.LV, id, heading, width, kind, g);
    }


    static String displayName(VgFacts f, Lv lv) { return f.visible(lv) ? lv.name() : "[" + lv.name() + "]"; }

    static String dmName(String vg, String lv) { return vg.replace("-", "--") + "-" + lv.replace("-", "--"); }

    static String extra(Lv lv, String key) {
        for (var e : lv.extras()) if (e.key().equals(key) && e.value() != null && e.section() == null) return String.valueOf(e.value());
        return null;
    }

    static Lv origin(VgFacts f, Lv lv) {
        ulvm.model.ThinSegment t = ulvm.segtype.ThinType.of(lv);
        if (t != null) return t.origin() == null ? null : f.byName.get(t.origin());
        SnapshotSegment s = f.cows.get(lv.name());
        return s == null ? null : f.byName.get(s.origin());
    }

    /** lv_ancestors: a thin LV's chain of origins, a snapshot's origin (no history is kept, so the full ones are these). */
    private static List<String> ancestors(VgFacts f, Lv lv) {
        if (ulvm.segtype.ThinType.of(lv) != null) return ThinAttrs.ancestors(f, lv);
        Lv or = origin(f, lv);
        return or == null ? List.of() : List.of(or.name());
    }

    private static List<String> descendants(VgFacts f, Lv lv) {
        return ulvm.segtype.ThinType.of(lv) != null ? ThinAttrs.descendants(f, lv) : f.originCows.getOrDefault(lv.name(), List.of());
    }

    static String movePv(VgFacts f, Lv lv) {
        if (!f.isPvmove(lv) || lv.segments().isEmpty()) return "";
        List<Area> a = lv.segments().get(0).areas();
        if (!a.isEmpty() && a.get(0) instanceof Area.OnPv p) return f.pvName(p.pvId());
        // atomic pvmove: the PV of pvmove0_mimage_0's first segment
        if (!a.isEmpty() && a.get(0) instanceof Area.OnLv img && f.byName.get(img.lv()) != null && !f.byName.get(img.lv()).segments().isEmpty()
                && f.byName.get(img.lv()).segments().get(0).areas().get(0) instanceof Area.OnPv p) return f.pvName(p.pvId());
        return "";
    }

    static String mirrorLog(VgFacts f, Lv lv) {
        for (Segment s : lv.segments()) {
            List<String> logs = SegmentTypes.of(s).mirror() ? SegmentTypes.of(s).stackedLvs(s) : List.of();
            if (logs.isEmpty()) continue;
            Lv log = f.byName.get(logs.get(0));
            return log == null ? logs.get(0) : displayName(f, log);
        }
        return "";
    }

    static long sizeOf(VgFacts f, Lv lv) { return lv.extents() * f.vg.extentSize(); }

    /** libdm's undefined binary value. */
    static final Cell UNKNOWN = new Cell("unknown", SelectionValue.UNDEF);

    static void register() {
        lv("lv_uuid", "LV UUID", 38, STR, (f, lv, o) -> Cell.str(Uuid.withDashes(lv.id())));
        lv("lv_name", "LV", 4, STR, (f, lv, o) -> new Cell(o.markHidden ? displayName(f, lv) : lv.name(), lv.name()));
        lv("lv_full_name", "LV", 4, STR, (f, lv, o) -> Cell.str(f.vg.name() + "/" + lv.name()));
        lv("lv_path", "Path", 0, STR, (f, lv, o) -> Cell.str(f.visible(lv) ? "/dev/" + f.vg.name() + "/" + lv.name() : ""));
        lv("lv_dm_path", "DMPath", 0, STR, (f, lv, o) -> Cell.str("/dev/mapper/" + dmName(f.vg.name(), lv.name())));
        lv("lv_parent", "Parent", 0, STR, (f, lv, o) -> Cell.str(f.parent.getOrDefault(lv.name(), "")));
        lv("lv_layout", "Layout", 10, STRLIST, (f, lv, o) -> Cell.str(String.join(",", Attrs.layout(lv))));
        lv("lv_role", "Role", 10, STRLIST, (f, lv, o) -> Cell.str(String.join(",", Attrs.roles(f, lv))));
        lv("lv_initial_image_sync", "InitImgSync", 10, BIN, (f, lv, o) ->
                Cell.bin((Attrs.isRaid(lv) || lv.segments().stream().anyMatch(g -> SegmentTypes.of(g).mirror())) && !lv.hasStatus("NOTSYNCED"), "initial image sync"));
        lv("lv_image_synced", "ImgSynced", 10, BIN, (f, lv, o) ->
                Cell.bin(f.raidImages.contains(lv.name()) && !f.visible(lv) && RaidState.imageInSync(f, lv, o.activity), "image synced"));
        lv("lv_merging", "Merging", 10, BIN, (f, lv, o) -> Cell.bin(f.isCow(lv) && f.cows.get(lv.name()).merging(), "merging"));
        lv("lv_converting", "Converting", 0, BIN, (f, lv, o) -> Cell.bin(lv.hasStatus("CONVERTING"), "converting"));
        lv("lv_allocation_policy", "AllocPol", 10, STR, (f, lv, o) -> Cell.str(Attrs.policyName(lv.allocationPolicy())));
        lv("lv_allocation_locked", "AllocLock", 10, BIN, (f, lv, o) -> Cell.bin(lv.hasStatus("LOCKED"), "allocation locked"));
        lv("lv_fixed_minor", "FixMin", 10, BIN, (f, lv, o) -> Cell.bin(lv.hasStatus("FIXED_MINOR"), "fixed minor"));
        lv("lv_skip_activation", "SkipAct", 15, BIN, (f, lv, o) -> Cell.bin(lv.flags().contains("ACTIVATION_SKIP"), "skip activation"));
        lv("lv_autoactivation", "AutoAct", 0, BIN, (f, lv, o) -> Cell.bin(!lv.flags().contains("NOAUTOACTIVATE"), "enabled"));
        lv("lv_when_full", "WhenFull", 15, STR, (f, lv, o) -> ThinFields.whenFull(lv));
        lv("lv_active", "Active", 0, STR, (f, lv, o) -> Cell.str(RaidState.active(f, lv, o.activity) ? "active" : ""));
        // ulvm knows its activations: no cluster, so active is active locally and exclusively, never remotely
        lv("lv_active_locally", "ActLocal", 10, BIN, (f, lv, o) -> Cell.bin(RaidState.active(f, lv, o.activity), "active locally"));
        lv("lv_active_remotely", "ActRemote", 10, BIN, (f, lv, o) -> Cell.bin(false, "active remotely"));
        lv("lv_active_exclusively", "ActExcl", 10, BIN, (f, lv, o) -> Cell.bin(RaidState.active(f, lv, o.activity), "active exclusively"));
        lv("lv_major", "Maj", 0, NUM, (f, lv, o) -> Cell.num(lv.hasStatus("FIXED_MINOR") && extra(lv, "major") != null ? Long.parseLong(extra(lv, "major")) : -1));
        lv("lv_minor", "Min", 0, NUM, (f, lv, o) -> Cell.num(lv.hasStatus("FIXED_MINOR") && extra(lv, "minor") != null ? Long.parseLong(extra(lv, "minor")) : -1));
        lv("lv_read_ahead", "Rahead", 0, SIZ, (f, lv, o) -> {
            String ra = extra(lv, "read_ahead");
            if (ra == null || ra.equals("auto")) return new Cell("auto", -1L);
            if (ra.equals("-1")) return Cell.size(0, o.units); // LVM2 writes "none" as -1
            return Cell.size(Long.parseLong(ra), o.units);
        });
        lv("lv_size", "LSize", 0, SIZ, (f, lv, o) -> Cell.size(sizeOf(f, lv), o.units));
        lv("lv_metadata_size", "MSize", 0, SIZ, (f, lv, o) -> ThinFields.metadataSize(f, lv, o));
        lv("seg_count", "#Seg", 0, NUM, (f, lv, o) -> Cell.num(lv.segments().size()));
        lv("origin", "Origin", 0, STR, (f, lv, o) -> { Lv or = origin(f, lv); return Cell.str(or == null ? "" : or.name()); });
        lv("origin_uuid", "Origin UUID", 38, STR, (f, lv, o) -> { Lv or = origin(f, lv); return Cell.str(or == null ? "" : Uuid.withDashes(or.id())); });
        lv("origin_size", "OSize", 0, SIZ, (f, lv, o) -> {
            // a snapshot's origin size is its own snapshotN's, fixed when it was taken (lv_origin_size)
            SnapshotSegment sn = f.cows.get(lv.name());
            if (sn != null) return Cell.size(sn.count() * f.vg.extentSize(), o.units);
            return f.isOrigin(lv) ? Cell.size(sizeOf(f, lv), o.units) : Cell.EMPTY;
        });
        lv("lv_ancestors", "Ancestors", 0, STRLIST, (f, lv, o) -> Cell.str(String.join(",", ancestors(f, lv))));
        lv("lv_full_ancestors", "FAncestors", 0, STRLIST, (f, lv, o) -> Cell.str(String.join(",", ancestors(f, lv))));
        lv("lv_full_descendants", "FDescendants", 0, STRLIST, (f, lv, o) -> Cell.str(String.join(",", descendants(f, lv))));
        lv("lv_descendants", "Descendants", 0, STRLIST, (f, lv, o) -> Cell.str(String.join(",", descendants(f, lv))));
        lv("raid_mismatch_count", "Mismatches", 0, NUM, (f, lv, o) -> {
            ulvm.raid.RaidStatus st = Attrs.isRaid(lv) ? RaidState.status(f, lv, o.activity) : null;
            return st == null ? Cell.EMPTY : Cell.num(st.mismatches());
        });
        lv("raid_sync_action", "SyncAction", 0, STR, (f, lv, o) -> {
            ulvm.raid.RaidStatus st = Attrs.isRaid(lv) ? RaidState.status(f, lv, o.activity) : null;
            return st == null ? Cell.EMPTY : Cell.str(st.syncAction());
        });
        lv("raid_write_behind", "WBehind", 0, NUM, (f, lv, o) -> raidNumber(lv, "writebehind"));
        lv("raid_min_recovery_rate", "MinSync", 0, NUM, (f, lv, o) -> raidNumber(lv, "min_recovery_rate"));
        lv("raid_max_recovery_rate", "MaxSync", 0, NUM, (f, lv, o) -> raidNumber(lv, "max_recovery_rate"));
        // raid with integrity: none in ulvm; what LVM2 prints for other LVs
        lv("raidintegritymode", "IntegMode", 0, STR, (f, lv, o) -> Cell.EMPTY);
        lv("raidintegrityblocksize", "IntegBlkSize", 0, NUM, (f, lv, o) -> Cell.num(-1));
        lv("integritymismatches", "IntegMismatches", 0, NUM, (f, lv, o) -> Cell.EMPTY);
        lv("move_pv", "Move", 0, STR, (f, lv, o) -> Cell.str(movePv(f, lv)));
        lv("move_pv_uuid", "Move UUID", 38, STR, (f, lv, o) -> Cell.EMPTY);
        lv("convert_lv", "Convert", 0, STR, (f, lv, o) -> Cell.EMPTY);
        lv("convert_lv_uuid", "Convert UUID", 38, STR, (f, lv, o) -> Cell.EMPTY);
        lv("mirror_log", "Log", 0, STR, (f, lv, o) -> Cell.str(mirrorLog(f, lv)));
        lv("mirror_log_uuid", "Log UUID", 38, STR, (f, lv, o) -> Cell.EMPTY);
        lv("data_lv", "Data", 0, STR, (f, lv, o) -> ThinFields.sub(f, lv, true, o));
        lv("data_lv_uuid", "Data UUID", 38, STR, (f, lv, o) -> Cell.EMPTY);
        lv("metadata_lv", "Meta", 0, STR, (f, lv, o) -> ThinFields.sub(f, lv, false, o));
        lv("metadata_lv_uuid", "Meta UUID", 38, STR, (f, lv, o) -> Cell.EMPTY);
        lv("pool_lv", "Pool", 0, STR, (f, lv, o) -> ThinFields.poolLv(f, lv));
        lv("pool_lv_uuid", "Pool UUID", 38, STR, (f, lv, o) -> Cell.EMPTY);
        lv("lv_tags", "LV Tags", 0, STRLIST, (f, lv, o) -> Cell.str(sortedList(lv.tags())));
        lv("lv_profile", "LProfile", 0, STR, (f, lv, o) -> Cell.str(extra(lv, "profile")));
        lv("lv_lockargs", "LLockArgs", 0, STR, (f, lv, o) -> Cell.str(extra(lv, "lock_args")));
        lv("lv_time", "CTime", 26, TIM, (f, lv, o) -> lv.creationTime() == null ? Cell.EMPTY
                : new Cell(TimeFormat.format(o.timeFormat, Instant.ofEpochSecond(lv.creationTime()).atZone(o.zone)), lv.creationTime()));
        lv("lv_time_removed", "RTime", 26, TIM, (f, lv, o) -> Cell.EMPTY);
        lv("lv_host", "Host", 10, STR, (f, lv, o) -> Cell.str(lv.creationHost()));
        lv("lv_modules", "Modules", 0, STRLIST, (f, lv, o) -> Cell.str(modules(f, lv)));
        lv("lv_historical", "Historical", 0, BIN, (f, lv, o) -> Cell.bin(false, "historical"));
        lv("writecache_block_size", "WCacheBlkSize", 0, NUM, (f, lv, o) -> Cell.num(-1));
        lv("lv_kernel_major", "KMaj", 0, NUM, (f, lv, o) -> Cell.num(-1));
        lv("lv_kernel_minor", "KMin", 0, NUM, (f, lv, o) -> Cell.num(-1));
        lv("lv_kernel_read_ahead", "KRahead", 0, SIZ, (f, lv, o) -> new Cell("-1", -1L));
        // LVM2's _lvpermissions_disp: a writable LV without a device (inactive) is "unknown"; pvmove LVs blank
        lv("lv_permissions", "LPerms", 8, STR, (f, lv, o) -> f.isPvmove(lv) ? Cell.EMPTY : !lv.hasStatus("WRITE") ? Cell.str("read-only")
                : RaidState.active(f, lv, o.activity) ? Cell.str("writeable") : UNKNOWN);
        // LVM2 says "unknown" where no device exists: an inactive LV here
        lv("lv_suspended", "Suspended", 10, BIN, (f, lv, o) -> RaidState.active(f, lv, o.activity) ? Cell.bin(false, "suspended") : UNKNOWN);
        lv("lv_live_table", "LiveTable", 20, BIN, (f, lv, o) -> RaidState.active(f, lv, o.activity) ? Cell.bin(true, "live table present") : UNKNOWN);
        lv("lv_inactive_table", "InactiveTable", 20, BIN, (f, lv, o) -> RaidState.active(f, lv, o.activity) ? Cell.bin(false, "inactive table present") : UNKNOWN);
        lv("lv_device_open", "DevOpen", 10, BIN, (f, lv, o) -> RaidState.active(f, lv, o.activity) ? Cell.bin(RaidState.open(f, lv, o.activity), "open") : UNKNOWN);
        lv("data_percent", "Data%", 6, PCT, (f, lv, o) -> ThinAttrs.thinOrPool(lv) ? thinPercent(o.activity.thin(f.vg.name(), lv), false)
                : SnapState.cell(f, lv, o.activity));
        lv("snap_percent", "Snap%", 6, PCT, (f, lv, o) -> SnapState.cell(f, lv, o.activity));
        lv("metadata_percent", "Meta%", 6, PCT, (f, lv, o) -> ThinAttrs.pool(lv) ? thinPercent(o.activity.thin(f.vg.name(), lv), true)
                : Cell.EMPTY);
        lv("copy_percent", "Cpy%Sync", 0, PCT, (f, lv, o) -> RaidState.percent(f, lv, o.activity));
        lv("sync_percent", "Cpy%Sync", 0, PCT, (f, lv, o) -> RaidState.percent(f, lv, o.activity));
        // cache, vdo and writecache fields: no such LVs in ulvm, blank as LVM2's for other LVs
        for (String[] c : new String[][] {{"cache_total_blocks", "CacheTotalBlocks"}, {"cache_used_blocks", "CacheUsedBlocks"},
                {"cache_dirty_blocks", "CacheDirtyBlocks"}, {"cache_read_hits", "CacheReadHits"}, {"cache_read_misses", "CacheReadMisses"},
                {"cache_write_hits", "CacheWriteHits"}, {"cache_write_misses", "CacheWriteMisses"}})
            lv(c[0], c[1], 0, NUM, (f, lv, o) -> Cell.EMPTY);
        lv("kernel_cache_settings", "KCacheSettings", 18, STRLIST, (f, lv, o) -> Cell.EMPTY);
        lv("kernel_cache_policy", "KCachePolicy", 18, STR, (f, lv, o) -> Cell.EMPTY);
        lv("kernel_metadata_format", "KMFmt", 0, NUM, (f, lv, o) -> Cell.EMPTY);
        lv("lv_health_status", "Health", 15, STR, (f, lv, o) -> Cell.str(f.partial.contains(lv.name()) ? "partial"
                : Attrs.isRaid(lv) || f.raidImages.contains(lv.name()) || f.raidMetas.contains(lv.name()) ? RaidState.health(f, lv, o.activity) : ""));
        lv("kernel_discards", "KDiscards", 0, STR, (f, lv, o) -> Cell.EMPTY);
        lv("lv_check_needed", "CheckNeeded", 15, BIN, (f, lv, o) -> UNKNOWN); // thin pools and caches only
        lv("lv_merge_failed", "MergeFailed", 15, BIN, (f, lv, o) -> SnapState.status(f, lv, o.activity) != null ? Cell.bin(false, "merge failed") : UNKNOWN);
        lv("lv_snapshot_invalid", "SnapInvalid", 15, BIN, (f, lv, o) -> !f.isCow(lv) ? UNKNOWN : Cell.bin(!SnapState.activeValid(f, lv, o.activity), "snapshot invalid"));
        for (String[] c : new String[][] {{"vdo_operating_mode", "VDOOperatingMode"}, {"vdo_compression_state", "VDOCompressionState"},
                {"vdo_index_state", "VDOIndexState"}, {"vdo_used_size", "VDOUsedSize"}, {"vdo_saving_percent", "VDOSaving%"},
                {"writecache_total_blocks", "WCacheTotalBlocks"}, {"writecache_free_blocks", "WCacheFreeBlocks"},
                {"writecache_writeback_blocks", "WCacheWritebackBlocks"}, {"writecache_error", "WCacheErrors"}})
            lv(c[0], c[1], 0, c[0].startsWith("vdo_") && !c[0].equals("vdo_used_size") && !c[0].equals("vdo_saving_percent") ? STR : NUM, (f, lv, o) -> Cell.EMPTY);
        lv("lv_attr", "Attr", 0, STR, (f, lv, o) -> Cell.str(Attrs.lvAttr(f, lv, o.activity)));
    }

    /** A string list as LVM2 reports it: items sorted (_field_set_string_list), comma-separated. */
    static String sortedList(List<String> items) {
        List<String> s = new java.util.ArrayList<>(items);
        s.sort(null);
        return String.join(",", s);
    }

    /** A raid segment key LVM2 reports when set (report.c: blank when 0 or not raid). */
    static Cell raidNumber(Lv lv, String key) {
        ulvm.model.RaidSegment r = RaidType.first(lv);
        if (r == null) return Cell.EMPTY;
        for (var e : r.extras()) if (e.key().equals(key) && e.value() instanceof Number n && n.longValue() != 0) return Cell.num(n.longValue());
        return Cell.EMPTY;
    }

    private static String modules(VgFacts f, Lv lv) {
        if (ThinAttrs.modules(lv) != null) return ThinAttrs.modules(lv);
        if (Attrs.isRaid(lv)) return "raid";
        if (Attrs.isMirror(lv)) return "mirror";
        if (f.isOrigin(lv) || f.isCow(lv)) return "snapshot";
        return "";
    }

    /** Data% or Meta% of an active pool or thin LV; blank when inactive, as LVM2 prints it. */
    private static Cell thinPercent(ulvm.thin.ThinUsage u, boolean meta) {
        if (u == null) return Cell.EMPTY;
        double p = meta ? u.metaPercent() : u.dataPercent();
        return new Cell(String.format(java.util.Locale.ROOT, "%.2f", p), p);
    }
}
