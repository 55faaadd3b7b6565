package dev.portwatch.os;

/**
 * A process's exact command line, environment or owner could not be read, so it cannot be restarted faithfully.
 * The message is one sentence for users saying why.
 */
public final class ExactCommandException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with a user-facing sentence. */
    public ExactCommandException(String message) {
        super(message);
    }

    /** Creates the exception with a user-facing sentence and its cause. */
    public ExactCommandException(String message, Throwable cause) {
        super(message, cause);
    }
}
