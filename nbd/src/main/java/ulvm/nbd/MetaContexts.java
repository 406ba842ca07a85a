package ulvm.nbd;

import static ulvm.nbd.Protocol.BASE_ALLOCATION;
import static ulvm.nbd.Protocol.DIRTY_BITMAP;

import java.util.ArrayList;
import java.util.List;

/**
 * The metadata contexts an export offers ({@code base:allocation}, {@code qemu:dirty-bitmap:NAME}) and which of
 * them a LIST_META_CONTEXT or SET_META_CONTEXT query picks.
 */
final class MetaContexts {
    private MetaContexts() { }

    static List<String> offered(Export export) {
        List<String> offered = new ArrayList<>();
        offered.add(BASE_ALLOCATION);
        for (String bitmap : export.dirtyBitmaps()) offered.add(DIRTY_BITMAP + bitmap);
        return offered;
    }

    /**
     * The contexts of {@code offered} that {@code queries} name, in the order offered. Listing with no query lists
     * everything, and "base:", "qemu:" and "qemu:dirty-bitmap:" list every context under them; setting takes exact
     * names only (no query: none).
     */
    static List<String> pick(List<String> offered, List<String> queries, boolean set) {
        List<String> picked = new ArrayList<>();
        for (String context : offered) {
            boolean match = queries.isEmpty() && !set;
            for (String q : queries) match |= q.equals(context) || !set && isNamespace(q) && context.startsWith(q);
            if (match) picked.add(context);
        }
        return picked;
    }

    private static boolean isNamespace(String q) {
        return q.equals("base:") || q.equals("qemu:") || q.equals(DIRTY_BITMAP);
    }
}
