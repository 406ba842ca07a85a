package ulvm.nbd;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Transmission requests from libnbd (nbdsh scripts), qemu-io and nbdinfo --map, checked against the file. */
class TransmissionTest {
    @TempDir Path dir;

    private static Clients.Result nbdsh(ServerFixture f, String name, String script) throws Exception {
        String connect = "h.add_meta_context('base:allocation')\nh.add_meta_context('qemu:dirty-bitmap:track')\n"
                + "h.connect_uri('" + f.uri(name) + "')\n";
        return Clients.run("nbdsh", "-c", connect + script).ok();
    }

    @Test void fuaWriteIsFlushedAndFlushForcesTheVolume() throws Exception {
        try (ServerFixture f = new ServerFixture(dir)) {
            FileExports.FileVolume v = f.exports.volumes.get("vg/lv");
            nbdsh(f, "vg/lv", """
                    assert h.can_fua() and h.can_flush() and h.can_multi_conn()
                    h.pwrite(b'A' * 4096, 8192, nbd.CMD_FLAG_FUA)
                    """);
            assertEquals(1, v.flushes.get());
            nbdsh(f, "vg/lv", "h.pwrite(b'B' * 100, 3)\nh.flush()\n");
            assertEquals(2, v.flushes.get());
            byte[] got = Files.readAllBytes(f.lv);
            assertEquals('A', got[8192]);
            assertEquals('A', got[8192 + 4095]);
            assertEquals('B', got[3]);
            assertEquals('B', got[102]);
        }
    }

    @Test void trimAndWriteZeroesZeroTheRange() throws Exception {
        try (ServerFixture f = new ServerFixture(dir)) {
            FileExports.FileVolume v = f.exports.volumes.get("vg/lv");
            nbdsh(f, "vg/lv", """
                    assert h.can_trim() and h.can_zero()
                    h.trim(65536, 0)
                    h.zero(65536, 65536)
                    h.zero(65536, 131072, nbd.CMD_FLAG_NO_HOLE | nbd.CMD_FLAG_FUA)
                    """);
            byte[] got = Files.readAllBytes(f.lv);
            assertTrue(allZero(got, 0, 3 * 65536));
            assertFalse(allZero(got, 3 * 65536, 4096));
            assertEquals(1, v.discards.get(), "only TRIM discards: WRITE_ZEROES uses Volume.zero, NO_HOLE writes");
            assertEquals(1, v.flushes.get());
        }
    }

    @Test void trimOfAVolumeThatCannotDiscardSucceedsAndKeepsTheData() throws Exception {
        try (ServerFixture f = new ServerFixture(dir)) {
            f.exports.add("vg/nodiscard", new FileExports.FileVolume(f.lv, false, false));
            byte[] before = Files.readAllBytes(f.lv);
            nbdsh(f, "vg/nodiscard", "h.trim(65536, 0)\n");
            assertArrayEquals(before, Files.readAllBytes(f.lv));
        }
    }

    @Test void blockStatusReportsHolesAndTheDirtyBitmap() throws Exception {
        try (ServerFixture f = new ServerFixture(dir)) {
            Clients.Result r = nbdsh(f, "vg/lv", """
                    h.pwrite(b'x' * 10, (1 << 20) + 70000)
                    seen = {}
                    def cb(ctx, off, entries, err):
                        seen[ctx] = entries
                    h.block_status(4 << 20, 0, cb)
                    print('alloc', seen['base:allocation'])
                    print('dirty', seen['qemu:dirty-bitmap:track'])
                    one = {}
                    def cb1(ctx, off, entries, err):
                        one[ctx] = entries
                    h.block_status(4 << 20, 0, cb1, nbd.CMD_FLAG_REQ_ONE)
                    print('one', one['base:allocation'])
                    """);
            assertTrue(r.out().contains("alloc [1048576, 0, 69632, 3, 4096, 0, 974848, 3, 1048576, 0, 1048576, 3]"), r.out());
            assertTrue(r.out().contains("dirty [1114112, 0, 65536, 1, 3014656, 0]"), r.out());
            assertTrue(r.out().contains("one [1048576, 0]"), r.out());
        }
    }

