package dev.portwatch.model;

import java.util.List;
import java.util.Objects;

/**
 * How one watched entry stands in one snapshot.
 *
 * @param rule    the entry
 * @param state   FREE, IN_USE or CONFLICT
 * @param exposed true when a holder is bound to a wildcard or non-loopback address, so other machines can reach it;
 *                always false when FREE
 * @param reasons sentences saying why, at least one, most important first
 * @param holders the listening sockets on the entry's ports and protocols, ordered by port, protocol, address
 */
public record WatchStatus(WatchRule rule, WatchState state, boolean exposed, List<String> reasons,
                          List<Listener> holders) {

    /** Validates the fields and copies the lists. */
    public WatchStatus {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(state, "state");
        reasons = List.copyOf(reasons);
        holders = List.copyOf(holders);
        if (reasons.isEmpty()) {
            throw new IllegalArgumentException("a status needs a reason");
        }
    }

    /** True for IN_USE and CONFLICT. */
    public boolean isTaken() {
        return state != WatchState.FREE;
    }
}
