package dev.portwatch.core.actions;

/**
 * A request portwatch never carries out, whatever the rights: stopping pid 1 or portwatch itself. Nothing was
 * signalled; the command line exits 2 (a refused request), not 1 (a port still held).
 */
public final class ProtectedProcessException extends ActionException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with a user-facing sentence. */
    public ProtectedProcessException(String message) {
        super(message);
    }
}
