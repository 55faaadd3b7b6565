package dev.portwatch.core.helper;

/** The helper could not be started, refused a request, or went away; the message is one sentence for users. */
public final class HelperException extends Exception {
    private static final long serialVersionUID = 1L;

    /** @param message what happened and what to do */
    public HelperException(String message) {
        super(message);
    }

    /** @param message what happened; @param cause the underlying failure */
    public HelperException(String message, Throwable cause) {
        super(message, cause);
    }
}
