package ulvm.ops;

import java.io.IOException;
import java.util.ServiceLoader;
import ulvm.model.Vg;

/**
 * How the long copies pace themselves, passed at assembly ({@link Wiring}): a pvmove is told after each of its commits
 * and progress records ("setup", "checkpoint" for both a segment commit and a record, "finish1".."finish3"; an
 * exception fails the move there), waits after each checkpoint (and then copies unpipelined), and
 * without a mount ({@link MovePoller}) spends at least a given time on each chunk under the chunk's lock; a snapshot
 * merge waits after each batch. Pauses are cut short when the copy is asked to stop. {@link #NONE} by default. A process
 * (the command line, the mount daemon) takes the implementation found on its class path ({@link #fromClassPath}): ulvm's
 * jars hold none.
 */
public interface CopyPacing {
    CopyPacing NONE = new CopyPacing() { };

    /** After the move's commit {@code step}; {@code committed}: the VG as committed. */
    default void moveCommitted(String step, Vg committed) throws IOException { }

    /** Milliseconds a pvmove waits after each checkpoint. */
    default long movePauseMillis() { return 0; }

    /** Milliseconds each chunk of a pvmove without a mount takes at least, under the chunk's lock. */
    default long moveChunkMillis() { return 0; }

    /** Milliseconds a snapshot merge waits after each batch. */
    default long mergePauseMillis() { return 0; }

    /** The first implementation {@link ServiceLoader} finds on the class path, else {@link #NONE}. */
    static CopyPacing fromClassPath() {
        return ServiceLoader.load(CopyPacing.class).findFirst().orElse(NONE);
    }
}
