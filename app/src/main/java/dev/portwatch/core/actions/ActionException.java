package dev.portwatch.core.actions;

/**
 * A kill, rebind or free-port action was refused or failed. The message is one short sentence for users, saying
 * what to do; nothing was changed unless the message says so.
 */
public class ActionException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with a user-facing sentence. */
    public ActionException(String message) {
        super(message);
    }

    /** Creates the exception with a user-facing sentence and its cause. */
    public ActionException(String message, Throwable cause) {
        super(message, cause);
    }
}
