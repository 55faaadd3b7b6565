package dev.portwatch.model;

import java.util.List;

/**
 * Who a process runs as, from the kernel ({@code Uid:}, {@code Gid:} and {@code Groups:} of
 * {@code /proc/PID/status}): a restarted process gets exactly these.
 *
 * @param uid    the real user id
 * @param gid    the real group id
 * @param groups the supplementary group ids, in the kernel's order; may be empty
 */
public record ProcessOwner(int uid, int gid, List<Integer> groups) {

    /** Validates and copies. */
    public ProcessOwner {
        if (uid < 0 || gid < 0) {
            throw new IllegalArgumentException("ids must not be negative: uid " + uid + ", gid " + gid);
        }
        groups = List.copyOf(groups);
    }
}
