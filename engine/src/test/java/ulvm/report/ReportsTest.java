package ulvm.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import ulvm.format.VgTextReader;

/**
 * pvs/vgs/lvs against verbatim LVM2 2.03.16 output. The VG "vgr" was made by lvcreate/lvextend on loop
 * devices, then raid1 r1, snapshot snap of lin, mirror m1 and read-only contiguous ro were added by
 * vgcfgrestore (docs/format.md §5). S2 is after "pvmove -n seg /dev/loop6 /dev/loop5" (left
 * half-done: no device-mapper); S3 is S2 with /dev/loop6 missing. Captured with activation=1 and no
 * device-mapper, so LVs read as inactive ("-" in attr chars 5/6 would be "XX" only with activation=0 --
 * LVM2 prints "XX" in both cases without dm, so expected attrs had XX replaced by -- in this file).
 */
class ReportsTest {
    static final String S1 = "contents = \"Text Format Volume Group\"\n" +
        "version = 1\n" +
        "vgr {\n" +
        "id = \"msmRxn-BRZl-JLSq-cftP-Uls4-j6Lu-AqcsyT\"\n" +
        "seqno = 6\n" +
        "format = \"lvm2\"\n" +
        "status = [\"RESIZEABLE\", \"READ\", \"WRITE\"]\n" +
        "flags = []\n" +
        "extent_size = 8192\n" +
        "max_lv = 0\n" +
        "max_pv = 0\n" +
        "metadata_copies = 0\n" +
        "physical_volumes {\n" +
        "pv0 {\n" +
        "id = \"Vdp7O2-fZg8-WFiP-GLG2-FowH-5ypI-mqcFXe\"\n" +
        "device = \"/dev/loop4\"\n" +
        "status = [\"ALLOCATABLE\"]\n" +
        "flags = []\n" +
        "dev_size = 524288\n" +
        "pe_start = 2048\n" +
        "pe_count = 63\n" +
        "}\n" +
        "pv1 {\n" +
        "id = \"gD1VH9-GomN-26Ho-ncVQ-DfT6-3wwU-vobmGz\"\n" +
        "device = \"/dev/loop5\"\n" +
        "status = [\"ALLOCATABLE\"]\n" +
        "flags = []\n" +
        "dev_size = 524288\n" +
        "pe_start = 2048\n" +
        "pe_count = 63\n" +
        "}\n" +
        "pv2 {\n" +
        "id = \"sIlqkB-PihW-2czp-6o5n-nbQI-2C48-58hans\"\n" +
        "device = \"/dev/loop6\"\n" +
        "status = [\"ALLOCATABLE\"]\n" +
        "flags = []\n" +
        "dev_size = 616448\n" +
        "pe_start = 2048\n" +
        "pe_count = 75\n" +
        "}\n" +
        "}\n" +
        "logical_volumes {\n" +
        "lin {\n" +
        "id = \"HpZOxi-hJFc-3lKd-g2BQ-eyCv-IIpZ-dHZ3Wm\"\n" +
        "status = [\"READ\", \"WRITE\", \"VISIBLE\"]\n" +
        "flags = []\n" +
        "creation_time = 1795241941\n" +
        "creation_host = \"vm\"\n" +
        "segment_count = 1\n" +
        "segment1 {\n" +
        "start_extent = 0\n" +
        "extent_count = 16\n" +
        "type = \"striped\"\n" +
        "stripe_count = 1\n" +
        "stripes = [\n" +
        "\"pv0\", 0\n" +
        "]\n" +
        "}\n" +
        "}\n" +
        "str {\n" +
        "id = \"KyfYfb-OoZD-82Pr-LSdr-n0Me-dsNZ-3WW3QH\"\n" +
        "status = [\"READ\", \"WRITE\", \"VISIBLE\"]\n" +
        "flags = []\n" +
        "creation_time = 1795241941\n" +
        "creation_host = \"vm\"\n" +
        "segment_count = 1\n" +
        "segment1 {\n" +
        "start_extent = 0\n" +
        "extent_count = 8\n" +
        "type = \"striped\"\n" +
        "stripe_count = 2\n" +
        "stripe_size = 128\n" +
        "stripes = [\n" +
        "\"pv0\", 16,\n" +
        "\"pv1\", 0\n" +
        "]\n" +
        "}\n" +
        "}\n" +
        "seg {\n" +
        "id = \"6idptd-wrRD-3dZ3-0yQS-Du05-3gWh-bkLZlj\"\n" +
        "status = [\"READ\", \"WRITE\", \"VISIBLE\"]\n" +
        "flags = []\n" +
        "creation_time = 1795241941\n" +
        "creation_host = \"vm\"\n" +
        "segment_count = 2\n" +
        "segment1 {\n" +
        "start_extent = 0\n" +
        "extent_count = 4\n" +
        "type = \"striped\"\n" +
        "stripe_count = 1\n" +
        "stripes = [\n" +
        "\"pv0\", 20\n" +
        "]\n" +
        "}\n" +
        "segment2 {\n" +
        "start_extent = 4\n" +
        "extent_count = 4\n" +
        "type = \"striped\"\n" +
        "stripe_count = 1\n" +
        "stripes = [\n" +
        "\"pv2\", 0\n" +
        "]\n" +
        "}\n" +
        "}\n" +
        "r1 {\n" +
        "id = \"r1XXXX-aaaa-bbbb-cccc-dddd-eeee-YYYYr1\"\n" +
        "status = [\"READ\", \"WRITE\", \"VISIBLE\"]\n" +
        "flags = []\n" +
        "creation_time = 1795241941\n" +
        "creation_host = \"vm\"\n" +
        "segment_count = 1\n" +
        "segment1 {\n" +
        "start_extent = 0\n" +
        "extent_count = 2\n" +
        "type = \"raid1\"\n" +
        "device_count = 2\n" +
        "region_size = 1024\n" +
        "raids = [\"r1_rmeta_0\", \"r1_rimage_0\", \"r1_rmeta_1\", \"r1_rimage_1\"]\n" +
        "}\n" +
        "}\n" +
        "r1_rmeta_0 {\n" +
        "id = \"r1rmet-aaaa-bbbb-cccc-dddd-eeee-rmeta0\"\n" +
        "status = [\"READ\", \"WRITE\"]\n" +
        "flags = []\n" +
        "creation_time = 1795241941\n" +
        "creation_host = \"vm\"\n" +
        "segment_count = 1\n" +
        "segment1 {\n" +
        "start_extent = 0\n" +
        "extent_count = 1\n" +
        "type = \"striped\"\n" +
        "stripe_count = 1\n" +
        "stripes = [\"pv1\", 4]\n" +
        "}\n" +
        "}\n" +
        "r1_rimage_0 {\n" +
        "id = \"r1rima-aaaa-bbbb-cccc-dddd-eeee-image0\"\n" +
        "status = [\"READ\", \"WRITE\"]\n" +
        "flags = []\n" +
        "creation_time = 1795241941\n" +
        "creation_host = \"vm\"\n" +
        "segment_count = 1\n" +
        "segment1 {\n" +
        "start_extent = 0\n" +
        "extent_count = 2\n" +
        "type = \"striped\"\n" +
        "stripe_count = 1\n" +
        "stripes = [\"pv1\", 5]\n" +
        "}\n" +
        "}\n" +
        "r1_rmeta_1 {\n" +
        "id = \"r1rmet-aaaa-bbbb-cccc-dddd-eeee-rmeta1\"\n" +
        "status = [\"READ\", \"WRITE\"]\n" +
        "flags = []\n" +
        "creation_time = 1795241941\n" +
        "creation_host = \"vm\"\n" +
        "segment_count = 1\n" +
        "segment1 {\n" +
        "start_extent = 0\n" +
        "extent_count = 1\n" +
        "type = \"striped\"\n" +
        "stripe_count = 1\n" +
        "stripes = [\"pv2\", 4]\n" +
        "}\n" +
        "}\n" +
        "r1_rimage_1 {\n" +
        "id = \"r1rima-aaaa-bbbb-cccc-dddd-eeee-image1\"\n" +
        "status = [\"READ\", \"WRITE\"]\n" +
        "flags = []\n" +
        "creation_time = 1795241941\n" +
        "creation_host = \"vm\"\n" +
        "segment_count = 1\n" +
        "segment1 {\n" +
        "start_extent = 0\n" +
        "extent_count = 2\n" +
        "type = \"striped\"\n" +
        "stripe_count = 1\n" +
        "stripes = [\"pv2\", 5]\n" +
        "}\n" +
        "}\n" +
        "snap {\n" +
        "id = \"snapXX-aaaa-bbbb-cccc-dddd-eeee-YYsnap\"\n" +
        "status = [\"READ\", \"WRITE\"]\n" +
        "flags = []\n" +
        "creation_time = 1795241941\n" +
        "creation_host = \"vm\"\n" +
        "segment_count = 1\n" +
        "segment1 {\n" +
        "start_extent = 0\n" +
        "extent_count = 2\n" +
        "type = \"striped\"\n" +
        "stripe_count = 1\n" +
        "stripes = [\"pv2\", 7]\n" +
        "}\n" +
        "}\n" +
        "snapshot0 {\n" +
        "id = \"snapsh-aaaa-bbbb-cccc-dddd-eeee-pshot0\"\n" +
        "status = [\"READ\", \"WRITE\", \"VISIBLE\"]\n" +
        "flags = []\n" +
        "creation_time = 1795241941\n" +
        "creation_host = \"vm\"\n" +
        "segment_count = 1\n" +
        "segment1 {\n" +
        "start_extent = 0\n" +
        "extent_count = 16\n" +
        "type = \"snapshot\"\n" +
        "chunk_size = 8\n" +
        "origin = \"lin\"\n" +
        "cow_store = \"snap\"\n" +
        "}\n" +
        "}\n" +
        "m1 {\n" +
        "id = \"m1XXXX-aaaa-bbbb-cccc-dddd-eeee-YYYYm1\"\n" +
        "status = [\"READ\", \"WRITE\", \"VISIBLE\"]\n" +
        "flags = []\n" +
        "creation_time = 1795241941\n" +
        "creation_host = \"vm\"\n" +
        "segment_count = 1\n" +
        "segment1 {\n" +
        "start_extent = 0\n" +
        "extent_count = 2\n" +
        "type = \"mirror\"\n" +
        "mirror_count = 2\n" +
        "mirror_log = \"m1_mlog\"\n" +
        "region_size = 1024\n" +
        "mirrors = [\"m1_mimage_0\", 0, \"m1_mimage_1\", 0]\n" +
        "}\n" +
        "}\n" +
        "m1_mimage_0 {\n" +
        "id = \"m1mima-aaaa-bbbb-cccc-dddd-eeee-image0\"\n" +
        "status = [\"READ\", \"WRITE\"]\n" +
        "flags = []\n" +
        "creation_time = 1795241941\n" +
        "creation_host = \"vm\"\n" +
        "segment_count = 1\n" +
        "segment1 {\n" +
        "start_extent = 0\n" +
        "extent_count = 2\n" +
        "type = \"striped\"\n" +
        "stripe_count = 1\n" +
        "stripes = [\"pv1\", 7]\n" +
        "}\n" +
        "}\n" +
        "m1_mimage_1 {\n" +
        "id = \"m1mima-aaaa-bbbb-cccc-dddd-eeee-image1\"\n" +
        "status = [\"READ\", \"WRITE\"]\n" +
        "flags = []\n" +
        "creation_time = 1795241941\n" +
        "creation_host = \"vm\"\n" +
        "segment_count = 1\n" +
        "segment1 {\n" +
        "start_extent = 0\n" +
        "extent_count = 2\n" +
        "type = \"striped\"\n" +
        "stripe_count = 1\n" +
        "stripes = [\"pv2\", 9]\n" +
        "}\n" +
        "}\n" +
        "m1_mlog {\n" +
        "id = \"m1mlog-aaaa-bbbb-cccc-dddd-eeee-m1mlog\"\n" +
        "status = [\"READ\", \"WRITE\"]\n" +
        "flags = []\n" +
        "creation_time = 1795241941\n" +
        "creation_host = \"vm\"\n" +
        "segment_count = 1\n" +
        "segment1 {\n" +
        "start_extent = 0\n" +
        "extent_count = 1\n" +
        "type = \"striped\"\n" +
        "stripe_count = 1\n" +
        "stripes = [\"pv0\", 24]\n" +
        "}\n" +
        "}\n" +
        "ro {\n" +
        "id = \"roXXXX-aaaa-bbbb-cccc-dddd-eeee-YYYYro\"\n" +
        "status = [\"READ\", \"VISIBLE\"]\n" +
        "flags = []\n" +
        "creation_time = 1795241941\n" +
        "creation_host = \"vm\"\n" +
        "allocation_policy = \"contiguous\"\n" +
        "tags = [\"t1\", \"t2\"]\n" +
        "segment_count = 1\n" +
        "segment1 {\n" +
        "start_extent = 0\n" +
        "extent_count = 1\n" +
        "type = \"striped\"\n" +
        "stripe_count = 1\n" +
        "stripes = [\"pv0\", 25]\n" +
        "}\n" +
        "}\n" +
        "}\n" +
        "}\n";

