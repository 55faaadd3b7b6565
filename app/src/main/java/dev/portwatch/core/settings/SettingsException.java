package dev.portwatch.core.settings;

/** Settings could not be saved; the message is a short sentence saying what to check. */
public class SettingsException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with a user-facing message and its cause. */
    public SettingsException(String message, Throwable cause) {
        super(message, cause);
    }
}
