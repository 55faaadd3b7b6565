package dev.portwatch.core.actions;

/**
 * Rebind refused because the chosen new port was taken when the move was about to start (after the user picked it):
 * nothing was stopped, and the user can pick another port.
 */
public final class NewPortTakenException extends ActionException {

    private static final long serialVersionUID = 1L;

    private final int port;

    /**
     * @param port    the new port that was taken
     * @param message a user-facing sentence naming who holds it
     */
    public NewPortTakenException(int port, String message) {
        super(message);
        this.port = port;
    }

    /** The new port that was taken. */
    public int port() {
        return port;
    }
}
