package ulvm.fuse.daemon;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import ulvm.api.LvmException;
import ulvm.fuse.nbd.LiveExports;
import ulvm.ops.Session;

/**
 * {@code ulvm nbd [--add VG/LV [--readonly] | --remove VG/LV]}: what a mount started with --nbd exports. Every active LV
 * is exported by default (snapshots read-only); --remove hides one from new clients (refused while a client has it
 * open), --add lists it again, writable unless the LV is read-only (--readonly: advertised read-only). Without options, the exports are listed. Runs in the daemon (forwarded).
 */
@Command(name = "nbd", description = "List, add or remove the NBD exports of the running mount (ulvm mount --nbd).")
public final class NbdCommand extends ulvm.cli.LvmCommand {
    @Option(names = "--add", paramLabel = "VG/LV", description = "Export VG/LV again (all active LVs are exported by default).") String add;
    @Option(names = "--remove", paramLabel = "VG/LV", description = "Stop exporting VG/LV to new clients.") String remove;
    @Option(names = "--readonly", description = "With --add: advertise the export read-only.") boolean readonly;

    @Override protected boolean writes() { return false; }

    @Override protected boolean takesLock() { return false; }

    @Override
    protected void run(Session s) throws LvmException {
        if (add != null && remove != null) throw LvmException.invalid("Options --add and --remove are incompatible.");
        if (readonly && add == null) throw LvmException.invalid("Option --readonly requires --add.");
        LiveExports nbd = s.hooks() instanceof LiveHooks h ? h.nbd() : null;
        if (nbd == null) {
            throw new LvmException(s.hooks() instanceof LiveHooks
                    ? "The running mount serves no NBD: mount with --nbd unix:PATH or --nbd tcp:ADDR:PORT."
                    : "No ulvm mount is running: NBD is served by `ulvm mount --nbd unix:PATH|tcp:ADDR:PORT MOUNTPOINT`.");
        }
        String name = add != null ? add : remove;
        if (name != null) {
            name = name.startsWith("/dev/") ? name.substring(5) : name;
            if (nbd.volume(name) == null) throw new LvmException("Logical volume " + name + " is not active: only active LVs are exported.");
            if (add != null) {
                nbd.add(name, readonly);
                console().out("  Exported " + name + (nbd.readOnly(name) ? " read-only." : "."));
            } else {
                int n = nbd.clients(name);
                if (n > 0) throw new LvmException("Export " + name + " is in use by " + n + " NBD client" + (n == 1 ? "" : "s") + ".");
                nbd.remove(name);
                console().out("  Export " + name + " removed.");
            }
            return;
        }
        int w = "Export".length();
        for (String e : nbd.names()) w = Math.max(w, e.length());
        console().out(String.format("  %-" + w + "s Access Clients", "Export"));
        for (String e : nbd.names()) console().out(String.format("  %-" + w + "s %-6s %7d", e, nbd.readOnly(e) ? "ro" : "rw", nbd.clients(e)));
    }
}
