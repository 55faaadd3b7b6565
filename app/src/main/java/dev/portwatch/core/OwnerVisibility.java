package dev.portwatch.core;

import dev.portwatch.model.Listener;
import dev.portwatch.model.Snapshot;
import dev.portwatch.model.SocketUser;

import java.util.Collection;
import java.util.Optional;
import java.util.TreeSet;

/** Explains, in place and in one status sentence, why some sockets show no owner. */
public final class OwnerVisibility {

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
     * A status-bar sentence for the sockets of {@code shown} whose owner is unknown, or empty when every owner is
     * known. Names the users the kernel reported for them, so "3 owners hidden (root, postgres)" says whose they are.
     *
     * @param shown    the sockets the user is looking at
     * @param snapshot the scan they came from, which tells whether it ran privileged
     */
    public static Optional<String> explain(Collection<Listener> shown, Snapshot snapshot) {
        long unknown = 0;
        var users = new TreeSet<String>();
        for (Listener listener : shown) {
            if (listener.owner().isEmpty()) {
                unknown++;
                listener.socketUser().map(SocketUser::name).ifPresent(users::add);
            }
        }
        if (unknown == 0) {
            return Optional.empty();
        }
        String owners = (unknown == 1 ? "1 owner hidden" : unknown + " owners hidden")
                + (users.isEmpty() ? "" : " (" + String.join(", ", users) + ")");
        return Optional.of(snapshot.privileged()
                ? owners + ": the OS did not say who holds them (another network namespace or a protected process)"
                : owners + ": run with elevated rights to see other users' processes");
    }
}
