package dev.portwatch.model;

/** The state of a watched entry, a pure function of a snapshot and the entry. */
public enum WatchState {
    /** Nothing is bound on the entry's ports. */
    FREE,
    /** Bound, and every holder matches the expected owner (or none is set). */
    IN_USE,
    /** A holder does not match the expected owner, or two or more processes hold one port. */
    CONFLICT
}
