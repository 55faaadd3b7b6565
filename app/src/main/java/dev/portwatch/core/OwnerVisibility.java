package dev.portwatch.core;

import dev.portwatch.model.Listener;
import dev.portwatch.model.Snapshot;

import java.util.Collection;
import java.util.Optional;

/** Explains, in one sentence, why some sockets show no owner. */
public final class OwnerVisibility {

    private OwnerVisibility() {
    }

    /**
     * Why the owner of a port's sockets is unknown, as a clause: {@code "the OS did not say who holds it ..."}.
     *
     * @param port     the port whose listening sockets have no known owner
     * @param snapshot the scan that saw them
     */
    public static String reasonFor(int port, Snapshot snapshot) {
        return snapshot.privileged()
                ? "the OS did not say who holds it (a protected process, or one that exited during the scan)"
                : "it is another user's process; run with elevated rights to see it";
    }

    /**
     * A status-bar sentence for the sockets of {@code shown} whose owner is unknown, or empty when every owner is
     * known.
     *
     * @param shown    the sockets the user is looking at
     * @param snapshot the scan they came from, which tells whether it ran privileged
     */
    public static Optional<String> explain(Collection<Listener> shown, Snapshot snapshot) {
        long unknown = shown.stream().filter(l -> l.owner().isEmpty()).count();
        if (unknown == 0) {
            return Optional.empty();
        }
        String owners = unknown == 1 ? "1 owner hidden" : unknown + " owners hidden";
        return Optional.of(snapshot.privileged()
                ? owners + ": the OS did not say who holds them (another network namespace or a protected process)"
                : owners + ": run with elevated rights to see other users' processes");
    }
}
