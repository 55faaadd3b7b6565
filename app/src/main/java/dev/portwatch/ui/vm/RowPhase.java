package dev.portwatch.ui.vm;

/** Where a table row is in its life, for TCPView-style highlighting. */
public enum RowPhase {
    /** The socket appeared in the latest scans; the row flashes green for {@link ListenerRow#HIGHLIGHT}. */
    NEW,
    /** An ordinary row. */
    STEADY,
    /** The socket closed; the row fades red for {@link ListenerRow#HIGHLIGHT}, then leaves the table. */
    CLOSING
}
