package ulvm.e2e;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** Issue 14.9: what a missing tool does to a test: a skip on a developer's machine, a failure naming it under CI=true. */
class NeedsTest {
    @Test
    void aMissingToolSkipsOrUnderCiFails() {
        if (Needs.ci()) {
            AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> Needs.that(false, "no frobnicator"));
            assertTrue(e.getMessage().contains("no frobnicator"), e.getMessage());
        } else {
            assertThrows(TestAbortedException.class, () -> Needs.that(false, "no frobnicator"));
        }
        Needs.that(true, "present"); // no effect
    }
}