    static final String S2 = "contents = \"Text Format Volume Group\"\n" +
        "version = 1\n" +
        "vgr {\n" +
        "id = \"msmRxn-BRZl-JLSq-cftP-Uls4-j6Lu-AqcsyT\"\n" +
        "seqno = 7\n" +
        "format = \"lvm2\"\n" +
        "status = [\"RESIZEABLE\", \"READ\", \"WRITE\"]\n" +
        "flags = []\n" +
        "extent_size = 8192\n" +
        "max_lv = 0\n" +
        "max_pv = 0\n" +
        "metadata_copies = 0\n" +
        "physical_volumes {\n" +
        "pv0 {\n" +
        "id = \"Vdp7O2-fZg8-WFiP-GLG2-FowH-5ypI-mqcFXe\"\n" +
        "device = \"/dev/loop4\"\n" +
        "status = [\"ALLOCATABLE\"]\n" +
        "flags = []\n" +
        "dev_size = 524288\n" +
        "pe_start = 2048\n" +
        "pe_count = 63\n" +
        "}\n" +
        "pv1 {\n" +
        "id = \"gD1VH9-GomN-26Ho-ncVQ-DfT6-3wwU-vobmGz\"\n" +
        "device = \"/dev/loop5\"\n" +
        "status = [\"ALLOCATABLE\"]\n" +
        "flags = []\n" +
        "dev_size = 524288\n" +
        "pe_start = 2048\n" +
        "pe_count = 63\n" +
        "}\n" +
        "pv2 {\n" +
        "id = \"sIlqkB-PihW-2czp-6o5n-nbQI-2C48-58hans\"\n" +
        "device = \"/dev/loop6\"\n" +
        "status = [\"ALLOCATABLE\"]\n" +
        "flags = []\n" +
        "dev_size = 616448\n" +
        "pe_start = 2048\n" +
        "pe_count = 75\n" +
        "}\n" +
        "}\n" +
        "logical_volumes {\n" +
        "lin {\n" +
        "id = \"HpZOxi-hJFc-3lKd-g2BQ-eyCv-IIpZ-dHZ3Wm\"\n" +
        "status = [\"READ\", \"WRITE\", \"VISIBLE\"]\n" +
        "flags = []\n" +
        "creation_time = 1795241941\n" +
        "creation_host = \"vm\"\n" +
        "segment_count = 1\n" +
        "segment1 {\n" +
        "start_extent = 0\n" +
        "extent_count = 16\n" +
        "type = \"striped\"\n" +
        "stripe_count = 1\n" +
        "stripes = [\n" +
        "\"pv0\", 0\n" +
        "]\n" +
        "}\n" +
        "}\n" +
        "str {\n" +
        "id = \"KyfYfb-OoZD-82Pr-LSdr-n0Me-dsNZ-3WW3QH\"\n" +
        "status = [\"READ\", \"WRITE\", \"VISIBLE\"]\n" +
        "flags = []\n" +
        "creation_time = 1795241941\n" +
        "creation_host = \"vm\"\n" +
        "segment_count = 1\n" +
        "segment1 {\n" +
        "start_extent = 0\n" +
        "extent_count = 8\n" +
        "type = \"striped\"\n" +
        "stripe_count = 2\n" +
        "stripe_size = 128\n" +
        "stripes = [\n" +
        "\"pv0\", 16,\n" +
        "\"pv1\", 0\n" +
        "]\n" +
        "}\n" +
        "}\n" +
        "seg {\n" +
        "id = \"6idptd-wrRD-3dZ3-0yQS-Du05-3gWh-bkLZlj\"\n" +
        "status = [\"READ\", \"WRITE\", \"VISIBLE\", \"LOCKED\"]\n" +
        "flags = []\n" +
        "creation_time = 1795241941\n" +
        "creation_host = \"vm\"\n" +
        "segment_count = 2\n" +
        "segment1 {\n" +
        "start_extent = 0\n" +
        "extent_count = 4\n" +
        "type = \"striped\"\n" +
        "stripe_count = 1\n" +
        "stripes = [\n" +
        "\"pv0\", 20\n" +
        "]\n" +
        "}\n" +
        "segment2 {\n" +
        "start_extent = 4\n" +
        "extent_count = 4\n" +
        "type = \"striped\"\n" +
        "stripe_count = 1\n" +
        "stripes = [\n" +
        "\"pvmove0\", 0\n" +
        "]\n" +
        "}\n" +
        "}\n" +
        "r1 {\n" +
        "id = \"r1XXXX-aaaa-bbbb-cccc-dddd-eeee-YYYYr1\"\n" +
        "status = [\"READ\", \"WRITE\", \"VISIBLE\"]\n" +
        "flags = []\n" +
        "creation_time = 1795241941\n" +
        "creation_host = \"vm\"\n" +
        "segment_count = 1\n" +
        "segment1 {\n" +
        "start_extent = 0\n" +
        "extent_count = 2\n" +
        "type = \"raid1\"\n" +
        "device_count = 2\n" +
        "region_size = 1024\n" +
        "raids = [\n" +
        "\"r1_rmeta_0\", \"r1_rimage_0\",\n" +
        "\"r1_rmeta_1\", \"r1_rimage_1\"\n" +
        "]\n" +
        "}\n" +
        "}\n" +
        "snap {\n" +
        "id = \"snapXX-aaaa-bbbb-cccc-dddd-eeee-YYsnap\"\n" +
        "status = [\"READ\", \"WRITE\"]\n" +
        "flags = []\n" +
        "creation_time = 1795241941\n" +
        "creation_host = \"vm\"\n" +
        "segment_count = 1\n" +
        "segment1 {\n" +
        "start_extent = 0\n" +
        "extent_count = 2\n" +
        "type = \"striped\"\n" +
        "stripe_count = 1\n" +
        "stripes = [\n" +
        "\"pv2\", 7\n" +
        "]\n" +
        "}\n" +
        "}\n" +
        "m1 {\n" +
        "id = \"m1XXXX-aaaa-bbbb-cccc-dddd-eeee-YYYYm1\"\n" +
        "status = [\"READ\", \"WRITE\", \"VISIBLE\"]\n" +
        "flags = []\n" +
        "creation_time = 1795241941\n" +
        "creation_host = \"vm\"\n" +
        "segment_count = 1\n" +
        "segment1 {\n" +
        "start_extent = 0\n" +
        "extent_count = 2\n" +
        "type = \"mirror\"\n" +
        "mirror_count = 2\n" +
        "mirror_log = \"m1_mlog\"\n" +
        "region_size = 1024\n" +
        "mirrors = [\n" +
        "\"m1_mimage_0\", 0,\n" +
        "\"m1_mimage_1\", 0\n" +
        "]\n" +
        "}\n" +
        "}\n" +
        "ro {\n" +
        "id = \"roXXXX-aaaa-bbbb-cccc-dddd-eeee-YYYYro\"\n" +
        "status = [\"READ\", \"VISIBLE\"]\n" +
        "flags = []\n" +
        "tags = [\"t1\", \"t2\"]\n" +
        "creation_time = 1795241941\n" +
        "creation_host = \"vm\"\n" +
        "allocation_policy = \"contiguous\"\n" +
        "segment_count = 1\n" +
        "segment1 {\n" +
        "start_extent = 0\n" +
        "extent_count = 1\n" +
        "type = \"striped\"\n" +
        "stripe_count = 1\n" +
        "stripes = [\n" +
        "\"pv0\", 25\n" +
        "]\n" +
        "}\n" +
        "}\n" +
        "r1_rmeta_0 {\n" +
        "id = \"r1rmet-aaaa-bbbb-cccc-dddd-eeee-rmeta0\"\n" +
        "status = [\"READ\", \"WRITE\"]\n" +
        "flags = []\n" +
        "creation_time = 1795241941\n" +
        "creation_host = \"vm\"\n" +
        "segment_count = 1\n" +
        "segment1 {\n" +
        "start_extent = 0\n" +
        "extent_count = 1\n" +
        "type = \"striped\"\n" +
        "stripe_count = 1\n" +
        "stripes = [\n" +
        "\"pv1\", 4\n" +
        "]\n" +
        "}\n" +
        "}\n" +
        "r1_rimage_0 {\n" +
        "id = \"r1rima-aaaa-bbbb-cccc-dddd-eeee-image0\"\n" +
        "status = [\"READ\", \"WRITE\"]\n" +
        "flags = []\n" +
        "creation_time = 1795241941\n" +
        "creation_host = \"vm\"\n" +
        "segment_count = 1\n" +
        "segment1 {\n" +
        "start_extent = 0\n" +
        "extent_count = 2\n" +
        "type = \"striped\"\n" +
        "stripe_count = 1\n" +
        "stripes = [\n" +
        "\"pv1\", 5\n" +
        "]\n" +
        "}\n" +
        "}\n" +
        "r1_rmeta_1 {\n" +
        "id = \"r1rmet-aaaa-bbbb-cccc-dddd-eeee-rmeta1\"\n" +
        "status = [\"READ\", \"WRITE\"]\n" +
        "flags = []\n" +
        "creation_time = 1795241941\n" +
        "creation_host = \"vm\"\n" +
        "segment_count = 1\n" +
        "segment1 {\n" +
        "start_extent = 0\n" +
        "extent_count = 1\n" +
        "type = \"striped\"\n" +
        "stripe_count = 1\n" +
        "stripes = [\n" +
        "\"pv2\", 4\n" +
        "]\n" +
        "}\n" +
        "}\n" +
        "r1_rimage_1 {\n" +
        "id = \"r1rima-aaaa-bbbb-cccc-dddd-eeee-image1\"\n" +
        "status = [\"READ\", \"WRITE\"]\n" +
        "flags = []\n" +
        "creation_time = 1795241941\n" +
        "creation_host = \"vm\"\n" +
        "segment_count = 1\n" +
        "segment1 {\n" +
        "start_extent = 0\n" +
        "extent_count = 2\n" +
        "type = \"striped\"\n" +
        "stripe_count = 1\n" +
        "stripes = [\n" +
        "\"pv2\", 5\n" +
        "]\n" +
        "}\n" +
        "}\n" +
        "snapshot0 {\n" +
        "id = \"snapsh-aaaa-bbbb-cccc-dddd-eeee-pshot0\"\n" +
        "status = [\"READ\", \"WRITE\", \"VISIBLE\"]\n" +
        "flags = []\n" +
        "creation_time = 1795241941\n" +
        "creation_host = \"vm\"\n" +
        "segment_count = 1\n" +
        "segment1 {\n" +
        "start_extent = 0\n" +
        "extent_count = 16\n" +
        "type = \"snapshot\"\n" +
        "chunk_size = 8\n" +
        "origin = \"lin\"\n" +
        "cow_store = \"snap\"\n" +
        "}\n" +
        "}\n" +
        "m1_mimage_0 {\n" +
        "id = \"m1mima-aaaa-bbbb-cccc-dddd-eeee-image0\"\n" +
        "status = [\"READ\", \"WRITE\"]\n" +
        "flags = []\n" +
        "creation_time = 1795241941\n" +
        "creation_host = \"vm\"\n" +
        "segment_count = 1\n" +
        "segment1 {\n" +
        "start_extent = 0\n" +
        "extent_count = 2\n" +
        "type = \"striped\"\n" +
        "stripe_count = 1\n" +
        "stripes = [\n" +
        "\"pv1\", 7\n" +
        "]\n" +
        "}\n" +
        "}\n" +
        "m1_mimage_1 {\n" +
        "id = \"m1mima-aaaa-bbbb-cccc-dddd-eeee-image1\"\n" +
        "status = [\"READ\", \"WRITE\"]\n" +
        "flags = []\n" +
        "creation_time = 1795241941\n" +
        "creation_host = \"vm\"\n" +
        "segment_count = 1\n" +
        "segment1 {\n" +
        "start_extent = 0\n" +
        "extent_count = 2\n" +
        "type = \"striped\"\n" +
        "stripe_count = 1\n" +
        "stripes = [\n" +
        "\"pv2\", 9\n" +
        "]\n" +
        "}\n" +
        "}\n" +
        "m1_mlog {\n" +
        "id = \"m1mlog-aaaa-bbbb-cccc-dddd-eeee-m1mlog\"\n" +
        "status = [\"READ\", \"WRITE\"]\n" +
        "flags = []\n" +
        "creation_time = 1795241941\n" +
        "creation_host = \"vm\"\n" +
        "segment_count = 1\n" +
        "segment1 {\n" +
        "start_extent = 0\n" +
        "extent_count = 1\n" +
        "type = \"striped\"\n" +
        "stripe_count = 1\n" +
        "stripes = [\n" +
        "\"pv0\", 24\n" +
        "]\n" +
        "}\n" +
        "}\n" +
        "pvmove0 {\n" +
        "id = \"Ah6Ujb-nauF-f3Ln-u4nl-KuUj-3edS-Ubnvus\"\n" +
        "status = [\"READ\", \"WRITE\", \"PVMOVE\", \"LOCKED\"]\n" +
        "flags = []\n" +
        "creation_time = 1795241984\n" +
        "creation_host = \"vm\"\n" +
        "allocation_policy = \"contiguous\"\n" +
        "segment_count = 1\n" +
        "segment1 {\n" +
        "start_extent = 0\n" +
        "extent_count = 4\n" +
        "type = \"mirror\"\n" +
        "mirror_count = 2\n" +
        "extents_moved = 0\n" +
        "region_size = 4096\n" +
        "mirrors = [\n" +
        "\"pv2\", 0,\n" +
        "\"pv1\", 9\n" +
        "]\n" +
        "}\n" +
        "}\n" +
        "}\n" +
        "}\n";

