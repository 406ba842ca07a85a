package ulvm.cli.cmd;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import ulvm.api.LvmException;
import ulvm.ops.LvOps;
import ulvm.ops.Session;

/**
 * lvresize -r as LVM2 2.03's lvresize.c does it with fsadm(8): an unmounted ext2/3/4 file system on the LV's block
 * device is checked first (e2fsck -f -p; not with -n/--nofsck), then resized with resize2fs before a reduction (to the
 * new size; refused while mounted) or after an extension (to the whole device; online when mounted). fsadm itself is
 * not run: it asks device-mapper about the device. The block device is the loop of `ulvm mount --dev-links`; without
 * one, -r is refused before anything changes.
 */
final class Fsadm implements LvOps.FsResize {
    private final Session s;
    private final boolean yes;
    private final boolean force;
    /** -n/--nofsck: no fsadm check (e2fsck) before the resize. */
    private final boolean nofsck;

    private Fsadm(Session s, boolean yes, boolean force, boolean nofsck) {
        this.s = s;
        this.yes = yes;
        this.force = force;
        this.nofsck = nofsck;
    }

    /** The resizer for {@code lvArg}; refused when the LV has no block device (inactive: in LVM2's words). */
    static Fsadm check(Session s, String lvArg, boolean yes, boolean force, boolean nofsck) throws LvmException {
        String[] vl = LvOps.vgLv(lvArg, null);
        if (s.hooks().blockDevice(vl[0], vl[1]) != null) return new Fsadm(s, yes, force, nofsck);
        if (s.hooks().movesInBackground() && !s.hooks().isActive(vl[0], vl[1])) // a mount runs (with or without --dev-links)
            throw new LvmException("Logical volume " + vl[0] + "/" + vl[1] + " must be activated before resizing filesystem.");
        throw new LvmException("Logical volume " + vl[0] + "/" + vl[1] + " has no block device for --resizefs: it needs an active LV under `ulvm mount --dev-links`.");
    }

    @Override
    public void beforeReduce(String vg, String lv, long bytes) throws LvmException {
        run(vg, lv, (bytes / 1024) + "K");
    }

    @Override
    public void afterExtend(String vg, String lv) throws LvmException {
        run(vg, lv, null);
    }

    /**
     * fsadm's resize_ext: the ext2/3/4 file system on the LV's device to {@code size} (null: the whole device). A
     * reduction needs it unmounted and checked first (e2fsck -f -p, as fsadm without a terminal).
     */
    private void run(String vg, String lv, String size) throws LvmException {
        String dev = s.hooks().blockDevice(vg, lv);
        if (dev == null) throw new LvmException("Filesystem resize failed.");
        String type = exec(false, "blkid", "-o", "value", "-s", "TYPE", dev).strip();
        if (type.isEmpty()) fail("fsadm: Cannot get FSTYPE of \"" + dev + "\".");
        if (!type.matches("ext[234]")) fail("fsadm: Filesystem \"" + type + "\" on device \"" + dev + "\" is not supported by this tool.");
        String at = exec(false, "findmnt", "-n", "-o", "TARGET", "--source", dev).strip();
        // fsadm check (skipped for a mounted file system), then a reduction needs it unmounted
        if (at.isEmpty() && !nofsck && exec(true, "e2fsck", "-f", "-p", dev) == null) throw new LvmException("Filesystem check failed.");
        if (size != null && !at.isEmpty()) fail("fsadm: Cannot proceed with mounted filesystem \"" + at.lines().findFirst().orElse(at) + "\".");
        List<String> cmd = new ArrayList<>(List.of("resize2fs"));
        if (force) cmd.add("-f");
        cmd.add(dev);
        if (size != null) cmd.add(size);
        exec(true, cmd.toArray(new String[0]));
    }

    private void fail(String why) throws LvmException {
        s.console().err(why);
        throw new LvmException("Filesystem resize failed.");
    }

    /** Runs a tool; {@code shown}: its output goes to the console, and a failure (exit > 1 for e2fsck, else > 0) fails the resize. */
    private String exec(boolean shown, String... cmd) throws LvmException {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(600, TimeUnit.SECONDS)) p.destroyForcibly();
            if (!shown) return out;
            out.lines().filter(l -> !l.isBlank()).forEach(l -> s.console().out(l));
            int ok = cmd[0].equals("e2fsck") ? 1 : 0; // e2fsck: 1 is "errors corrected"
            boolean failed = p.isAlive() || p.exitValue() > ok;
            if (failed && ok == 1) return null;
            if (failed) fail("fsadm: " + cmd[0] + " failed on \"" + cmd[cmd.length - 1] + "\".");
            return out;
        } catch (IOException e) {
            fail("fsadm: " + cmd[0] + ": " + e.getMessage());
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LvmException("Filesystem resize failed.");
        }
    }
}
