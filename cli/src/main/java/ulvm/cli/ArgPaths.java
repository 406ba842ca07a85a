package ulvm.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Makes relative image-file arguments absolute before a command is forwarded to the daemon, which runs in
 * another working directory: arguments naming an existing file (optionally with ":PE-ranges"), the values of
 * {@code --devices}, and the file of {@code -f/--file} (vgcfgbackup, vgcfgrestore).
 */
public final class ArgPaths {
    private static final Set<String> FILE_OPTIONS = Set.of("-f", "--file");

    private ArgPaths() {}

    public static List<String> absolutize(List<String> args, Path cwd) {
        List<String> out = new ArrayList<>();
        String cmd = args.isEmpty() ? "" : args.get(0);
        boolean fileCmd = cmd.equals("vgcfgbackup") || cmd.equals("vgcfgrestore");
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String prev = i > 0 ? args.get(i - 1) : "";
            if (prev.equals("--devices")) {
                List<String> parts = new ArrayList<>();
                for (String p : a.split(",", -1)) parts.add(p.isEmpty() ? p : cwd.resolve(p).normalize().toString());
                out.add(String.join(",", parts));
            } else if (a.startsWith("--devices=")) {
                out.add("--devices=" + absolutize(List.of("x", "--devices", a.substring(10)), cwd).get(2));
            } else if (fileCmd && FILE_OPTIONS.contains(prev)) {
                out.add(cwd.resolve(a).normalize().toString());
            } else if (i > 0 && !a.startsWith("-") && !a.startsWith("/")) {
                int colon = a.indexOf(':');
                String file = colon < 0 ? a : a.substring(0, colon);
                Path p = cwd.resolve(file);
                out.add(!file.isEmpty() && Files.exists(p) ? p.normalize() + a.substring(file.length()) : a);
            } else {
                out.add(a);
            }
        }
        return out;
    }
}
