package dev.portwatch.core.desktop;

/** Start at login could not be turned on or off; the message is one sentence for the user. */
public final class AutostartException extends Exception {

    /** With a sentence for the user. */
    public AutostartException(String message) {
        super(message);
    }

    /** With a sentence for the user and the cause, for the log. */
    public AutostartException(String message, Throwable cause) {
        super(message, cause);
    }
}