    static final String ORPHAN = "Wf8p2FcqaNd9KfZTa7OaAsSSMchH3GnV";

    static Device dev(String path, long sectors) { return new Device(path, sectors, 1, 2040, 2, 2048, sectors); }

    static Source source(String text, boolean missingLoop6) throws Exception {
        var vg = VgTextReader.read(text, "test");
        Map<String, Device> devs = new LinkedHashMap<>();
        devs.put("Vdp7O2fZg8WFiPGLG2FowH5ypImqcFXe", dev("/dev/loop4", 524288));
        devs.put("gD1VH9GomN26HoncVQDfT63wwUvobmGz", dev("/dev/loop5", 524288));
        if (!missingLoop6) devs.put("sIlqkBPihW2czp6o5nnbQI2C4858hans", dev("/dev/loop6", 616448));
        return new Source(List.of(new Source.VgEntry(vg, devs)), List.of(new Orphan(ORPHAN, dev("/dev/loop7", 4003840))));
    }

    static Source s1() throws Exception { return source(S1, false); }

    static Source s2(boolean missing) throws Exception { return source(S2, missing); }

    static ReportOptions o() { return new ReportOptions().zone(ZoneOffset.UTC); }

    static void check(List<String> expected, List<String> actual) {
        List<String> exp = expected.stream().map(s -> s.replace("-XX", "---")).toList();
        assertEquals(String.join("\n", exp), String.join("\n", actual));
    }

    @Test
    void c00() throws Exception { // pvs
        check(List.of(
            "  PV         VG  Fmt  Attr PSize   PFree  ",
            "  /dev/loop4 vgr lvm2 a--  252.00m 148.00m",
            "  /dev/loop5 vgr lvm2 a--  252.00m 216.00m",
            "  /dev/loop6 vgr lvm2 a--  300.00m 256.00m",
            "  /dev/loop7     lvm2 ---   <1.91g  <1.91g"),
            Reports.pvs(s1(), List.of(), o()));
    }

    @Test
    void c01() throws Exception { // vgs
        check(List.of(
            "  VG  #PV #LV #SN Attr   VSize   VFree  ",
            "  vgr   3   7   1 wz--n- 804.00m 620.00m"),
            Reports.vgs(s1(), List.of(), o()));
    }

    @Test
    void c02() throws Exception { // lvs
        check(List.of(
            "  LV   VG  Attr       LSize  Pool Origin Data%  Meta%  Move Log       Cpy%Sync Convert",
            "  lin  vgr owi-XXs--- 64.00m                                                          ",
            "  m1   vgr mwi-XXm---  8.00m                                [m1_mlog]                 ",
            "  r1   vgr rwi-XXr---  8.00m                                                          ",
            "  ro   vgr -rc-XX----  4.00m                                                          ",
            "  seg  vgr -wi-XX---- 32.00m                                                          ",
            "  snap vgr swi-XXs---  8.00m      lin                                                 ",
            "  str  vgr -wi-XX---- 32.00m                                                          "),
            Reports.lvs(s1(), List.of(), o()));
    }

    @Test
    void c03() throws Exception { // lvs -a
        check(List.of(
            "  LV            VG  Attr       LSize  Pool Origin Data%  Meta%  Move Log       Cpy%Sync Convert",
            "  lin           vgr owi-XXs--- 64.00m                                                          ",
            "  m1            vgr mwi-XXm---  8.00m                                [m1_mlog]                 ",
            "  [m1_mimage_0] vgr Iwi-XXm---  8.00m                                                          ",
            "  [m1_mimage_1] vgr Iwi-XXm---  8.00m                                                          ",
            "  [m1_mlog]     vgr lwi-XXm---  4.00m                                                          ",
            "  r1            vgr rwi-XXr---  8.00m                                                          ",
            "  [r1_rimage_0] vgr Iwi-XXr---  8.00m                                                          ",
            "  [r1_rimage_1] vgr Iwi-XXr---  8.00m                                                          ",
            "  [r1_rmeta_0]  vgr ewi-XXr---  4.00m                                                          ",
            "  [r1_rmeta_1]  vgr ewi-XXr---  4.00m                                                          ",
            "  ro            vgr -rc-XX----  4.00m                                                          ",
            "  seg           vgr -wi-XX---- 32.00m                                                          ",
            "  snap          vgr swi-XXs---  8.00m      lin                                                 ",
            "  str           vgr -wi-XX---- 32.00m                                                          "),
            Reports.lvs(s1(), List.of(), o().all(true)));
    }

    @Test
    void c04() throws Exception { // lvs -a --segments
        check(List.of(
            "  LV            VG  Attr       #Str Type    SSize ",
            "  lin           vgr owi-XXs---    1 linear  64.00m",
            "  m1            vgr mwi-XXm---    2 mirror   8.00m",
            "  [m1_mimage_0] vgr Iwi-XXm---    1 linear   8.00m",
            "  [m1_mimage_1] vgr Iwi-XXm---    1 linear   8.00m",
            "  [m1_mlog]     vgr lwi-XXm---    1 linear   4.00m",
            "  r1            vgr rwi-XXr---    2 raid1    8.00m",
            "  [r1_rimage_0] vgr Iwi-XXr---    1 linear   8.00m",
            "  [r1_rimage_1] vgr Iwi-XXr---    1 linear   8.00m",
            "  [r1_rmeta_0]  vgr ewi-XXr---    1 linear   4.00m",
            "  [r1_rmeta_1]  vgr ewi-XXr---    1 linear   4.00m",
            "  ro            vgr -rc-XX----    1 linear   4.00m",
            "  seg           vgr -wi-XX----    1 linear  16.00m",
            "  seg           vgr -wi-XX----    1 linear  16.00m",
            "  snap          vgr swi-XXs---    1 linear   8.00m",
            "  str           vgr -wi-XX----    2 striped 32.00m"),
            Reports.lvs(s1(), List.of(), o().all(true).segments(true)));
    }

    @Test
    void c05() throws Exception { // lvs -a -o +devices
        check(List.of(
            "  LV            VG  Attr       LSize  Pool Origin Data%  Meta%  Move Log       Cpy%Sync Convert Devices                      ",
            "  lin           vgr owi-XXs--- 64.00m                                                           /dev/loop4(0)                ",
            "  m1            vgr mwi-XXm---  8.00m                                [m1_mlog]                  m1_mimage_0(0),m1_mimage_1(0)",
            "  [m1_mimage_0] vgr Iwi-XXm---  8.00m                                                           /dev/loop5(7)                ",
            "  [m1_mimage_1] vgr Iwi-XXm---  8.00m                                                           /dev/loop6(9)                ",
            "  [m1_mlog]     vgr lwi-XXm---  4.00m                                                           /dev/loop4(24)               ",
            "  r1            vgr rwi-XXr---  8.00m                                                           r1_rimage_0(0),r1_rimage_1(0)",
            "  [r1_rimage_0] vgr Iwi-XXr---  8.00m                                                           /dev/loop5(5)                ",
            "  [r1_rimage_1] vgr Iwi-XXr---  8.00m                                                           /dev/loop6(5)                ",
            "  [r1_rmeta_0]  vgr ewi-XXr---  4.00m                                                           /dev/loop5(4)                ",
            "  [r1_rmeta_1]  vgr ewi-XXr---  4.00m                                                           /dev/loop6(4)                ",
            "  ro            vgr -rc-XX----  4.00m                                                           /dev/loop4(25)               ",
            "  seg           vgr -wi-XX---- 32.00m                                                           /dev/loop4(20)               ",
            "  seg           vgr -wi-XX---- 32.00m                                                           /dev/loop6(0)                ",
            "  snap          vgr swi-XXs---  8.00m      lin                                                  /dev/loop6(7)                ",
            "  str           vgr -wi-XX---- 32.00m                                                           /dev/loop4(16),/dev/loop5(0) "),
            Reports.lvs(s1(), List.of(), o().all(true).columns("+devices")));
    }

