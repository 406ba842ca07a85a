package ulvm.segtype;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import ulvm.format.FormatException;
import ulvm.format.VgTextReader;
import ulvm.format.VgTextWriter;
import ulvm.model.ThinPoolSegment;
import ulvm.model.ThinSegment;
import ulvm.model.Vg;

/** type = "thin-pool" and "thin" read and written with the keys of LVM2 2.03.16's lib/thin/thin.c, in its order. */
class ThinTextTest {
    static final String TEXT = """
            vg {
            id = "k0YgHm-IMYV-y3C8-1rZ0-hTeE-TKf6-7IGh5j"
            seqno = 6
            format = "lvm2"
            status = ["RESIZEABLE", "READ", "WRITE"]
            flags = []
            extent_size = 8192
            max_lv = 0
            max_pv = 0
            metadata_copies = 0
            physical_volumes {
            pv0 {
            id = "lEwNDo-N5W8-jWoF-d2Gq-rr5u-ppCC-21s8zG"
            status = ["ALLOCATABLE"]
            flags = []
            dev_size = 409600
            pe_start = 2048
            pe_count = 49
            }
            }
            logical_volumes {
            pool {
            id = "aaaaaa-aaaa-aaaa-aaaa-aaaa-aaaa-aaaaa1"
            status = ["READ", "WRITE", "VISIBLE"]
            flags = ["ERROR_WHEN_FULL"]
            segment_count = 1
            segment1 {
            start_extent = 0
            extent_count = 10
            type = "thin-pool"
            metadata = "pool_tmeta"
            pool = "pool_tdata"
            transaction_id = 3
            chunk_size = 128
            discards = "nopassdown"
            zero_new_blocks = 1
            crop_metadata = 0
            message1 {
            create = "thin1"
            }
            message2 {
            delete = 7
            }
            }
            }
            thin1 {
            id = "aaaaaa-aaaa-aaaa-aaaa-aaaa-aaaa-aaaaa2"
            status = ["READ", "WRITE", "VISIBLE"]
            flags = []
            segment_count = 1
            segment1 {
            start_extent = 0
            extent_count = 25
            type = "thin"
            thin_pool = "pool"
            transaction_id = 2
            device_id = 1
            external_origin = "ro"
            merge = "thin1"
            }
            }
            ro {
            id = "aaaaaa-aaaa-aaaa-aaaa-aaaa-aaaa-aaaaa3"
            status = ["READ", "VISIBLE"]
            flags = []
            segment_count = 1
            segment1 {
            start_extent = 0
            extent_count = 1
            type = "striped"
            stripe_count = 1
            stripes = ["pv0", 12]
            }
            }
            pool_tmeta {
            id = "aaaaaa-aaaa-aaaa-aaaa-aaaa-aaaa-aaaaa5"
            status = ["READ", "WRITE"]
            flags = []
            segment_count = 1
            segment1 {
            start_extent = 0
            extent_count = 1
            type = "striped"
            stripe_count = 1
            stripes = ["pv0", 11]
            }
            }
            pool_tdata {
            id = "aaaaaa-aaaa-aaaa-aaaa-aaaa-aaaa-aaaaa6"
            status = ["READ", "WRITE"]
            flags = []
            segment_count = 1
            segment1 {
            start_extent = 0
            extent_count = 10
            type = "striped"
            stripe_count = 1
            stripes = ["pv0", 1]
            }
            }
            }
            }
            contents = "Text Format Volume Group"
            version = 1
            """;

    @Test
    void readsEveryKey() throws Exception {
        Vg vg = VgTextReader.read(TEXT, "t");
        ThinPoolSegment p = ThinPoolType.of(vg.lv("pool").orElseThrow());
        assertEquals("pool_tmeta", p.metadataLv());
        assertEquals("pool_tdata", p.dataLv());
        assertEquals(3, p.transactionId());
        assertEquals(128, p.chunkSize());
        assertEquals("nopassdown", p.discards());
        assertTrue(p.zeroNewBlocks());
        assertEquals(0L, p.cropMetadata());
        assertEquals(List.of(ThinPoolSegment.Message.creating("thin1"), ThinPoolSegment.Message.deleting(7)), p.messages());
        assertEquals(new ThinSegment(0, 25, "pool", 2, 1, null, "ro", "thin1"), ThinType.of(vg.lv("thin1").orElseThrow()));
        assertEquals("pool", ThinPoolType.owner(vg, "pool_tmeta").name());
        assertEquals(List.of("thin1"), ThinPoolType.thins(vg, "pool").stream().map(l -> l.name()).toList());
    }

    @Test
    void writesLvm2sKeysInItsOrderAndReadsBackTheSame() throws Exception {
        Vg vg = VgTextReader.read(TEXT, "t");
        String text = VgTextWriter.disk(vg, "d", "h", 1);
        assertTrue(text.replaceAll("\\s+", " ").contains("type = \"thin-pool\" metadata = \"pool_tmeta\" pool = \"pool_tdata\" transaction_id = 3 "
                + "chunk_size = 128 discards = \"nopassdown\" zero_new_blocks = 1 crop_metadata = 0 message1 { create = \"thin1\" } message2 { delete = 7 }"), text);
        assertTrue(text.replaceAll("\\s+", " ").contains("type = \"thin\" thin_pool = \"pool\" transaction_id = 2 device_id = 1 external_origin = \"ro\" merge = \"thin1\""), text);
        assertEquals(vg, VgTextReader.read(text, "again"));
        // no discards key reads as ignore, and LVM2 always writes it back; no zero_new_blocks is "no"
        Vg plain = VgTextReader.read(TEXT.replace("discards = \"nopassdown\"\n", "").replace("zero_new_blocks = 1\n", ""), "t");
        ThinPoolSegment p = ThinPoolType.of(plain.lv("pool").orElseThrow());
        assertEquals("ignore", p.discards());
        assertEquals(false, p.zeroNewBlocks());
        assertTrue(VgTextWriter.disk(plain, "d", "h", 1).contains("discards = \"ignore\""));
    }

    @Test
    void refusesWhatLvm2Refuses() {
        for (String[] bad : new String[][] {
            {"metadata = \"pool_tmeta\"", "metadata = \"nope\""},
            {"thin_pool = \"pool\"", "thin_pool = \"nope\""},
            {"chunk_size = 128", "chunk_size = 64"},
            {"chunk_size = 128", "chunk_size = 4194304"},
            {"discards = \"nopassdown\"", "discards = \"sometimes\""},
            {"device_id = 1", "device_id = 16777216"},
            {"create = \"thin1\"", "create = \"nope\""},
            {"delete = 7", "remove = 7"},
            {"transaction_id = 2\n", "\n"},
        }) {
            assertThrows(FormatException.class, () -> VgTextReader.read(TEXT.replace(bad[0], bad[1]), "t"), bad[1]);
        }
    }
}
