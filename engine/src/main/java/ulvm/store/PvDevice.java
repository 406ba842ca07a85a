package ulvm.store;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import ulvm.format.DiskArea;
import ulvm.format.MetadataArea;
import ulvm.format.PvLabel;
import ulvm.io.BlockDevice;

/** An open PV image file with its label and metadata areas. */
public final class PvDevice implements AutoCloseable {
    private final Path path;
    private final BlockDevice dev;
    private final boolean writable;
    private PvLabel label;

    public PvDevice(Path path, BlockDevice dev, boolean writable, PvLabel label) {
        this.path = path;
        this.dev = dev;
        this.writable = writable;
        this.label = label;
    }

    public Path path() { return path; }

    public String name() { return path.toString(); }

    public BlockDevice device() { return dev; }

    /** Opened for writing. */
    public boolean writable() { return writable; }

    public PvLabel label() { return label; }

    public void setLabel(PvLabel l) { this.label = l; }

    private final List<Path> duplicates = new ArrayList<>();

    /** Another listed device carries the same PV UUID (a copied image); this one is used, writes are refused. */
    void addDuplicate(Path p) { duplicates.add(p); }

    public List<Path> duplicates() { return List.copyOf(duplicates); }

    public String uuid() { return label.uuid(); }

    private Boolean ignoreMdas;

    /** pvchange --metadataignore: the next commit marks this PV's metadata areas ignored (true) or in use (false). */
    public void ignoreMdas(Boolean ignore) { this.ignoreMdas = ignore; }

    /** What the next commit is asked to do with this PV's metadata areas; null: keep them as they are. */
    public Boolean ignoreMdas() { return ignoreMdas; }

    public List<MetadataArea> mdas() {
        List<MetadataArea> out = new ArrayList<>();
        for (DiskArea a : label.metadataAreas()) out.add(new MetadataArea(dev, a));
        return out;
    }

    @Override public void close() throws IOException { dev.close(); }
}