    @Test
    void c06() throws Exception { // lvs -a --segments -v
        check(List.of(
            "  LV            VG  Attr       Start  SSize  #Str Type    Stripe Chunk",
            "  lin           vgr owi-XXs---     0  64.00m    1 linear      0     0 ",
            "  m1            vgr mwi-XXm---     0   8.00m    2 mirror      0     0 ",
            "  [m1_mimage_0] vgr Iwi-XXm---     0   8.00m    1 linear      0     0 ",
            "  [m1_mimage_1] vgr Iwi-XXm---     0   8.00m    1 linear      0     0 ",
            "  [m1_mlog]     vgr lwi-XXm---     0   4.00m    1 linear      0     0 ",
            "  r1            vgr rwi-XXr---     0   8.00m    2 raid1       0     0 ",
            "  [r1_rimage_0] vgr Iwi-XXr---     0   8.00m    1 linear      0     0 ",
            "  [r1_rimage_1] vgr Iwi-XXr---     0   8.00m    1 linear      0     0 ",
            "  [r1_rmeta_0]  vgr ewi-XXr---     0   4.00m    1 linear      0     0 ",
            "  [r1_rmeta_1]  vgr ewi-XXr---     0   4.00m    1 linear      0     0 ",
            "  ro            vgr -rc-XX----     0   4.00m    1 linear      0     0 ",
            "  seg           vgr -wi-XX----     0  16.00m    1 linear      0     0 ",
            "  seg           vgr -wi-XX---- 16.00m 16.00m    1 linear      0     0 ",
            "  snap          vgr swi-XXs---     0   8.00m    1 linear      0  4.00k",
            "  str           vgr -wi-XX----     0  32.00m    2 striped 64.00k    0 "),
            Reports.lvs(s1(), List.of(), o().all(true).segments(true).verbose(true)));
    }

    @Test
    void c07() throws Exception { // pvs -v
        check(List.of(
            "  PV         VG  Fmt  Attr PSize   PFree   DevSize PV UUID                               ",
            "  /dev/loop4 vgr lvm2 a--  252.00m 148.00m 256.00m Vdp7O2-fZg8-WFiP-GLG2-FowH-5ypI-mqcFXe",
            "  /dev/loop5 vgr lvm2 a--  252.00m 216.00m 256.00m gD1VH9-GomN-26Ho-ncVQ-DfT6-3wwU-vobmGz",
            "  /dev/loop6 vgr lvm2 a--  300.00m 256.00m 301.00m sIlqkB-PihW-2czp-6o5n-nbQI-2C48-58hans",
            "  /dev/loop7     lvm2 ---   <1.91g  <1.91g  <1.91g Wf8p2F-cqaN-d9Kf-ZTa7-OaAs-SSMc-hH3GnV"),
            Reports.pvs(s1(), List.of(), o().verbose(true)));
    }

    @Test
    void c08() throws Exception { // vgs -v
        check(List.of(
            "  VG  Attr   Ext   #PV #LV #SN VSize   VFree   VG UUID                                VProfile",
            "  vgr wz--n- 4.00m   3   7   1 804.00m 620.00m msmRxn-BRZl-JLSq-cftP-Uls4-j6Lu-AqcsyT         "),
            Reports.vgs(s1(), List.of(), o().verbose(true)));
    }

    @Test
    void c09() throws Exception { // lvs -a -v
        check(List.of(
            "  LV            VG  #Seg Attr       LSize  Maj Min KMaj KMin Pool Origin Data%  Meta%  Move Cpy%Sync Log       Convert LV UUID                                LProfile",
            "  lin           vgr    1 owi-XXs--- 64.00m  -1  -1   -1   -1                                                           HpZOxi-hJFc-3lKd-g2BQ-eyCv-IIpZ-dHZ3Wm         ",
            "  m1            vgr    1 mwi-XXm---  8.00m  -1  -1   -1   -1                                         [m1_mlog]         m1XXXX-aaaa-bbbb-cccc-dddd-eeee-YYYYm1         ",
            "  [m1_mimage_0] vgr    1 Iwi-XXm---  8.00m  -1  -1   -1   -1                                                           m1mima-aaaa-bbbb-cccc-dddd-eeee-image0         ",
            "  [m1_mimage_1] vgr    1 Iwi-XXm---  8.00m  -1  -1   -1   -1                                                           m1mima-aaaa-bbbb-cccc-dddd-eeee-image1         ",
            "  [m1_mlog]     vgr    1 lwi-XXm---  4.00m  -1  -1   -1   -1                                                           m1mlog-aaaa-bbbb-cccc-dddd-eeee-m1mlog         ",
            "  r1            vgr    1 rwi-XXr---  8.00m  -1  -1   -1   -1                                                           r1XXXX-aaaa-bbbb-cccc-dddd-eeee-YYYYr1         ",
            "  [r1_rimage_0] vgr    1 Iwi-XXr---  8.00m  -1  -1   -1   -1                                                           r1rima-aaaa-bbbb-cccc-dddd-eeee-image0         ",
            "  [r1_rimage_1] vgr    1 Iwi-XXr---  8.00m  -1  -1   -1   -1                                                           r1rima-aaaa-bbbb-cccc-dddd-eeee-image1         ",
            "  [r1_rmeta_0]  vgr    1 ewi-XXr---  4.00m  -1  -1   -1   -1                                                           r1rmet-aaaa-bbbb-cccc-dddd-eeee-rmeta0         ",
            "  [r1_rmeta_1]  vgr    1 ewi-XXr---  4.00m  -1  -1   -1   -1                                                           r1rmet-aaaa-bbbb-cccc-dddd-eeee-rmeta1         ",
            "  ro            vgr    1 -rc-XX----  4.00m  -1  -1   -1   -1                                                           roXXXX-aaaa-bbbb-cccc-dddd-eeee-YYYYro         ",
            "  seg           vgr    2 -wi-XX---- 32.00m  -1  -1   -1   -1                                                           6idptd-wrRD-3dZ3-0yQS-Du05-3gWh-bkLZlj         ",
            "  snap          vgr    1 swi-XXs---  8.00m  -1  -1   -1   -1      lin                                                  snapXX-aaaa-bbbb-cccc-dddd-eeee-YYsnap         ",
            "  str           vgr    1 -wi-XX---- 32.00m  -1  -1   -1   -1                                                           KyfYfb-OoZD-82Pr-LSdr-n0Me-dsNZ-3WW3QH         "),
            Reports.lvs(s1(), List.of(), o().all(true).verbose(true)));
    }

    @Test
    void c10() throws Exception { // pvs --segments -a
        check(List.of(
            "  PV         VG  Fmt  Attr PSize   PFree   Start SSize",
            "  /dev/loop4 vgr lvm2 a--  252.00m 148.00m     0    16",
            "  /dev/loop4 vgr lvm2 a--  252.00m 148.00m    16     4",
            "  /dev/loop4 vgr lvm2 a--  252.00m 148.00m    20     4",
            "  /dev/loop4 vgr lvm2 a--  252.00m 148.00m    24     1",
            "  /dev/loop4 vgr lvm2 a--  252.00m 148.00m    25     1",
            "  /dev/loop4 vgr lvm2 a--  252.00m 148.00m    26    37",
            "  /dev/loop5 vgr lvm2 a--  252.00m 216.00m     0     4",
            "  /dev/loop5 vgr lvm2 a--  252.00m 216.00m     4     1",
            "  /dev/loop5 vgr lvm2 a--  252.00m 216.00m     5     2",
            "  /dev/loop5 vgr lvm2 a--  252.00m 216.00m     7     2",
            "  /dev/loop5 vgr lvm2 a--  252.00m 216.00m     9    54",
            "  /dev/loop6 vgr lvm2 a--  300.00m 256.00m     0     4",
            "  /dev/loop6 vgr lvm2 a--  300.00m 256.00m     4     1",
            "  /dev/loop6 vgr lvm2 a--  300.00m 256.00m     5     2",
            "  /dev/loop6 vgr lvm2 a--  300.00m 256.00m     7     2",
            "  /dev/loop6 vgr lvm2 a--  300.00m 256.00m     9     2",
            "  /dev/loop6 vgr lvm2 a--  300.00m 256.00m    11    64",
            "  /dev/loop7     lvm2 ---   <1.91g  <1.91g     0     0"),
            Reports.pvs(s1(), List.of(), o().segments(true)));
    }

    @Test
    void c11() throws Exception { // pvs --segments -v
        check(List.of(
            "  PV         VG  Fmt  Attr PSize   PFree   Start SSize LV            Start Type    PE Ranges                      ",
            "  /dev/loop4 vgr lvm2 a--  252.00m 148.00m     0    16 lin               0 linear  /dev/loop4:0-15                ",
            "  /dev/loop4 vgr lvm2 a--  252.00m 148.00m    16     4 str               0 striped /dev/loop4:16-19 /dev/loop5:0-3",
            "  /dev/loop4 vgr lvm2 a--  252.00m 148.00m    20     4 seg               0 linear  /dev/loop4:20-23               ",
            "  /dev/loop4 vgr lvm2 a--  252.00m 148.00m    24     1 [m1_mlog]         0 linear  /dev/loop4:24-24               ",
            "  /dev/loop4 vgr lvm2 a--  252.00m 148.00m    25     1 ro                0 linear  /dev/loop4:25-25               ",
            "  /dev/loop4 vgr lvm2 a--  252.00m 148.00m    26    37                   0 free                                   ",
            "  /dev/loop5 vgr lvm2 a--  252.00m 216.00m     0     4 str               0 striped /dev/loop4:16-19 /dev/loop5:0-3",
            "  /dev/loop5 vgr lvm2 a--  252.00m 216.00m     4     1 [r1_rmeta_0]      0 linear  /dev/loop5:4-4                 ",
            "  /dev/loop5 vgr lvm2 a--  252.00m 216.00m     5     2 [r1_rimage_0]     0 linear  /dev/loop5:5-6                 ",
            "  /dev/loop5 vgr lvm2 a--  252.00m 216.00m     7     2 [m1_mimage_0]     0 linear  /dev/loop5:7-8                 ",
            "  /dev/loop5 vgr lvm2 a--  252.00m 216.00m     9    54                   0 free                                   ",
            "  /dev/loop6 vgr lvm2 a--  300.00m 256.00m     0     4 seg               4 linear  /dev/loop6:0-3                 ",
            "  /dev/loop6 vgr lvm2 a--  300.00m 256.00m     4     1 [r1_rmeta_1]      0 linear  /dev/loop6:4-4                 ",
            "  /dev/loop6 vgr lvm2 a--  300.00m 256.00m     5     2 [r1_rimage_1]     0 linear  /dev/loop6:5-6                 ",
            "  /dev/loop6 vgr lvm2 a--  300.00m 256.00m     7     2 snap              0 linear  /dev/loop6:7-8                 ",
            "  /dev/loop6 vgr lvm2 a--  300.00m 256.00m     9     2 [m1_mimage_1]     0 linear  /dev/loop6:9-10                ",
            "  /dev/loop6 vgr lvm2 a--  300.00m 256.00m    11    64                   0 free                                   ",
            "  /dev/loop7     lvm2 ---   <1.91g  <1.91g     0     0                   0 free                                   "),
            Reports.pvs(s1(), List.of(), o().segments(true).verbose(true)));
    }

