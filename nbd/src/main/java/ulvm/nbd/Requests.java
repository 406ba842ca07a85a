package ulvm.nbd;

import static ulvm.nbd.Protocol.*;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import ulvm.io.Volume;
import ulvm.nbd.Transmission.Request;

/** Serves one request against the session's export and replies; errors become NBD errnos. */
final class Requests {
    private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(1 << 20).asReadOnlyBuffer();

    private final Session session;
    private final Export export;
    private final Volume volume;
    private final Replies replies;
    private final Consumer<String> log;
    private final String peer;

    private final Buffers buffers;
    /** How far past a read the images are asked whether they hold data. */
    private static final long DATA_AHEAD = 64L << 20;
    /** The last range found to hold data only (see {@link #holes}). */
    private volatile KnownData knownData;

    private record KnownData(long start, long end) { }

    Requests(Session session, Replies replies, Buffers buffers, Consumer<String> log, String peer) {
        this.buffers = buffers;
        this.session = session;
        this.export = session.export();
        this.volume = export.volume();
        this.replies = replies;
        this.log = log;
        this.peer = peer;
    }

    /** Serves {@code r}; throws only when the reply cannot be written. */
    void serve(Request r) throws IOException {
        int error;
        String message;
        try {
            error = check(r);
            message = switch (error) {
                case 0 -> null;
                case EPERM -> "the export is read-only";
                case EOVERFLOW -> "the request is larger than the maximum payload";
                case ENOSPC -> "the write passes the end of the export";
                default -> "invalid request (out of range, unknown command or no metadata context)";
            };
            if (error == 0) {
                if (run(r)) return;
            }
        } catch (Replies.Unsent e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            error = Replies.errno(e);
            message = e.getMessage();
            if (error == EIO) log.accept("nbd: " + peer + ": " + session.name() + ": request " + r.type() + " at "
                    + r.offset() + ": " + e);
        }
        if (error == 0) replies.ok(r.handle());
        else replies.error(r.handle(), error, message);
    }

    /** The errno refusing {@code r} before it runs, or 0. */
    private int check(Request r) {
        boolean write = r.type() == CMD_WRITE || r.type() == CMD_TRIM || r.type() == CMD_WRITE_ZEROES;
        switch (r.type()) {
            case CMD_READ, CMD_WRITE, CMD_TRIM, CMD_WRITE_ZEROES, CMD_CACHE, CMD_BLOCK_STATUS, CMD_FLUSH -> { }
            default -> { return EINVAL; }
        }
        if (write && export.readOnly()) return EPERM;
        if (r.type() == CMD_FLUSH) return 0;
        if (r.type() == CMD_READ && r.length() > MAX_PAYLOAD) return replies.structured() ? EOVERFLOW : EINVAL;
        if (r.type() == CMD_BLOCK_STATUS && (r.length() == 0 || session.contexts().isEmpty())) return EINVAL;
        long size = volume.size();
        if (r.offset() < 0 || r.offset() > size || r.length() > size - r.offset()) {
            return r.type() == CMD_WRITE || r.type() == CMD_WRITE_ZEROES ? ENOSPC : EINVAL;
        }
        return 0;
    }

    /** Runs a checked request; true when it replied itself (reads and block status). */
    private boolean run(Request r) throws IOException {
        switch (r.type()) {
            case CMD_READ -> {
                read(r);
                return true;
            }
            case CMD_WRITE -> volume.write(r.offset(), r.payload());
            case CMD_FLUSH -> {
                if (!export.readOnly()) volume.flush();
            }
            case CMD_TRIM -> {
                try {
                    volume.discard(r.offset(), r.length());
                } catch (Volume.NotSupportedException e) {
                    // TRIM is advisory: a volume that cannot discard keeps the data
                }
            }
            case CMD_WRITE_ZEROES -> zero(r);
            case CMD_BLOCK_STATUS -> {
                blockStatus(r);
                return true;
            }
            default -> { }
        }
        if (r.has(CMD_FLAG_FUA) && r.type() != CMD_FLUSH) volume.flush();
        return false;
    }

    private void zero(Request r) throws IOException {
        if (!r.has(CMD_FLAG_NO_HOLE)) {
            try {
                volume.zero(r.offset(), r.length());
                return;
            } catch (Volume.NotSupportedException e) {
                // zeros are written below
            }
        }
        long end = r.offset() + r.length();
        for (long off = r.offset(); off < end; off += ZEROS.capacity()) {
            volume.write(off, ZEROS.duplicate().limit((int) Math.min(ZEROS.capacity(), end - off)));
        }
    }

