package ulvm.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/** LVM2's validate_tag/tag_arg and change_tag order (SelectCheckedByLvm2Test checks the same against real LVM2). */
class TagsTest {
    @Test
    void validTagsAsLvm2() {
        assertEquals("lv_tag2.-+/=!:&#", Tags.arg("lv_tag2.-+/=!:&#"));
        assertEquals("x", Tags.arg("@x"));
        assertEquals("-x", Tags.arg("-x"));
        for (String bad : List.of("", "@", "a b", "x@y", "a,b", "é", "@@x")) assertNull(Tags.arg(bad), bad);
    }

    @Test
    void addedInOrderOnceDeletedAfter() {
        assertEquals(List.of("b", "a", "c"), Tags.change(List.of("b", "a"), List.of("c", "a", "c"), List.of()));
        assertEquals(List.of("a"), Tags.change(List.of("a", "b"), List.of("b"), List.of("b", "z")));
    }

    @Test
    void keptInTheirPlaceAmongExtras() {
        List<Section.Entry> ex = List.of(new Section.Entry("system_id", "h", null));
        List<Section.Entry> with = Tags.with(ex, List.of("t"));
        assertEquals("tags", with.get(0).key());
        assertEquals(List.of("t"), Tags.of(with));
        assertEquals(ex, Tags.with(with, List.of()));
    }
}