    @Test
    void c12() throws Exception { // lvs -a -o name,lv_role,lv_layout,origin,snap_percent,data_percent,copy_percent,sync_percent,mirror_log,move_pv,raid_sync_action,raid_mismatch_count,lv_health_status
        check(List.of(
            "  LV            Role                          Layout     Origin Snap%  Data%  Cpy%Sync Cpy%Sync Log       Move SyncAction Mismatches Health         ",
            "  lin           public,origin,thickorigin     linear                                                                                                ",
            "  m1            public                        mirror                                            [m1_mlog]                                           ",
            "  [m1_mimage_0] private,mirror,image          linear                                                                                                ",
            "  [m1_mimage_1] private,mirror,image          linear                                                                                                ",
            "  [m1_mlog]     private,mirror,log            linear                                                                                                ",
            "  r1            public                        raid,raid1                                                                                            ",
            "  [r1_rimage_0] private,raid,image            linear                                                                                                ",
            "  [r1_rimage_1] private,raid,image            linear                                                                                                ",
            "  [r1_rmeta_0]  private,raid,metadata         linear                                                                                                ",
            "  [r1_rmeta_1]  private,raid,metadata         linear                                                                                                ",
            "  ro            public                        linear                                                                                                ",
            "  seg           public                        linear                                                                                                ",
            "  snap          public,snapshot,thicksnapshot linear     lin                                                                                        ",
            "  str           public                        striped                                                                                               "),
            Reports.lvs(s1(), List.of(), o().all(true).columns("name,lv_role,lv_layout,origin,snap_percent,data_percent,copy_percent,sync_percent,mirror_log,move_pv,raid_sync_action,raid_mismatch_count,lv_health_status")));
    }

    @Test
    void c13() throws Exception { // lvs -a -o name,region_size,chunk_size,stripes,stripe_size,seg_size_pe,seg_start_pe,seg_start,seg_size,lv_parent,lv_path,lv_full_name,lv_tags,lv_allocation_policy,seg_count,lv_uuid
        check(List.of(
            "  LV            Region  Chunk #Str Stripe SSize Start Start  SSize  Parent Path          LV              LV Tags AllocPol   #Seg LV UUID                               ",
            "  lin                0     0     1     0     16     0     0  64.00m        /dev/vgr/lin  vgr/lin                 inherit       1 HpZOxi-hJFc-3lKd-g2BQ-eyCv-IIpZ-dHZ3Wm",
            "  m1            512.00k    0     2     0      2     0     0   8.00m        /dev/vgr/m1   vgr/m1                  inherit       1 m1XXXX-aaaa-bbbb-cccc-dddd-eeee-YYYYm1",
            "  [m1_mimage_0]      0     0     1     0      2     0     0   8.00m m1                   vgr/m1_mimage_0         inherit       1 m1mima-aaaa-bbbb-cccc-dddd-eeee-image0",
            "  [m1_mimage_1]      0     0     1     0      2     0     0   8.00m m1                   vgr/m1_mimage_1         inherit       1 m1mima-aaaa-bbbb-cccc-dddd-eeee-image1",
            "  [m1_mlog]          0     0     1     0      1     0     0   4.00m m1                   vgr/m1_mlog             inherit       1 m1mlog-aaaa-bbbb-cccc-dddd-eeee-m1mlog",
            "  r1            512.00k    0     2     0      2     0     0   8.00m        /dev/vgr/r1   vgr/r1                  inherit       1 r1XXXX-aaaa-bbbb-cccc-dddd-eeee-YYYYr1",
            "  [r1_rimage_0]      0     0     1     0      2     0     0   8.00m r1                   vgr/r1_rimage_0         inherit       1 r1rima-aaaa-bbbb-cccc-dddd-eeee-image0",
            "  [r1_rimage_1]      0     0     1     0      2     0     0   8.00m r1                   vgr/r1_rimage_1         inherit       1 r1rima-aaaa-bbbb-cccc-dddd-eeee-image1",
            "  [r1_rmeta_0]       0     0     1     0      1     0     0   4.00m r1                   vgr/r1_rmeta_0          inherit       1 r1rmet-aaaa-bbbb-cccc-dddd-eeee-rmeta0",
            "  [r1_rmeta_1]       0     0     1     0      1     0     0   4.00m r1                   vgr/r1_rmeta_1          inherit       1 r1rmet-aaaa-bbbb-cccc-dddd-eeee-rmeta1",
            "  ro                 0     0     1     0      1     0     0   4.00m        /dev/vgr/ro   vgr/ro          t1,t2   contiguous    1 roXXXX-aaaa-bbbb-cccc-dddd-eeee-YYYYro",
            "  seg                0     0     1     0      4     0     0  16.00m        /dev/vgr/seg  vgr/seg                 inherit       2 6idptd-wrRD-3dZ3-0yQS-Du05-3gWh-bkLZlj",
            "  seg                0     0     1     0      4     4 16.00m 16.00m        /dev/vgr/seg  vgr/seg                 inherit       2 6idptd-wrRD-3dZ3-0yQS-Du05-3gWh-bkLZlj",
            "  snap               0  4.00k    1     0      2     0     0   8.00m        /dev/vgr/snap vgr/snap                inherit       1 snapXX-aaaa-bbbb-cccc-dddd-eeee-YYsnap",
            "  str                0     0     2 64.00k     8     0     0  32.00m        /dev/vgr/str  vgr/str                 inherit       1 KyfYfb-OoZD-82Pr-LSdr-n0Me-dsNZ-3WW3QH"),
            Reports.lvs(s1(), List.of(), o().all(true).columns("name,region_size,chunk_size,stripes,stripe_size,seg_size_pe,seg_start_pe,seg_start,seg_size,lv_parent,lv_path,lv_full_name,lv_tags,lv_allocation_policy,seg_count,lv_uuid")));
    }

    @Test
    void c14() throws Exception { // vgs -o +vg_uuid,seqno,vg_mda_count,vg_extent_size,vg_extent_count,vg_free_count,max_lv,max_pv,vg_mda_used_count,vg_missing_pv_count,vg_tags,vg_permissions,vg_allocation_policy
        check(List.of(
            "  VG  #PV #LV #SN Attr   VSize   VFree   VG UUID                                Seq #VMda Ext   #Ext Free MaxLV MaxPV #VMdaUse #PV Missing VG Tags VPerms     AllocPol  ",
            "  vgr   3   7   1 wz--n- 804.00m 620.00m msmRxn-BRZl-JLSq-cftP-Uls4-j6Lu-AqcsyT   6     3 4.00m  201  155     0     0        3           0         writeable  normal    "),
            Reports.vgs(s1(), List.of(), o().columns("+vg_uuid,seqno,vg_mda_count,vg_extent_size,vg_extent_count,vg_free_count,max_lv,max_pv,vg_mda_used_count,vg_missing_pv_count,vg_tags,vg_permissions,vg_allocation_policy")));
    }

    @Test
    void c15() throws Exception { // lvs -a --reportformat json
        check(List.of(
            "  {",
            "      \"report\": [",
            "          {",
            "              \"lv\": [",
            "                  {\"lv_name\":\"lin\", \"vg_name\":\"vgr\", \"lv_attr\":\"owi-XXs---\", \"lv_size\":\"64.00m\", \"pool_lv\":\"\", \"origin\":\"\", \"data_percent\":\"\", \"metadata_percent\":\"\", \"move_pv\":\"\", \"mirror_log\":\"\", \"copy_percent\":\"\", \"convert_lv\":\"\"},",
            "                  {\"lv_name\":\"m1\", \"vg_name\":\"vgr\", \"lv_attr\":\"mwi-XXm---\", \"lv_size\":\"8.00m\", \"pool_lv\":\"\", \"origin\":\"\", \"data_percent\":\"\", \"metadata_percent\":\"\", \"move_pv\":\"\", \"mirror_log\":\"[m1_mlog]\", \"copy_percent\":\"\", \"convert_lv\":\"\"},",
            "                  {\"lv_name\":\"[m1_mimage_0]\", \"vg_name\":\"vgr\", \"lv_attr\":\"Iwi-XXm---\", \"lv_size\":\"8.00m\", \"pool_lv\":\"\", \"origin\":\"\", \"data_percent\":\"\", \"metadata_percent\":\"\", \"move_pv\":\"\", \"mirror_log\":\"\", \"copy_percent\":\"\", \"convert_lv\":\"\"},",
            "                  {\"lv_name\":\"[m1_mimage_1]\", \"vg_name\":\"vgr\", \"lv_attr\":\"Iwi-XXm---\", \"lv_size\":\"8.00m\", \"pool_lv\":\"\", \"origin\":\"\", \"data_percent\":\"\", \"metadata_percent\":\"\", \"move_pv\":\"\", \"mirror_log\":\"\", \"copy_percent\":\"\", \"convert_lv\":\"\"},",
            "                  {\"lv_name\":\"[m1_mlog]\", \"vg_name\":\"vgr\", \"lv_attr\":\"lwi-XXm---\", \"lv_size\":\"4.00m\", \"pool_lv\":\"\", \"origin\":\"\", \"data_percent\":\"\", \"metadata_percent\":\"\", \"move_pv\":\"\", \"mirror_log\":\"\", \"copy_percent\":\"\", \"convert_lv\":\"\"},",
            "                  {\"lv_name\":\"r1\", \"vg_name\":\"vgr\", \"lv_attr\":\"rwi-XXr---\", \"lv_size\":\"8.00m\", \"pool_lv\":\"\", \"origin\":\"\", \"data_percent\":\"\", \"metadata_percent\":\"\", \"move_pv\":\"\", \"mirror_log\":\"\", \"copy_percent\":\"\", \"convert_lv\":\"\"},",
            "                  {\"lv_name\":\"[r1_rimage_0]\", \"vg_name\":\"vgr\", \"lv_attr\":\"Iwi-XXr---\", \"lv_size\":\"8.00m\", \"pool_lv\":\"\", \"origin\":\"\", \"data_percent\":\"\", \"metadata_percent\":\"\", \"move_pv\":\"\", \"mirror_log\":\"\", \"copy_percent\":\"\", \"convert_lv\":\"\"},",
            "                  {\"lv_name\":\"[r1_rimage_1]\", \"vg_name\":\"vgr\", \"lv_attr\":\"Iwi-XXr---\", \"lv_size\":\"8.00m\", \"pool_lv\":\"\", \"origin\":\"\", \"data_percent\":\"\", \"metadata_percent\":\"\", \"move_pv\":\"\", \"mirror_log\":\"\", \"copy_percent\":\"\", \"convert_lv\":\"\"},",
            "                  {\"lv_name\":\"[r1_rmeta_0]\", \"vg_name\":\"vgr\", \"lv_attr\":\"ewi-XXr---\", \"lv_size\":\"4.00m\", \"pool_lv\":\"\", \"origin\":\"\", \"data_percent\":\"\", \"metadata_percent\":\"\", \"move_pv\":\"\", \"mirror_log\":\"\", \"copy_percent\":\"\", \"convert_lv\":\"\"},",
            "                  {\"lv_name\":\"[r1_rmeta_1]\", \"vg_name\":\"vgr\", \"lv_attr\":\"ewi-XXr---\", \"lv_size\":\"4.00m\", \"pool_lv\":\"\", \"origin\":\"\", \"data_percent\":\"\", \"metadata_percent\":\"\", \"move_pv\":\"\", \"mirror_log\":\"\", \"copy_percent\":\"\", \"convert_lv\":\"\"},",
            "                  {\"lv_name\":\"ro\", \"vg_name\":\"vgr\", \"lv_attr\":\"-rc-XX----\", \"lv_size\":\"4.00m\", \"pool_lv\":\"\", \"origin\":\"\", \"data_percent\":\"\", \"metadata_percent\":\"\", \"move_pv\":\"\", \"mirror_log\":\"\", \"copy_percent\":\"\", \"convert_lv\":\"\"},",
            "                  {\"lv_name\":\"seg\", \"vg_name\":\"vgr\", \"lv_attr\":\"-wi-XX----\", \"lv_size\":\"32.00m\", \"pool_lv\":\"\", \"origin\":\"\", \"data_percent\":\"\", \"metadata_percent\":\"\", \"move_pv\":\"\", \"mirror_log\":\"\", \"copy_percent\":\"\", \"convert_lv\":\"\"},",
            "                  {\"lv_name\":\"snap\", \"vg_name\":\"vgr\", \"lv_attr\":\"swi-XXs---\", \"lv_size\":\"8.00m\", \"pool_lv\":\"\", \"origin\":\"lin\", \"data_percent\":\"\", \"metadata_percent\":\"\", \"move_pv\":\"\", \"mirror_log\":\"\", \"copy_percent\":\"\", \"convert_lv\":\"\"},",
            "                  {\"lv_name\":\"str\", \"vg_name\":\"vgr\", \"lv_attr\":\"-wi-XX----\", \"lv_size\":\"32.00m\", \"pool_lv\":\"\", \"origin\":\"\", \"data_percent\":\"\", \"metadata_percent\":\"\", \"move_pv\":\"\", \"mirror_log\":\"\", \"copy_percent\":\"\", \"convert_lv\":\"\"}",
            "              ]",
            "          }",
            "      ]",
            "  }"),
            Reports.lvs(s1(), List.of(), o().all(true).json(true)));
    }

