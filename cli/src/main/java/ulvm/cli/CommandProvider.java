package ulvm.cli;

import java.util.List;

/** Other modules add commands (the mount adds mount and umount) through {@link java.util.ServiceLoader}. */
public interface CommandProvider {
    List<Class<?>> commands();
}
