package ulvm.nbd;

import static org.junit.jupiter.api.Assertions.*;
import static ulvm.nbd.Protocol.*;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Requests are served concurrently, at most maxInFlight at once; a FLUSH waits for the writes received before it. */
class ConcurrencyTest {
    @TempDir Path dir;

    @Test void flushWaitsForEarlierWritesAndInFlightIsCapped() throws Exception {
        try (ServerFixture f = new ServerFixture(dir); RawClient c = new RawClient(f.socket)) {
            FileExports.FileVolume v = f.exports.volumes.get("vg/lv");
            v.writeDelayMillis = 100;
            c.hello(FLAG_FIXED_NEWSTYLE | FLAG_NO_ZEROES);
            assertEquals(REP_ACK, c.go("vg/lv").get(2).type());
            for (int i = 0; i < 20; i++) c.request(0, CMD_WRITE, i, i * 4096L, 4096, ByteBuffer.allocate(4096));
            c.request(0, CMD_FLUSH, 100, 0, 0);
            c.request(0, CMD_READ, 101, 0, 512);
            Set<Long> handles = new HashSet<>();
            for (int i = 0; i < 22; i++) {
                RawClient.Reply r = c.simpleReply();
                assertEquals(0, r.error());
                if (r.handle() == 101) c.read(512);
                handles.add(r.handle());
            }
            assertEquals(22, handles.size());
            List<String> events = List.copyOf(v.events);
            assertEquals(21, events.size());
            assertEquals("flush", events.get(20), "the flush came after every write: " + events);
            assertTrue(v.mostWriting.get() > 1, "writes ran concurrently");
            assertTrue(v.mostWriting.get() <= 8, "at most maxInFlight at once: " + v.mostWriting.get());
        }
    }

    @Test void bytesInFlightAreCappedAtTwoMaximumPayloads() throws Exception {
        try (ServerFixture f = new ServerFixture(dir); RawClient c = new RawClient(f.socket)) {
            Path big = dir.resolve("big.img");
            try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(big,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE)) {
                ch.truncate(0).write(ByteBuffer.allocate(1), 4L * MAX_PAYLOAD - 1);
            }
            FileExports.FileVolume v = new FileExports.FileVolume(big, false, true);
            f.exports.add("vg/big", v);
            v.writeDelayMillis = 300;
            c.hello(FLAG_FIXED_NEWSTYLE | FLAG_NO_ZEROES);
            assertEquals(REP_ACK, c.go("vg/big").get(2).type());
            ByteBuffer data = ByteBuffer.allocateDirect(MAX_PAYLOAD);
            Thread sender = new Thread(() -> {
                try {
                    for (int i = 0; i < 3; i++) c.request(0, CMD_WRITE, i, (long) i * MAX_PAYLOAD, MAX_PAYLOAD, data.duplicate());
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            sender.start();
            for (int i = 0; i < 3; i++) assertEquals(0, c.simpleReply().error());
            sender.join();
            assertEquals(2, v.mostWriting.get(), "the third 32 MiB write waits for room");
        }
    }

    @Test void multipleConnectionsCopyConcurrently() throws Exception {
        try (ServerFixture f = new ServerFixture(dir)) {
            Path src = ServerFixture.image(dir.resolve("src.img"), 11);
            Clients.run("nbdcopy", "--connections=4", "--requests=16", src.toString(), f.uri("vg/lv")).ok();
            assertArrayEquals(java.nio.file.Files.readAllBytes(src), java.nio.file.Files.readAllBytes(f.lv));
        }
    }
}