    @Test
    void c16() throws Exception { // pvs --reportformat json -o pv_name,pv_size,pv_pe_count
        check(List.of(
            "  {",
            "      \"report\": [",
            "          {",
            "              \"pv\": [",
            "                  {\"pv_name\":\"/dev/loop4\", \"pv_size\":\"252.00m\", \"pv_pe_count\":\"63\"},",
            "                  {\"pv_name\":\"/dev/loop5\", \"pv_size\":\"252.00m\", \"pv_pe_count\":\"63\"},",
            "                  {\"pv_name\":\"/dev/loop6\", \"pv_size\":\"300.00m\", \"pv_pe_count\":\"75\"},",
            "                  {\"pv_name\":\"/dev/loop7\", \"pv_size\":\"<1.91g\", \"pv_pe_count\":\"0\"}",
            "              ]",
            "          }",
            "      ]",
            "  }"),
            Reports.pvs(s1(), List.of(), o().json(true).columns("pv_name,pv_size,pv_pe_count")));
    }

    @Test
    void c17() throws Exception { // vgs --reportformat json --units b
        check(List.of(
            "  {",
            "      \"report\": [",
            "          {",
            "              \"vg\": [",
            "                  {\"vg_name\":\"vgr\", \"pv_count\":\"3\", \"lv_count\":\"7\", \"snap_count\":\"1\", \"vg_attr\":\"wz--n-\", \"vg_size\":\"843055104B\", \"vg_free\":\"650117120B\"}",
            "              ]",
            "          }",
            "      ]",
            "  }"),
            Reports.vgs(s1(), List.of(), o().json(true).units(Units.parse("b", true))));
    }

    @Test
    void c18() throws Exception { // pvs -o name,size,free,dev_size
        check(List.of(
            "  PV         PSize   PFree   DevSize",
            "  /dev/loop4 252.00m 148.00m 256.00m",
            "  /dev/loop5 252.00m 216.00m 256.00m",
            "  /dev/loop6 300.00m 256.00m 301.00m",
            "  /dev/loop7  <1.91g  <1.91g  <1.91g"),
            Reports.pvs(s1(), List.of(), o().columns("name,size,free,dev_size")));
    }

    @Test
    void c19() throws Exception { // pvs --units h -o name,size,free,dev_size
        check(List.of(
            "  PV         PSize   PFree   DevSize",
            "  /dev/loop4 252.00m 148.00m 256.00m",
            "  /dev/loop5 252.00m 216.00m 256.00m",
            "  /dev/loop6 300.00m 256.00m 301.00m",
            "  /dev/loop7   1.91g   1.91g   1.91g"),
            Reports.pvs(s1(), List.of(), o().units(Units.parse("h", true)).columns("name,size,free,dev_size")));
    }

    @Test
    void c20() throws Exception { // pvs --units R -o name,size,free
        check(List.of(
            "  PV         PSize   PFree   ",
            "  /dev/loop4 264.24M <155.19M",
            "  /dev/loop5 264.24M  226.49M",
            "  /dev/loop6 314.57M <268.44M",
            "  /dev/loop7  <2.05G   <2.05G"),
            Reports.pvs(s1(), List.of(), o().units(Units.parse("R", true)).columns("name,size,free")));
    }

    @Test
    void c21() throws Exception { // pvs --units m -o name,size,free
        check(List.of(
            "  PV         PSize    PFree   ",
            "  /dev/loop4  252.00m  148.00m",
            "  /dev/loop5  252.00m  216.00m",
            "  /dev/loop6  300.00m  256.00m",
            "  /dev/loop7 1955.00m 1955.00m"),
            Reports.pvs(s1(), List.of(), o().units(Units.parse("m", true)).columns("name,size,free")));
    }

    @Test
    void c22() throws Exception { // pvs --units s
        check(List.of(
            "  PV         VG  Fmt  Attr PSize    PFree   ",
            "  /dev/loop4 vgr lvm2 a--   516096S  303104S",
            "  /dev/loop5 vgr lvm2 a--   516096S  442368S",
            "  /dev/loop6 vgr lvm2 a--   614400S  524288S",
            "  /dev/loop7     lvm2 ---  4003840S 4003840S"),
            Reports.pvs(s1(), List.of(), o().units(Units.parse("s", true))));
    }

    @Test
    void c23() throws Exception { // pvs --units e
        check(List.of(
            "  PV         VG  Fmt  Attr PSize PFree",
            "  /dev/loop4 vgr lvm2 a--  0.00e 0.00e",
            "  /dev/loop5 vgr lvm2 a--  0.00e 0.00e",
            "  /dev/loop6 vgr lvm2 a--  0.00e 0.00e",
            "  /dev/loop7     lvm2 ---  0.00e 0.00e"),
            Reports.pvs(s1(), List.of(), o().units(Units.parse("e", true))));
    }

    @Test
    void c24() throws Exception { // pvs --units 3k -o name,size
        check(List.of(
            "  PV         PSize     ",
            "  /dev/loop4  86016.00U",
            "  /dev/loop5  86016.00U",
            "  /dev/loop6 102400.00U",
            "  /dev/loop7 667306.67U"),
            Reports.pvs(s1(), List.of(), o().units(Units.parse("3k", true)).columns("name,size")));
    }

    @Test
    void c25() throws Exception { // pvs --units b --nosuffix -o name,size,free
        check(List.of(
            "  PV         PSize      PFree     ",
            "  /dev/loop4  264241152  155189248",
            "  /dev/loop5  264241152  226492416",
            "  /dev/loop6  314572800  268435456",
            "  /dev/loop7 2049966080 2049966080"),
            Reports.pvs(s1(), List.of(), o().units(Units.parse("b", false)).columns("name,size,free")));
    }

    @Test
    void c26() throws Exception { // pvs -o name,pe_start --units b
        check(List.of(
            "  PV         1st PE  ",
            "  /dev/loop4 1048576B",
            "  /dev/loop5 1048576B",
            "  /dev/loop6 1048576B",
            "  /dev/loop7 1048576B"),
            Reports.pvs(s1(), List.of(), o().units(Units.parse("b", true)).columns("name,pe_start")));
    }

    @Test
    void c27() throws Exception { // pvs -o name,pe_start
        check(List.of(
            "  PV         1st PE ",
            "  /dev/loop4   1.00m",
            "  /dev/loop5   1.00m",
            "  /dev/loop6   1.00m",
            "  /dev/loop7   1.00m"),
            Reports.pvs(s1(), List.of(), o().columns("name,pe_start")));
    }

    @Test
    void c28() throws Exception { // lvs -a -O -size,name -o name,size
        check(List.of(
            "  LV            LSize ",
            "  lin           64.00m",
            "  seg           32.00m",
            "  str           32.00m",
            "  m1             8.00m",
            "  [m1_mimage_0]  8.00m",
            "  [m1_mimage_1]  8.00m",
            "  r1             8.00m",
            "  [r1_rimage_0]  8.00m",
            "  [r1_rimage_1]  8.00m",
            "  snap           8.00m",
            "  [m1_mlog]      4.00m",
            "  [r1_rmeta_0]   4.00m",
            "  [r1_rmeta_1]   4.00m",
            "  ro             4.00m"),
            Reports.lvs(s1(), List.of(), o().all(true).sort("-size,name").columns("name,size")));
    }

    @Test
    void c29() throws Exception { // lvs -o name,attr,size -O attr
        check(List.of(
            "  LV   Attr       LSize ",
            "  ro   -rc-XX----  4.00m",
            "  str  -wi-XX---- 32.00m",
            "  seg  -wi-XX---- 32.00m",
            "  m1   mwi-XXm---  8.00m",
            "  lin  owi-XXs--- 64.00m",
            "  r1   rwi-XXr---  8.00m",
            "  snap swi-XXs---  8.00m"),
            Reports.lvs(s1(), List.of(), o().sort("attr").columns("name,attr,size")));
    }

    @Test
    void c30() throws Exception { // lvs -o name,vg_name,size --separator , --noheadings
        check(List.of(
            "  lin,vgr,64.00m",
            "  m1,vgr,8.00m",
            "  r1,vgr,8.00m",
            "  ro,vgr,4.00m",
            "  seg,vgr,32.00m",
            "  snap,vgr,8.00m",
            "  str,vgr,32.00m"),
            Reports.lvs(s1(), List.of(), o().columns("name,vg_name,size").separator(",").noHeadings(true)));
    }

    @Test
    void c31() throws Exception { // lvs -a -o name,devices --separator | --aligned
        check(List.of(
            "  LV           |Devices                      ",
            "  lin          |/dev/loop4(0)                ",
            "  m1           |m1_mimage_0(0),m1_mimage_1(0)",
            "  [m1_mimage_0]|/dev/loop5(7)                ",
            "  [m1_mimage_1]|/dev/loop6(9)                ",
            "  [m1_mlog]    |/dev/loop4(24)               ",
            "  r1           |r1_rimage_0(0),r1_rimage_1(0)",
            "  [r1_rimage_0]|/dev/loop5(5)                ",
            "  [r1_rimage_1]|/dev/loop6(5)                ",
            "  [r1_rmeta_0] |/dev/loop5(4)                ",
            "  [r1_rmeta_1] |/dev/loop6(4)                ",
            "  ro           |/dev/loop4(25)               ",
            "  seg          |/dev/loop4(20)               ",
            "  seg          |/dev/loop6(0)                ",
            "  snap         |/dev/loop6(7)                ",
            "  str          |/dev/loop4(16),/dev/loop5(0) "),
            Reports.lvs(s1(), List.of(), o().all(true).columns("name,devices").separator("|").aligned(true)));
    }

    @Test
    void c32() throws Exception { // lvs -o name -o +size -o +attr
        check(List.of(
            "  LV   LSize  Attr      ",
            "  lin  64.00m owi-XXs---",
            "  m1    8.00m mwi-XXm---",
            "  r1    8.00m rwi-XXr---",
            "  ro    4.00m -rc-XX----",
            "  seg  32.00m -wi-XX----",
            "  snap  8.00m swi-XXs---",
            "  str  32.00m -wi-XX----"),
            Reports.lvs(s1(), List.of(), o().columns("name").columns("+size").columns("+attr")));
    }

    @Test
    void c33() throws Exception { // lvs -o name,size -o size
        check(List.of(
            "  LSize ",
            "  64.00m",
            "   8.00m",
            "   8.00m",
            "   4.00m",
            "  32.00m",
            "   8.00m",
            "  32.00m"),
            Reports.lvs(s1(), List.of(), o().columns("name,size").columns("size")));
    }

