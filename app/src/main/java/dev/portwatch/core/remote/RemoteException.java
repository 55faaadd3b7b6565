package dev.portwatch.core.remote;

/**
 * A remote host could not be used: unreachable, without portwatch, speaking another protocol, or answering
 * something malformed. The message is one sentence naming the host, ready to show.
 */
public final class RemoteException extends Exception {

    private static final long serialVersionUID = 1L;

    /** An exception whose message is the sentence to show. */
    public RemoteException(String message) {
        super(message);
    }

    /** An exception whose message is the sentence to show, with the underlying cause. */
    public RemoteException(String message, Throwable cause) {
        super(message, cause);
    }
}
