package dev.portwatch.os;

/** A scan of the OS's sockets failed; the message is a short sentence fit for a status bar. */
public class ScanException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with a user-facing message and its cause. */
    public ScanException(String message, Throwable cause) {
        super(message, cause);
    }
}