    @Test
    void c34() throws Exception { // lvs -o+devices,seg_size --segments
        check(List.of(
            "  LV   VG  Attr       #Str Type    SSize  Devices                       SSize ",
            "  lin  vgr owi-XXs---    1 linear  64.00m /dev/loop4(0)                 64.00m",
            "  m1   vgr mwi-XXm---    2 mirror   8.00m m1_mimage_0(0),m1_mimage_1(0)  8.00m",
            "  r1   vgr rwi-XXr---    2 raid1    8.00m r1_rimage_0(0),r1_rimage_1(0)  8.00m",
            "  ro   vgr -rc-XX----    1 linear   4.00m /dev/loop4(25)                 4.00m",
            "  seg  vgr -wi-XX----    1 linear  16.00m /dev/loop4(20)                16.00m",
            "  seg  vgr -wi-XX----    1 linear  16.00m /dev/loop6(0)                 16.00m",
            "  snap vgr swi-XXs---    1 linear   8.00m /dev/loop6(7)                  8.00m",
            "  str  vgr -wi-XX----    2 striped 32.00m /dev/loop4(16),/dev/loop5(0)  32.00m"),
            Reports.lvs(s1(), List.of(), o().columns("+devices,seg_size").segments(true)));
    }

    @Test
    void c35() throws Exception { // vgs -o name,pv_count,lv_count,snap_count,vg_attr,pv_name
        check(List.of(
            "  VG  #PV #LV #SN Attr   PV        ",
            "  vgr   3   7   1 wz--n- /dev/loop4",
            "  vgr   3   7   1 wz--n- /dev/loop5",
            "  vgr   3   7   1 wz--n- /dev/loop6"),
            Reports.vgs(s1(), List.of(), o().columns("name,pv_count,lv_count,snap_count,vg_attr,pv_name")));
    }

    @Test
    void c36() throws Exception { // vgs -o vg_name,lv_name,lv_size
        check(List.of(
            "  VG  LV   LSize ",
            "  vgr lin  64.00m",
            "  vgr str  32.00m",
            "  vgr seg  32.00m",
            "  vgr r1    8.00m",
            "  vgr snap  8.00m",
            "  vgr m1    8.00m",
            "  vgr ro    4.00m"),
            Reports.vgs(s1(), List.of(), o().columns("vg_name,lv_name,lv_size")));
    }

    @Test
    void c37() throws Exception { // pvs -o pv_name,lv_name,seg_size_pe,seg_start_pe,pvseg_start
        check(List.of(
            "  PV         LV            SSize Start Start",
            "  /dev/loop4 lin              16     0     0",
            "  /dev/loop4 str               8     0    16",
            "  /dev/loop4 seg               4     0    20",
            "  /dev/loop4 [m1_mlog]         1     0    24",
            "  /dev/loop4 ro                1     0    25",
            "  /dev/loop4                  37     0    26",
            "  /dev/loop5 str               8     0     0",
            "  /dev/loop5 [r1_rmeta_0]      1     0     4",
            "  /dev/loop5 [r1_rimage_0]     2     0     5",
            "  /dev/loop5 [m1_mimage_0]     2     0     7",
            "  /dev/loop5                  54     0     9",
            "  /dev/loop6 seg               4     4     0",
            "  /dev/loop6 [r1_rmeta_1]      1     0     4",
            "  /dev/loop6 [r1_rimage_1]     2     0     5",
            "  /dev/loop6 snap              2     0     7",
            "  /dev/loop6 [m1_mimage_1]     2     0     9",
            "  /dev/loop6                  64     0    11",
            "  /dev/loop7                   0     0     0"),
            Reports.pvs(s1(), List.of(), o().columns("pv_name,lv_name,seg_size_pe,seg_start_pe,pvseg_start")));
    }

    @Test
    void c38() throws Exception { // lvs -o lv_name,LV_SIZE,lvattr,stripesize -a
        check(List.of(
            "  LV            LSize  Attr       Stripe",
            "  lin           64.00m owi-XXs---     0 ",
            "  m1             8.00m mwi-XXm---     0 ",
            "  [m1_mimage_0]  8.00m Iwi-XXm---     0 ",
            "  [m1_mimage_1]  8.00m Iwi-XXm---     0 ",
            "  [m1_mlog]      4.00m lwi-XXm---     0 ",
            "  r1             8.00m rwi-XXr---     0 ",
            "  [r1_rimage_0]  8.00m Iwi-XXr---     0 ",
            "  [r1_rimage_1]  8.00m Iwi-XXr---     0 ",
            "  [r1_rmeta_0]   4.00m ewi-XXr---     0 ",
            "  [r1_rmeta_1]   4.00m ewi-XXr---     0 ",
            "  ro             4.00m -rc-XX----     0 ",
            "  seg           32.00m -wi-XX----     0 ",
            "  seg           32.00m -wi-XX----     0 ",
            "  snap           8.00m swi-XXs---     0 ",
            "  str           32.00m -wi-XX---- 64.00k"),
            Reports.lvs(s1(), List.of(), o().columns("lv_name,LV_SIZE,lvattr,stripesize").all(true)));
    }

    @Test
    void c39() throws Exception { // lvs -a --reportformat json -o name,devices
        check(List.of(
            "  {",
            "      \"report\": [",
            "          {",
            "              \"lv\": [",
            "                  {\"lv_name\":\"lin\", \"devices\":\"/dev/loop4(0)\"},",
            "                  {\"lv_name\":\"m1\", \"devices\":\"m1_mimage_0(0),m1_mimage_1(0)\"},",
            "                  {\"lv_name\":\"[m1_mimage_0]\", \"devices\":\"/dev/loop5(7)\"},",
            "                  {\"lv_name\":\"[m1_mimage_1]\", \"devices\":\"/dev/loop6(9)\"},",
            "                  {\"lv_name\":\"[m1_mlog]\", \"devices\":\"/dev/loop4(24)\"},",
            "                  {\"lv_name\":\"r1\", \"devices\":\"r1_rimage_0(0),r1_rimage_1(0)\"},",
            "                  {\"lv_name\":\"[r1_rimage_0]\", \"devices\":\"/dev/loop5(5)\"},",
            "                  {\"lv_name\":\"[r1_rimage_1]\", \"devices\":\"/dev/loop6(5)\"},",
            "                  {\"lv_name\":\"[r1_rmeta_0]\", \"devices\":\"/dev/loop5(4)\"},",
            "                  {\"lv_name\":\"[r1_rmeta_1]\", \"devices\":\"/dev/loop6(4)\"},",
            "                  {\"lv_name\":\"ro\", \"devices\":\"/dev/loop4(25)\"},",
            "                  {\"lv_name\":\"seg\", \"devices\":\"/dev/loop4(20)\"},",
            "                  {\"lv_name\":\"seg\", \"devices\":\"/dev/loop6(0)\"},",
            "                  {\"lv_name\":\"snap\", \"devices\":\"/dev/loop6(7)\"},",
            "                  {\"lv_name\":\"str\", \"devices\":\"/dev/loop4(16),/dev/loop5(0)\"}",
            "              ]",
            "          }",
            "      ]",
            "  }"),
            Reports.lvs(s1(), List.of(), o().all(true).json(true).columns("name,devices")));
    }

    @Test
    void c40() throws Exception { // vgs --reportformat json -o name,lv_name
        check(List.of(
            "  {",
            "      \"report\": [",
            "          {",
            "              \"vg\": [",
            "                  {\"vg_name\":\"vgr\", \"lv_name\":\"lin\"},",
            "                  {\"vg_name\":\"vgr\", \"lv_name\":\"str\"},",
            "                  {\"vg_name\":\"vgr\", \"lv_name\":\"seg\"},",
            "                  {\"vg_name\":\"vgr\", \"lv_name\":\"r1\"},",
            "                  {\"vg_name\":\"vgr\", \"lv_name\":\"snap\"},",
            "                  {\"vg_name\":\"vgr\", \"lv_name\":\"m1\"},",
            "                  {\"vg_name\":\"vgr\", \"lv_name\":\"ro\"}",
            "              ]",
            "          }",
            "      ]",
            "  }"),
            Reports.vgs(s1(), List.of(), o().json(true).columns("name,lv_name")));
    }

    @Test
    void c41() throws Exception { // pvs --reportformat json -o name,pvseg_start
        check(List.of(
            "  {",
            "      \"report\": [",
            "          {",
            "              \"pv\": [",
            "                  {\"pv_name\":\"/dev/loop4\", \"pvseg_start\":\"0\"},",
            "                  {\"pv_name\":\"/dev/loop4\", \"pvseg_start\":\"16\"},",
            "                  {\"pv_name\":\"/dev/loop4\", \"pvseg_start\":\"20\"},",
            "                  {\"pv_name\":\"/dev/loop4\", \"pvseg_start\":\"24\"},",
            "                  {\"pv_name\":\"/dev/loop4\", \"pvseg_start\":\"25\"},",
            "                  {\"pv_name\":\"/dev/loop4\", \"pvseg_start\":\"26\"},",
            "                  {\"pv_name\":\"/dev/loop5\", \"pvseg_start\":\"0\"},",
            "                  {\"pv_name\":\"/dev/loop5\", \"pvseg_start\":\"4\"},",
            "                  {\"pv_name\":\"/dev/loop5\", \"pvseg_start\":\"5\"},",
            "                  {\"pv_name\":\"/dev/loop5\", \"pvseg_start\":\"7\"},",
            "                  {\"pv_name\":\"/dev/loop5\", \"pvseg_start\":\"9\"},",
            "                  {\"pv_name\":\"/dev/loop6\", \"pvseg_start\":\"0\"},",
            "                  {\"pv_name\":\"/dev/loop6\", \"pvseg_start\":\"4\"},",
            "                  {\"pv_name\":\"/dev/loop6\", \"pvseg_start\":\"5\"},",
            "                  {\"pv_name\":\"/dev/loop6\", \"pvseg_start\":\"7\"},",
            "                  {\"pv_name\":\"/dev/loop6\", \"pvseg_start\":\"9\"},",
            "                  {\"pv_name\":\"/dev/loop6\", \"pvseg_start\":\"11\"},",
            "                  {\"pv_name\":\"/dev/loop7\", \"pvseg_start\":\"0\"}",
            "              ]",
            "          }",
            "      ]",
            "  }"),
            Reports.pvs(s1(), List.of(), o().json(true).columns("name,pvseg_start")));
    }

    @Test
    void c42() throws Exception { // lvs -a -o +devices,seg_start_pe
        check(List.of(
            "  LV            VG  Attr       LSize  Pool Origin Data%  Meta%  Move       Log       Cpy%Sync Convert Devices                       Start",
            "  lin           vgr owi-XXs--- 64.00m                                                                 /dev/loop4(0)                     0",
            "  m1            vgr mwi-XXm---  8.00m                                      [m1_mlog]                  m1_mimage_0(0),m1_mimage_1(0)     0",
            "  [m1_mimage_0] vgr Iwi-XXm---  8.00m                                                                 /dev/loop5(7)                     0",
            "  [m1_mimage_1] vgr Iwi-XXm---  8.00m                                                                 /dev/loop6(9)                     0",
            "  [m1_mlog]     vgr lwi-XXm---  4.00m                                                                 /dev/loop4(24)                    0",
            "  [pvmove0]     vgr p-C-XXm--- 16.00m                           /dev/loop6                            /dev/loop6(0),/dev/loop5(9)       0",
            "  r1            vgr rwi-XXr---  8.00m                                                                 r1_rimage_0(0),r1_rimage_1(0)     0",
            "  [r1_rimage_0] vgr Iwi-XXr---  8.00m                                                                 /dev/loop5(5)                     0",
            "  [r1_rimage_1] vgr Iwi-XXr---  8.00m                                                                 /dev/loop6(5)                     0",
            "  [r1_rmeta_0]  vgr ewi-XXr---  4.00m                                                                 /dev/loop5(4)                     0",
            "  [r1_rmeta_1]  vgr ewi-XXr---  4.00m                                                                 /dev/loop6(4)                     0",
            "  ro            vgr -rc-XX----  4.00m                                                                 /dev/loop4(25)                    0",
            "  seg           vgr -wI-XX---- 32.00m                                                                 /dev/loop4(20)                    0",
            "  seg           vgr -wI-XX---- 32.00m                                                                 pvmove0(0)                        4",
            "  snap          vgr swi-XXs---  8.00m      lin                                                        /dev/loop6(7)                     0",
            "  str           vgr -wi-XX---- 32.00m                                                                 /dev/loop4(16),/dev/loop5(0)      0"),
            Reports.lvs(s2(false), List.of(), o().all(true).columns("+devices,seg_start_pe")));
    }

