package ulvm.ops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import ulvm.api.LvmException;
import ulvm.move.MoveCopier;
import ulvm.store.Scan;
import ulvm.store.SystemDir;

/**
 * The hooks of {@code pvmove -b}'s copy without a mount, LVM2's background poller: the system dir's lock is held
 * for one chunk at a time, never for the whole move. A chunk is copied under the shared lock (reports run beside it,
 * a command that changes metadata waits for the chunk), after the move was read back from disk under that lock: gone
 * (pvmove --abort, or finished by another pvmove) and nothing more is written. Each checkpoint and the finish take
 * the exclusive lock and re-read the VG first ({@link #concurrent}). A mount started meanwhile (its pid file appears
 * under the lock) takes the move over: its mover resumes it.
 */
public final class MovePoller implements Session.LiveHooks {
    /** Each chunk's copy takes at least this long (ms), under the chunk's lock, as a slow disk would ({@link CopyPacing}). */
    private final long chunkMillis;
    private final Session s;
    private final SystemDir sys;
    /** The exclusive lock while held, with how many nested {@link #exclusive} calls hold it. */
    private AutoCloseable held;
    private int depth;

    public MovePoller(Session s) {
        this.s = s;
        this.sys = s.sys();
        this.chunkMillis = s.wiring().pacing().moveChunkMillis();
    }

    @Override public boolean concurrent() { return true; }

    @Override
    public AutoCloseable exclusive() throws IOException {
        if (depth == 0) held = checked(sys.lock(true));
        depth++;
        return () -> {
            if (--depth == 0) {
                AutoCloseable l = held;
                held = null;
                l.close();
            }
        };
    }

    @Override
    public MoveCopier.ChunkLock chunkLock(String vg, String pvmoveLvId) {
        return (pvmove, le, count) -> {
            if (depth > 0) throw new IllegalStateException("a chunk is copied outside the exclusive lock");
            AutoCloseable l = checked(sys.lock(false));
            try {
                if (!moving(vg, pvmoveLvId)) throw new IOException(new LvmException(pvmove + ": No pvmove in progress - already finished or aborted."));
                if (chunkMillis > 0) Thread.sleep(chunkMillis);
                return l;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                closeQuietly(l);
                throw new IOException(e);
            } catch (IOException | RuntimeException e) {
                closeQuietly(l);
                throw e;
            }
        };
    }

    /** The pvmove LV is still in the VG as committed on disk. */
    private boolean moving(String vg, String id) throws IOException {
        try (Scan scan = s.scan(false)) {
            return scan.vg(vg).map(vc -> vc.vg().lvs().stream().anyMatch(l -> l.id().equals(id) && l.hasStatus("PVMOVE"))).orElse(false);
        } catch (LvmException e) {
            throw new IOException(e);
        }
    }

    /** {@code lock}, unless a mount runs: then released, and the copy stops (the mount's mover has the move). */
    private AutoCloseable checked(AutoCloseable lock) throws IOException {
        if (!mounted()) return lock;
        closeQuietly(lock);
        throw new IOException(new LvmException("pvmove stopped: a mount runs and goes on with the move."));
    }

    private boolean mounted() {
        Path pid = sys.daemonPidFile();
        try {
            if (!Files.exists(pid)) return false;
            long p = Long.parseLong(Files.readString(pid).lines().findFirst().orElse("").trim());
            return p != ProcessHandle.current().pid() && ProcessHandle.of(p).map(ProcessHandle::isAlive).orElse(false);
        } catch (IOException | NumberFormatException e) {
            return false;
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) { }
    }
}
