package dev.portwatch.model;

/** Where a socket's owner came from. */
public enum OwnerSource {
    /** portwatch's own scan, with the rights it runs with. */
    SCAN,
    /** The privileged helper (Show all owners, {@code --elevate}): the scan could not see it. */
    HELPER
}