    @Test
    void c43() throws Exception { // lvs -a -o name,attr,move_pv,copy_percent,lv_role,lv_layout,devices,seg_pe_ranges,lv_parent
        check(List.of(
            "  LV            Attr       Move       Cpy%Sync Role                          Layout     Devices                       PE Ranges                       Parent",
            "  lin           owi-XXs---                     public,origin,thickorigin     linear     /dev/loop4(0)                 /dev/loop4:0-15                       ",
            "  m1            mwi-XXm---                     public                        mirror     m1_mimage_0(0),m1_mimage_1(0) m1_mimage_0:0-1 m1_mimage_1:0-1       ",
            "  [m1_mimage_0] Iwi-XXm---                     private,mirror,image          linear     /dev/loop5(7)                 /dev/loop5:7-8                  m1    ",
            "  [m1_mimage_1] Iwi-XXm---                     private,mirror,image          linear     /dev/loop6(9)                 /dev/loop6:9-10                 m1    ",
            "  [m1_mlog]     lwi-XXm---                     private,mirror,log            linear     /dev/loop4(24)                /dev/loop4:24-24                m1    ",
            "  [pvmove0]     p-C-XXm--- /dev/loop6          private,pvmove                mirror     /dev/loop6(0),/dev/loop5(9)   /dev/loop6:0-3 /dev/loop5:9-12        ",
            "  r1            rwi-XXr---                     public                        raid,raid1 r1_rimage_0(0),r1_rimage_1(0) r1_rimage_0:0-1 r1_rimage_1:0-1       ",
            "  [r1_rimage_0] Iwi-XXr---                     private,raid,image            linear     /dev/loop5(5)                 /dev/loop5:5-6                  r1    ",
            "  [r1_rimage_1] Iwi-XXr---                     private,raid,image            linear     /dev/loop6(5)                 /dev/loop6:5-6                  r1    ",
            "  [r1_rmeta_0]  ewi-XXr---                     private,raid,metadata         linear     /dev/loop5(4)                 /dev/loop5:4-4                  r1    ",
            "  [r1_rmeta_1]  ewi-XXr---                     private,raid,metadata         linear     /dev/loop6(4)                 /dev/loop6:4-4                  r1    ",
            "  ro            -rc-XX----                     public                        linear     /dev/loop4(25)                /dev/loop4:25-25                      ",
            "  seg           -wI-XX----                     public                        linear     /dev/loop4(20)                /dev/loop4:20-23                      ",
            "  seg           -wI-XX----                     public                        linear     pvmove0(0)                    pvmove0:0-3                           ",
            "  snap          swi-XXs---                     public,snapshot,thicksnapshot linear     /dev/loop6(7)                 /dev/loop6:7-8                        ",
            "  str           -wi-XX----                     public                        striped    /dev/loop4(16),/dev/loop5(0)  /dev/loop4:16-19 /dev/loop5:0-3       "),
            Reports.lvs(s2(false), List.of(), o().all(true).columns("name,attr,move_pv,copy_percent,lv_role,lv_layout,devices,seg_pe_ranges,lv_parent")));
    }

    @Test
    void c44() throws Exception { // pvs --segments -v
        check(List.of(
            "  PV         VG  Fmt  Attr PSize   PFree   Start SSize LV            Start Type    PE Ranges                      ",
            "  /dev/loop4 vgr lvm2 a--  252.00m 148.00m     0    16 lin               0 linear  /dev/loop4:0-15                ",
            "  /dev/loop4 vgr lvm2 a--  252.00m 148.00m    16     4 str               0 striped /dev/loop4:16-19 /dev/loop5:0-3",
            "  /dev/loop4 vgr lvm2 a--  252.00m 148.00m    20     4 seg               0 linear  /dev/loop4:20-23               ",
            "  /dev/loop4 vgr lvm2 a--  252.00m 148.00m    24     1 [m1_mlog]         0 linear  /dev/loop4:24-24               ",
            "  /dev/loop4 vgr lvm2 a--  252.00m 148.00m    25     1 ro                0 linear  /dev/loop4:25-25               ",
            "  /dev/loop4 vgr lvm2 a--  252.00m 148.00m    26    37                   0 free                                   ",
            "  /dev/loop5 vgr lvm2 a--  252.00m 200.00m     0     4 str               0 striped /dev/loop4:16-19 /dev/loop5:0-3",
            "  /dev/loop5 vgr lvm2 a--  252.00m 200.00m     4     1 [r1_rmeta_0]      0 linear  /dev/loop5:4-4                 ",
            "  /dev/loop5 vgr lvm2 a--  252.00m 200.00m     5     2 [r1_rimage_0]     0 linear  /dev/loop5:5-6                 ",
            "  /dev/loop5 vgr lvm2 a--  252.00m 200.00m     7     2 [m1_mimage_0]     0 linear  /dev/loop5:7-8                 ",
            "  /dev/loop5 vgr lvm2 a--  252.00m 200.00m     9     4 [pvmove0]         0 mirror  /dev/loop6:0-3 /dev/loop5:9-12 ",
            "  /dev/loop5 vgr lvm2 a--  252.00m 200.00m    13    50                   0 free                                   ",
            "  /dev/loop6 vgr lvm2 a--  300.00m 256.00m     0     4 [pvmove0]         0 mirror  /dev/loop6:0-3 /dev/loop5:9-12 ",
            "  /dev/loop6 vgr lvm2 a--  300.00m 256.00m     4     1 [r1_rmeta_1]      0 linear  /dev/loop6:4-4                 ",
            "  /dev/loop6 vgr lvm2 a--  300.00m 256.00m     5     2 [r1_rimage_1]     0 linear  /dev/loop6:5-6                 ",
            "  /dev/loop6 vgr lvm2 a--  300.00m 256.00m     7     2 snap              0 linear  /dev/loop6:7-8                 ",
            "  /dev/loop6 vgr lvm2 a--  300.00m 256.00m     9     2 [m1_mimage_1]     0 linear  /dev/loop6:9-10                ",
            "  /dev/loop6 vgr lvm2 a--  300.00m 256.00m    11    64                   0 free                                   ",
            "  /dev/loop7     lvm2 ---   <1.91g  <1.91g     0     0                   0 free                                   "),
            Reports.pvs(s2(false), List.of(), o().segments(true).verbose(true)));
    }

    @Test
    void c45() throws Exception { // pvs
        check(List.of(
            "  PV         VG  Fmt  Attr PSize   PFree  ",
            "  /dev/loop4 vgr lvm2 a--  252.00m 148.00m",
            "  /dev/loop5 vgr lvm2 a--  252.00m 200.00m",
            "  /dev/loop7     lvm2 ---   <1.91g  <1.91g",
            "  [unknown]  vgr lvm2 a-m  300.00m 256.00m"),
            Reports.pvs(s2(true), List.of(), o()));
    }

    @Test
    void c46() throws Exception { // vgs
        check(List.of(
            "  VG  #PV #LV #SN Attr   VSize   VFree  ",
            "  vgr   3   7   1 wz-pn- 804.00m 604.00m"),
            Reports.vgs(s2(true), List.of(), o()));
    }

    @Test
    void c47() throws Exception { // lvs -a -o +devices
        check(List.of(
            "  LV            VG  Attr       LSize  Pool Origin Data%  Meta%  Move      Log       Cpy%Sync Convert Devices                      ",
            "  lin           vgr owi-XXs-p- 64.00m                                                                /dev/loop4(0)                ",
            "  m1            vgr mwi-XXm-p-  8.00m                                     [m1_mlog]                  m1_mimage_0(0),m1_mimage_1(0)",
            "  [m1_mimage_0] vgr Iwi-XXm---  8.00m                                                                /dev/loop5(7)                ",
            "  [m1_mimage_1] vgr Iwi-XXm-p-  8.00m                                                                [unknown](9)                 ",
            "  [m1_mlog]     vgr lwi-XXm---  4.00m                                                                /dev/loop4(24)               ",
            "  [pvmove0]     vgr p-C-XXm-p- 16.00m                           [unknown]                            [unknown](0),/dev/loop5(9)   ",
            "  r1            vgr rwi-XXr-p-  8.00m                                                                r1_rimage_0(0),r1_rimage_1(0)",
            "  [r1_rimage_0] vgr Iwi-XXr---  8.00m                                                                /dev/loop5(5)                ",
            "  [r1_rimage_1] vgr Iwi-XXr-p-  8.00m                                                                [unknown](5)                 ",
            "  [r1_rmeta_0]  vgr ewi-XXr---  4.00m                                                                /dev/loop5(4)                ",
            "  [r1_rmeta_1]  vgr ewi-XXr-p-  4.00m                                                                [unknown](4)                 ",
            "  ro            vgr -rc-XX----  4.00m                                                                /dev/loop4(25)               ",
            "  seg           vgr -wI-XX--p- 32.00m                                                                /dev/loop4(20)               ",
            "  seg           vgr -wI-XX--p- 32.00m                                                                pvmove0(0)                   ",
            "  snap          vgr swi-XXs-p-  8.00m      lin                                                       [unknown](7)                 ",
            "  str           vgr -wi-XX---- 32.00m                                                                /dev/loop4(16),/dev/loop5(0) "),
            Reports.lvs(s2(true), List.of(), o().all(true).columns("+devices")));
    }

    @Test
    void c48() throws Exception { // lvs -a -o name,attr,lv_health_status,seg_pe_ranges
        check(List.of(
            "  LV            Attr       Health          PE Ranges                      ",
            "  lin           owi-XXs-p- partial         /dev/loop4:0-15                ",
            "  m1            mwi-XXm-p- partial         m1_mimage_0:0-1 m1_mimage_1:0-1",
            "  [m1_mimage_0] Iwi-XXm---                 /dev/loop5:7-8                 ",
            "  [m1_mimage_1] Iwi-XXm-p- partial         [unknown]:9-10                 ",
            "  [m1_mlog]     lwi-XXm---                 /dev/loop4:24-24               ",
            "  [pvmove0]     p-C-XXm-p- partial         [unknown]:0-3 /dev/loop5:9-12  ",
            "  r1            rwi-XXr-p- partial         r1_rimage_0:0-1 r1_rimage_1:0-1",
            "  [r1_rimage_0] Iwi-XXr---                 /dev/loop5:5-6                 ",
            "  [r1_rimage_1] Iwi-XXr-p- partial         [unknown]:5-6                  ",
            "  [r1_rmeta_0]  ewi-XXr---                 /dev/loop5:4-4                 ",
            "  [r1_rmeta_1]  ewi-XXr-p- partial         [unknown]:4-4                  ",
            "  ro            -rc-XX----                 /dev/loop4:25-25               ",
            "  seg           -wI-XX--p- partial         /dev/loop4:20-23               ",
            "  seg           -wI-XX--p- partial         pvmove0:0-3                    ",
            "  snap          swi-XXs-p- partial         [unknown]:7-8                  ",
            "  str           -wi-XX----                 /dev/loop4:16-19 /dev/loop5:0-3"),
            Reports.lvs(s2(true), List.of(), o().all(true).columns("name,attr,lv_health_status,seg_pe_ranges")));
    }

}
