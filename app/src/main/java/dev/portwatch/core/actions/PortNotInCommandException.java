package dev.portwatch.core.actions;

/**
 * Rebind is impossible because the port appears in neither the holder's command line nor its environment, so
 * portwatch cannot tell it to use another port. Nothing was stopped.
 */
public final class PortNotInCommandException extends ActionException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with a user-facing sentence. */
    public PortNotInCommandException(String message) {
        super(message);
    }
}
