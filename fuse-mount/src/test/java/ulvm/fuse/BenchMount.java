package ulvm.fuse;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Benchmark helper: {@code BenchMount IMG MOUNTPOINT [threads] [extra -o words...]} exposes IMG as
 * MOUNTPOINT/vg/lv until SIGTERM or an outside unmount. A word "-nodirect" drops direct_io;
 * threads 0 uses jnr-fuse's own mount (libfuse's multithreaded loop) as a baseline.
 */
public final class BenchMount {
    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: BenchMount IMG MOUNTPOINT [threads] [option...]");
            System.exit(2);
        }
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        List<String> options = new ArrayList<>(FastFuseLoop.DEFAULT_OPTIONS);
        for (int i = 3; i < args.length; i++) {
            if (args[i].equals("-nodirect")) options.remove("direct_io");
            else options.add(args[i]);
        }
        VolumeTree tree = new VolumeTree();
        tree.put("vg", "lv", FileVolume.existing(Path.of(args[0])));
        VolumeFs fs = new VolumeFs(tree);
        if (threads == 0) { // baseline: jnr-fuse's own mount, i.e. libfuse's multithreaded loop
            System.out.println("mounted (jnr-fuse loop) " + args[1] + " zeroCopy=" + fs.zeroCopy() + " options=" + options);
            fs.mount(Path.of(args[1]), true, false, options.stream().map(o -> "-o" + o).toArray(String[]::new));
            return;
        }
        FuseSession loop = FastFuseLoop.mount(fs, Path.of(args[1]), options, threads).unmountOnShutdown();
        System.out.println("mounted " + args[1] + " threads=" + threads + " zeroCopy=" + fs.zeroCopy() + " options=" + options);
        loop.awaitUnmounted();
    }
}
