package dev.portwatch.model;

import java.util.Objects;

/**
 * The user the kernel records for a socket (netlink {@code idiag_uid}, the {@code uid} column of
 * {@code /proc/net/*}): the effective uid of the process that created it. Any user may read it, so it is known even
 * when the owning process is hidden from the caller.
 *
 * @param uid  the numeric user id, 0 for root
 * @param name the login name for {@code uid}, or the number as text when the user database does not name it
 */
public record SocketUser(int uid, String name) {

    /** Validates the fields. */
    public SocketUser {
        if (uid < 0) {
            throw new IllegalArgumentException("uid must not be negative: " + uid);
        }
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            name = Integer.toString(uid);
        }
    }
}