    @Test void structuredReadsSendZeroRunsAsHolesExceptWithDf() throws Exception {
        try (ServerFixture f = new ServerFixture(dir)) {
            Clients.Result r = nbdsh(f, "vg/ro", """
                    assert h.get_structured_replies_negotiated() and h.can_df()
                    chunks = []
                    def cb(buf, off, status, err):
                        chunks.append((off, len(buf), status))
                    buf = h.pread_structured(2 << 20, 512 << 10, cb)
                    print('chunks', sorted(chunks))
                    print('holes', nbd.READ_HOLE, 'data', nbd.READ_DATA)
                    with open('%s', 'rb') as f:
                        f.seek(512 << 10)
                        assert buf == f.read(2 << 20)
                    chunks.clear()
                    h.pread_structured(2 << 20, 512 << 10, cb, nbd.CMD_FLAG_DF)
                    print('df', chunks)
                    """.formatted(f.ro));
            assertTrue(r.out().contains("chunks [(524288, 524288, 1), (1048576, 1048576, 2), (2097152, 524288, 1)]"),
                    r.out());
            assertTrue(r.out().contains("holes 2 data 1"), r.out());
            assertTrue(r.out().contains("df [(524288, 2097152, 1)]"), r.out());
        }
    }

    /** Ranges found to be data are remembered; a hole is asked again, so data written into it is never sent as one. */
    @Test void sparseReadsFollowWritesIntoHolesAndTrimsOfData() throws Exception {
        try (ServerFixture f = new ServerFixture(dir)) {
            Clients.Result r = nbdsh(f, "vg/lv", """
                    chunks = []
                    def cb(buf, off, status, err):
                        chunks.append((off, len(buf), status))
                    h.zero(65536, 1 << 20)
                    h.flush()
                    buf = h.pread_structured(65536, 1 << 20, cb)
                    print('before', chunks, buf == bytes(65536))
                    h.pwrite(b'y' * 65536, 1 << 20)
                    chunks.clear()
                    buf = h.pread_structured(65536, 1 << 20, cb)
                    print('after', chunks, buf == b'y' * 65536)
                    chunks.clear()
                    buf = h.pread_structured(4096, (1 << 20) + 4096, cb)
                    print('again', chunks, buf == b'y' * 4096)
                    h.trim(65536, 1 << 20)
                    chunks.clear()
                    buf = h.pread_structured(4096, (1 << 20) + 4096, cb)
                    print('trimmed', buf == bytes(4096))
                    """);
            assertTrue(r.out().contains("before [(1048576, 65536, 2)] True"), r.out());
            assertTrue(r.out().contains("after [(1048576, 65536, 1)] True"), r.out());
            assertTrue(r.out().contains("again [(1052672, 4096, 1)] True"), r.out());
            assertTrue(r.out().contains("trimmed True"), r.out());
        }
    }

    @Test void outOfRangeRequestsFailWithEinvalOrEnospc() throws Exception {
        try (ServerFixture f = new ServerFixture(dir)) {
            Clients.Result r = nbdsh(f, "vg/lv", """
                    h.set_strict_mode(0)
                    for name, op in [('read', lambda: h.pread(4096, (4 << 20) - 1024)),
                                     ('write', lambda: h.pwrite(b'x' * 4096, (4 << 20) - 1024)),
                                     ('zero', lambda: h.zero(4096, 4 << 20)),
                                     ('trim', lambda: h.trim(4096, 4 << 20))]:
                        try:
                            op()
                            print(name, 'ok')
                        except nbd.Error as e:
                            print(name, 'errno', e.errnum)
                    """);
            assertTrue(r.out().contains("read errno 22"), r.out());
            assertTrue(r.out().contains("write errno 28"), r.out());
            assertTrue(r.out().contains("zero errno 28"), r.out());
            assertTrue(r.out().contains("trim errno 22"), r.out());
        }
    }

