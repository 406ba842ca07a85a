package ulvm.fuse;

/** A path inside the mount: the root, "/VG" or "/VG/LV". */
public record FsPath(String vg, String lv) {
    public static final FsPath ROOT = new FsPath(null, null);

    /** The parsed path, or null when it is deeper than /VG/LV or malformed. */
    public static FsPath parse(String path) {
        if (path == null || path.isEmpty() || path.charAt(0) != '/') return null;
        if (path.length() == 1) return ROOT;
        int slash = path.indexOf('/', 1);
        if (slash < 0) return new FsPath(path.substring(1), null);
        if (slash == 1 || slash == path.length() - 1 || path.indexOf('/', slash + 1) >= 0) return null;
        return new FsPath(path.substring(1, slash), path.substring(slash + 1));
    }

    public boolean isRoot() {
        return vg == null;
    }

    public boolean isVg() {
        return vg != null && lv == null;
    }

    public boolean isLv() {
        return lv != null;
    }

    /** The path of a child of this directory. */
    public FsPath child(String name) {
        return isRoot() ? new FsPath(name, null) : new FsPath(vg, name);
    }

    @Override
    public String toString() {
        return isRoot() ? "/" : isVg() ? "/" + vg : "/" + vg + "/" + lv;
    }
}
