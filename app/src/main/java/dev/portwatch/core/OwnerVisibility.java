package dev.portwatch.core;

import dev.portwatch.model.Listener;
import dev.portwatch.model.Snapshot;
import dev.portwatch.model.UnknownOwner;

import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Explains, in one sentence, why some sockets show no owner. */
public final class OwnerVisibility {

    private OwnerVisibility() {
    }

    /**
     * Why the owner of a port's listening sockets is unknown, as a clause: {@code "no process owns it (TIME_WAIT or
     * orphaned)"}.
     *
     * @param port     the port whose listening sockets have no known owner
     * @param snapshot the scan that saw them
     */
    public static String reasonFor(int port, Snapshot snapshot) {
        return snapshot.listeners().stream()
                .filter(l -> l.port() == port && l.state().isListening())
                .map(snapshot::whyUnknown).flatMap(Optional::stream)
                .distinct().map(UnknownOwner::clause).collect(Collectors.joining("; "));
    }

    /**
     * A status-bar sentence for the sockets of {@code shown} whose owner is unknown, with the true reason for each
     * kind, or empty when every owner is known: {@code "3 owners hidden: 2: another user's process (run with elevated
     * rights to see it); 1: no process owns it (TIME_WAIT or orphaned)"}.
     *
     * @param shown    the sockets the user is looking at
     * @param snapshot the scan they came from, which says why each owner is unknown
     */
    public static Optional<String> explain(Collection<Listener> shown, Snapshot snapshot) {
        Map<UnknownOwner, Long> reasons = new EnumMap<>(UnknownOwner.class);
        for (Listener listener : shown) {
            snapshot.whyUnknown(listener).ifPresent(why -> reasons.merge(why, 1L, Long::sum));
        }
        long unknown = reasons.values().stream().mapToLong(Long::longValue).sum();
        if (unknown == 0) {
            return Optional.empty();
        }
        String owners = unknown == 1 ? "1 owner hidden: " : unknown + " owners hidden: ";
        if (reasons.size() == 1) {
            return Optional.of(owners + reasons.keySet().iterator().next().clause());
        }
        return Optional.of(owners + reasons.entrySet().stream().map(e -> e.getValue() + ": " + e.getKey().clause())
                .collect(Collectors.joining("; ")));
    }
}