    private void read(Request r) throws IOException {
        ByteBuffer data = buffers.take((int) r.length());
        try {
            read(r, data);
        } finally {
            buffers.give(data);
        }
    }

    private void read(Request r, ByteBuffer data) throws IOException {
        int length = (int) r.length();
        if (!replies.structured()) {
            readFully(r.offset(), data);
            replies.simple(r.handle(), 0, data.flip());
            return;
        }
        if (length == 0) {
            replies.ok(r.handle());
            return;
        }
        List<Export.Extent> runs = r.has(CMD_FLAG_DF) ? List.of(new Export.Extent(length, 0)) : holes(r.offset(), length);
        int at = 0;
        for (Export.Extent e : runs) {
            if (e.flags() == 0) readFully(r.offset() + at, data.slice(at, (int) e.length()));
            at += (int) e.length();
        }
        at = 0;
        for (int i = 0; i < runs.size(); i++) {
            Export.Extent e = runs.get(i);
            boolean done = i == runs.size() - 1;
            ByteBuffer offset = ByteBuffer.allocate(8).putLong(r.offset() + at).flip();
            if (e.flags() == 0) {
                replies.chunk(r.handle(), done, REPLY_TYPE_OFFSET_DATA, offset, data.slice(at, (int) e.length()));
            } else {
                replies.chunk(r.handle(), done, REPLY_TYPE_OFFSET_HOLE, offset,
                        ByteBuffer.allocate(4).putInt((int) e.length()).flip());
            }
            at += (int) e.length();
        }
    }

    /**
     * {@code [offset, offset + length)} as alternating runs: flags 0 to read, 1 for zeros sent as a hole. A range
     * found to be data is remembered (as qemu's block-status cache does), so sequential reads through it ask the
     * images nothing more; a stale "data" answer is harmless, since a hole read as data is zeros all the same.
     */
    private List<Export.Extent> holes(long offset, int length) {
        KnownData known = knownData;
        if (known != null && offset >= known.start() && offset + length <= known.end()) {
            return List.of(new Export.Extent(length, 0));
        }
        List<Export.Extent> runs = new ArrayList<>();
        long covered = 0;
        try {
            long ahead = Math.max(length, Math.min(DATA_AHEAD, volume.size() - offset));
            List<Export.Extent> found = Extents.collect(export::allocation, offset, ahead, true);
            Export.Extent first = found.get(0);
            if ((first.flags() & Export.ZERO) == 0 && first.length() >= length) {
                knownData = new KnownData(offset, offset + first.length());
                return List.of(new Export.Extent(length, 0));
            }
            for (Export.Extent e : Extents.collect(export::allocation, offset, length, false)) {
                Extents.append(runs, e.length(), (e.flags() & Export.ZERO) != 0 ? 1 : 0);
                covered += e.length();
            }
        } catch (IOException | RuntimeException e) {
            runs.clear();
            covered = 0;
        }
        if (covered < length) Extents.append(runs, length - covered, 0);
        return runs;
    }

    private void readFully(long offset, ByteBuffer dst) throws IOException {
        while (dst.hasRemaining()) {
            int n = volume.read(offset, dst);
            if (n <= 0) break;
            offset += n;
        }
        // past the end (the volume shrank): zeros, never what a reused buffer held before
        while (dst.hasRemaining()) dst.put(ZEROS.duplicate().limit(Math.min(ZEROS.capacity(), dst.remaining())));
    }

    private void blockStatus(Request r) throws IOException {
        List<String> contexts = session.contexts();
        List<ByteBuffer> chunks = new ArrayList<>();
        for (int i = 0; i < contexts.size(); i++) {
            String context = contexts.get(i);
            Extents.Source source = context.equals(BASE_ALLOCATION) ? export::allocation
                    : (offset, length) -> export.dirtyBitmap(context.substring(DIRTY_BITMAP.length()), offset, length);
            List<Export.Extent> extents = Extents.collect(source, r.offset(), r.length(), r.has(CMD_FLAG_REQ_ONE));
            ByteBuffer b = ByteBuffer.allocate(4 + 8 * extents.size()).putInt(i + 1);
            for (Export.Extent e : extents) b.putInt((int) e.length()).putInt(e.flags());
            chunks.add(b.flip());
        }
        for (int i = 0; i < chunks.size(); i++) {
            replies.chunk(r.handle(), i == chunks.size() - 1, REPLY_TYPE_BLOCK_STATUS, chunks.get(i));
        }
    }
}
