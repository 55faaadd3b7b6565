package dev.portwatch.core;

import dev.portwatch.model.Listener;
import dev.portwatch.model.Snapshot;
import dev.portwatch.model.SocketUser;
import dev.portwatch.model.UnknownOwner;

import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Explains, in place and in one status sentence, why some sockets show no owner. */
public final class OwnerVisibility {

    /** How the command line reveals another user's owner. */
    public static final String CLI_REMEDY = "add --elevate to see it";
    /** How the window reveals another user's owner. */
    public static final String WINDOW_REMEDY = "Show all owners reveals it";
    /** Where portwatch has no helper of its own to offer (a remote host's table). */
    public static final String GENERIC_REMEDY = "run portwatch there with elevated rights to see it";

    private OwnerVisibility() {
    }

    /**
     * The text a row shows where its owner's command would be when the owner is hidden: {@code "hidden: owned by
     * root"} when the kernel named the socket's user, {@code "hidden"} when not; empty when the owner is known.
     */
    public static Optional<String> inPlace(Listener listener) {
        if (listener.owner().isPresent()) {
            return Optional.empty();
        }
        return Optional.of(listener.socketUser().map(u -> "hidden: owned by " + u.name()).orElse("hidden"));
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
     * kind and the users the kernel named for them, or empty when every owner is known: {@code "3 owners hidden
     * (root): 2: another user's process (add --elevate to see it); 1: no process owns it (TIME_WAIT or
     * orphaned)"}.
     *
     * @param shown    the sockets the user is looking at
     * @param snapshot the scan they came from, which says why each owner is unknown
     * @param remedy   what reveals another user's process here, e.g. {@link #CLI_REMEDY}
     */
    public static Optional<String> explain(Collection<Listener> shown, Snapshot snapshot, String remedy) {
        Map<UnknownOwner, Long> reasons = new EnumMap<>(UnknownOwner.class);
        var users = new TreeSet<String>();
        for (Listener listener : shown) {
            snapshot.whyUnknown(listener).ifPresent(why -> {
                reasons.merge(why, 1L, Long::sum);
                listener.socketUser().map(SocketUser::name).ifPresent(users::add);
            });
        }
        long unknown = reasons.values().stream().mapToLong(Long::longValue).sum();
        if (unknown == 0) {
            return Optional.empty();
        }
        String owners = (unknown == 1 ? "1 owner hidden" : unknown + " owners hidden")
                + (users.isEmpty() ? "" : " (" + String.join(", ", users) + ")") + ": ";
        if (reasons.size() == 1) {
            return Optional.of(owners + clause(reasons.keySet().iterator().next(), remedy));
        }
        return Optional.of(owners + reasons.entrySet().stream()
                .map(e -> e.getValue() + ": " + clause(e.getKey(), remedy))
                .collect(Collectors.joining("; ")));
    }

    private static String clause(UnknownOwner why, String remedy) {
        return why == UnknownOwner.OTHER_USER ? why.clause() + " (" + remedy + ")" : why.clause();
    }
}
