package dev.portwatch.model;

import java.util.Locale;

/** Why a watched entry is in {@link WatchState#CONFLICT}; an entry can have several kinds at once. */
public enum ConflictKind {
    /** A holder does not match the entry's expected owner, or its owner is hidden so it cannot be checked. */
    UNEXPECTED_OWNER,
    /**
     * Two or more processes hold one port, and at least two of them can be reached at {@code localhost} (one on
     * {@code 127.0.0.1}, another on {@code ::1} or a wildcard), so a client may reach either.
     */
    SPLIT_LOCALHOST,
    /** Two or more processes hold one port on different addresses, at most one of them reachable at localhost. */
    SHARED_PORT;

    /** The lower-case name used in metrics and JSON: {@code unexpected_owner}, {@code split_localhost}, ... */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
