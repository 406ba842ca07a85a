package ulvm.api;

/** Where a command's messages go, and how it asks the user. */
public interface Console {
    /** A line on standard output. */
    void out(String line);

    /** A line on standard error. */
    void err(String line);

    /**
     * Asks a yes/no question (LVM2 prints it with " [y/n]: ", unless the question carries its own "[y/n]"). Returns
     * the answer; when there is no input, false.
     */
    boolean ask(String question);
}
