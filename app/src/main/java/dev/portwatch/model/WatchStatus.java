package dev.portwatch.model;

import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * How one watched entry stands in one snapshot.
 *
 * @param rule    the entry
 * @param state   FREE, IN_USE or CONFLICT
 * @param exposed true when a holder is bound to a wildcard or non-loopback address, so other machines can reach it;
 *                always false when FREE
 * @param reasons sentences saying why, at least one, most important first
 * @param holders   the listening sockets on the entry's ports and protocols, ordered by port, protocol, address
 * @param conflicts why the entry is in CONFLICT; empty exactly when the state is not CONFLICT
 */
public record WatchStatus(WatchRule rule, WatchState state, boolean exposed, List<String> reasons,
                          List<Listener> holders, Set<ConflictKind> conflicts) {

    /** Validates the fields and copies the collections. */
    public WatchStatus {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(state, "state");
        reasons = List.copyOf(reasons);
        holders = List.copyOf(holders);
        conflicts = conflicts.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(conflicts));
        if (reasons.isEmpty()) {
            throw new IllegalArgumentException("a status needs a reason");
        }
        if (conflicts.isEmpty() == (state == WatchState.CONFLICT)) {
            throw new IllegalArgumentException("a CONFLICT needs a conflict kind, and only a CONFLICT has one");
        }
    }

    /** A FREE or IN_USE status: no conflict. */
    public WatchStatus(WatchRule rule, WatchState state, boolean exposed, List<String> reasons,
                       List<Listener> holders) {
        this(rule, state, exposed, reasons, holders, Set.of());
    }

    /** True for IN_USE and CONFLICT. */
    public boolean isTaken() {
        return state != WatchState.FREE;
    }
}
