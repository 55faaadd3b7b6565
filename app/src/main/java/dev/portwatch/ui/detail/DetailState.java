package dev.portwatch.ui.detail;

import dev.portwatch.core.service.ServiceMatch;
import dev.portwatch.model.Listener;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the detail pane shows for one selected socket.
 *
 * @param listener the selected socket; empty when nothing is selected
 * @param service  the service as the table shows it (from the command line and the port alone)
 * @param sockets  every socket of the same process in the latest scan, listeners and connections
 * @param extras   what was read from the OS for this socket; empty while that read is under way
 */
public record DetailState(Optional<Listener> listener, Optional<ServiceMatch> service, List<Listener> sockets,
                          Optional<ProcessExtras> extras) {

    /** Nothing selected. */
    public static final DetailState EMPTY = new DetailState(Optional.empty(), Optional.empty(), List.of(),
            Optional.empty());

    /** Validates the fields and copies the list. */
    public DetailState {
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(service, "service");
        sockets = List.copyOf(sockets);
        Objects.requireNonNull(extras, "extras");
    }

    /** The best service known: the one with container names once the OS read is done. */
    public Optional<ServiceMatch> bestService() {
        return extras.flatMap(ProcessExtras::service).or(() -> service);
    }
}
