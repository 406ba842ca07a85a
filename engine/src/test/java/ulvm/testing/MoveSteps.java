package ulvm.testing;

import java.io.IOException;
import ulvm.model.Vg;
import ulvm.ops.CopyPacing;

/** A test's look at a pvmove's commits, passed in its {@code ops.Wiring}: {@code after} may stop the move there. */
public final class MoveSteps {
    /** Called after every commit of a move: "setup", "checkpoint", "finish1".."finish3". */
    public interface Step { void after(String step, Vg committed) throws IOException; }

    private MoveSteps() {}

    /** A pacing that tells {@code step} each commit of a move, with no pause. */
    public static CopyPacing told(Step step) {
        return new CopyPacing() {
            @Override public void moveCommitted(String name, Vg committed) throws IOException { step.after(name, committed); }
        };
    }
}
