package dev.portwatch.core.watch;

/** A watch specification could not be read; the message names the bad part and fits on one line. */
public class WatchSpecException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with a user-facing message. */
    public WatchSpecException(String message) {
        super(message);
    }
}
