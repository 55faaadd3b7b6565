package dev.portwatch.core.actions;

/**
 * The OS refused to signal a process (another user's process without elevated rights). Nothing was signalled.
 * {@link #elevatedCommand()} is the equivalent command to run with elevated rights.
 */
public final class PermissionDeniedException extends ActionException {

    private static final long serialVersionUID = 1L;

    private final String elevatedCommand;

    /**
     * @param pid             the process that could not be signalled
     * @param elevatedCommand the command that would do the same with elevated rights, e.g. {@code sudo kill -TERM 12}
     */
    public PermissionDeniedException(long pid, String elevatedCommand) {
        super("Permission denied to stop pid " + pid + "; run: " + elevatedCommand);
        this.elevatedCommand = elevatedCommand;
    }

    /** The command to run with elevated rights, for example {@code sudo kill -TERM 1234}. */
    public String elevatedCommand() {
        return elevatedCommand;
    }
}