    @Test void nbdinfoMapsAllocationAndTheDirtyBitmap() throws Exception {
        try (ServerFixture f = new ServerFixture(dir)) {
            String map = Clients.run("nbdinfo", "--map", f.uri("vg/ro")).ok().out();
            assertTrue(map.matches("(?s)\\s*0\\s+1048576\\s+0\\s+data\\s*\\n\\s*1048576\\s+1048576\\s+3\\s+hole,zero.*"), map);
            Clients.run("qemu-io", "-f", "raw", "-c", "write -P 0x55 2M 64k", f.uri("vg/lv")).ok();
            String dirty = Clients.run("nbdinfo", "--map=qemu:dirty-bitmap:track", f.uri("vg/lv")).ok().out();
            assertTrue(dirty.matches("(?s)\\s*0\\s+2097152\\s+0\\s+clean\\s*\\n\\s*2097152\\s+65536\\s+1\\s+dirty\\s*\\n.*"), dirty);
            byte[] got = ServerFixture.bytes(f.lv, 2 << 20, 65536);
            byte[] want = new byte[65536];
            Arrays.fill(want, (byte) 0x55);
            assertArrayEquals(want, got);
        }
    }

    /** Reused read buffers: a read the volume answers short (it shrank) gets zeros, not an earlier read's data. */
    @Test void aShortReadIsPaddedWithZerosNotStaleData() throws Exception {
        try (ServerFixture f = new ServerFixture(dir)) {
            FileExports.FileVolume grown = new FileExports.FileVolume(f.ro, true, false);
            grown.extra = 65536;
            f.exports.add("vg/grown", grown);
            for (String structured : new String[] {"True", "False"}) {
                Clients.Result r = Clients.run("nbdsh", "-c", "h.set_request_structured_replies(" + structured + ")\n"
                        + "h.connect_uri('" + f.uri("vg/grown") + "')\n"
                        + "assert h.pread(65536, 0) != bytearray(65536)\n"
                        + "print('tail zero', h.pread(65536, " + ServerFixture.SIZE + ") == bytearray(65536))\n").ok();
                assertTrue(r.out().contains("tail zero True"), r.out());
            }
        }
    }

    @Test void cacheIsAcceptedAndAReadOnlyExportOffersNoWrites() throws Exception {
        try (ServerFixture f = new ServerFixture(dir)) {
            Clients.Result r = nbdsh(f, "vg/ro", """
                    h.set_strict_mode(0)
                    h.cache(65536, 0)
                    print('flags', h.is_read_only(), h.can_trim(), h.can_zero(), h.can_fua(), h.can_cache())
                    try:
                        h.cache(4096, 4 << 20)
                    except nbd.Error as e:
                        print('cache past the end errno', e.errnum)
                    """);
            assertTrue(r.out().contains("flags True False False False True"), r.out());
            assertTrue(r.out().contains("cache past the end errno 22"), r.out());
        }
    }

    /** qemu's client reads the dirty bitmap too (x-dirty-bitmap shows dirty regions as not present). */
    @Test void qemuImgMapReadsAllocationAndTheDirtyBitmap() throws Exception {
        try (ServerFixture f = new ServerFixture(dir)) {
            Clients.run("qemu-io", "-f", "raw", "-c", "write -P 7 1088k 4k", f.uri("vg/lv")).ok();
            String map = Clients.run("qemu-img", "map", "--output=json", "-f", "raw", f.uri("vg/lv")).ok().out();
            assertTrue(map.contains("{ \"start\": 1114112, \"length\": 4096, \"depth\": 0, \"present\": true, \"zero\": false, \"data\": true"), map);
            String dirty = Clients.run("qemu-img", "map", "--output=json", "--image-opts", "driver=nbd,path=" + f.socket
                    + ",export=vg/lv,x-dirty-bitmap=qemu:dirty-bitmap:track").ok().out();
            assertTrue(dirty.contains("{ \"start\": 1114112, \"length\": 65536, \"depth\": 0, \"present\": false"), dirty);
        }
    }

    @Test void qemuIoReadsVerifyThePattern() throws Exception {
        try (ServerFixture f = new ServerFixture(dir)) {
            Clients.run("qemu-io", "-f", "raw", "-c", "write -P 0x33 100k 300k", "-c", "read -P 0x33 100k 300k",
                    "-c", "read -P 0 1M 1M", "-c", "write -z 100k 4k", "-c", "read -P 0 100k 4k", f.uri("vg/lv")).ok();
        }
    }

    private static boolean allZero(byte[] b, int from, int len) {
        for (int i = from; i < from + len; i++) if (b[i] != 0) return false;
        return true;
    }
}
