package dev.portwatch.ui.detail;

import dev.portwatch.core.service.DockerProxy;
import dev.portwatch.core.service.PortClass;
import dev.portwatch.core.service.ServiceIdentifier;
import dev.portwatch.model.ContainerInfo;
import dev.portwatch.model.EphemeralRange;
import dev.portwatch.model.Listener;
import dev.portwatch.model.ProcessDetails;
import dev.portwatch.model.ProcessInfo;
import dev.portwatch.model.Snapshot;
import dev.portwatch.os.ProcessReader;
import dev.portwatch.ui.tasks.UiTasks;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * State of the detail pane: follows the selected socket, reads its process's details off the JavaFX thread and
 * keeps the process's socket list current with each scan.
 *
 * <p>Public methods and the state property belong to the JavaFX thread (the injected {@code UiTasks} delivers
 * there). OS reads run in its background; an answer that arrives after the selection moved on is
 * dropped.
 */
public final class DetailViewModel {

    private static final Logger LOG = Logger.getLogger(DetailViewModel.class.getName());
    private static final Comparator<Listener> SOCKET_ORDER = Comparator
            .comparing((Listener l) -> !l.state().isListening())
            .thenComparingInt(Listener::port)
            .thenComparing(l -> l.remote().map(Object::toString).orElse(""));

    private final ProcessReader processes;
    private final UiTasks tasks;
    private final Supplier<EphemeralRange> ephemeral;
    private final Supplier<Map<String, ContainerInfo>> containers;
    private final ServiceIdentifier services = ServiceIdentifier.standard();
    private final ReadOnlyObjectWrapper<DetailState> state =
            new ReadOnlyObjectWrapper<>(this, "state", DetailState.EMPTY);

    private Snapshot snapshot = Snapshot.empty();
    private long generation;

    /**
     * @param processes  reads process details; called only in the background
     * @param tasks      runs OS reads off the JavaFX thread and their results on it
     * @param ephemeral  this OS's ephemeral range; called in the background
     * @param containers running containers by IP address; called in the background and only for docker-proxy
     *                   sockets
     */
    public DetailViewModel(ProcessReader processes, UiTasks tasks,
                           Supplier<EphemeralRange> ephemeral, Supplier<Map<String, ContainerInfo>> containers) {
        this.processes = Objects.requireNonNull(processes, "processes");
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        this.ephemeral = Objects.requireNonNull(ephemeral, "ephemeral");
        this.containers = Objects.requireNonNull(containers, "containers");
    }

    /** What the pane shows. */
    public ReadOnlyObjectProperty<DetailState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** What the pane shows. */
    public DetailState getState() {
        return state.get();
    }

    /**
     * Shows a socket, or nothing. Reads the OS again only when the socket is a different one (another key); a
     * newer scan of the same socket just refreshes what is shown.
     */
    public void show(Optional<Listener> selected) {
        DetailState current = state.get();
        if (selected.isEmpty()) {
            generation++;
            state.set(DetailState.EMPTY);
            return;
        }
        Listener listener = selected.get();
        boolean same = current.listener().map(l -> l.key().equals(listener.key())).orElse(false);
        Optional<ProcessExtras> extras = same ? current.extras() : Optional.empty();
        state.set(new DetailState(selected, services.identify(listener), socketsOf(listener), extras));
        if (!same) {
            long ticket = ++generation;
            tasks.run(() -> load(listener), loaded -> loaded(loaded, ticket),
                    failed -> LOG.log(Level.WARNING, "could not read process details", failed));
        }
    }

    /** Takes a new scan: the process's socket list follows it. */
    public void snapshotChanged(Snapshot fresh) {
        snapshot = Objects.requireNonNull(fresh, "fresh");
        DetailState current = state.get();
        current.listener().ifPresent(l -> state.set(new DetailState(current.listener(), current.service(),
                socketsOf(l), current.extras())));
    }

    private List<Listener> socketsOf(Listener listener) {
        OptionalInt pid = listener.pid();
        if (pid.isEmpty()) {
            return List.of(listener);
        }
        List<Listener> sockets = snapshot.listeners().stream()
                .filter(l -> l.pid().equals(pid))
                .sorted(SOCKET_ORDER)
                .toList();
        return sockets.isEmpty() ? List.of(listener) : sockets;
    }

    /** Runs in the background. */
    private ProcessExtras load(Listener listener) {
        try {
            return read(listener);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not read process details", e);
            return new ProcessExtras("", Optional.empty(), List.of(),
                    PortClass.of(listener.port(), EphemeralRange.IANA_DYNAMIC), services.identify(listener));
        }
    }

    private void loaded(ProcessExtras loaded, long ticket) {
        DetailState current = state.get();
        if (ticket == generation && current.listener().isPresent()) {
            state.set(new DetailState(current.listener(), current.service(), current.sockets(), Optional.of(loaded)));
        }
    }

    private ProcessExtras read(Listener listener) {
        PortClass portClass = PortClass.of(listener.port(), ephemeral.get());
        var service = services.identify(listener);
        boolean proxied = listener.owner().flatMap(o -> DockerProxy.parse(o.arguments())).isPresent();
        if (proxied) {
            Map<String, ContainerInfo> byAddress = containers.get();
            service = services.withContainers(ip -> Optional.ofNullable(byAddress.get(ip))).identify(listener);
        }
        if (listener.owner().isEmpty()) {
            return new ProcessExtras("", Optional.empty(), List.of(), portClass, service);
        }
        ProcessInfo owner = listener.owner().get();
        String directory = processes.process(owner.pid()).map(ProcessDetails::workingDirectory).orElse("");
        Optional<ProcessInfo> parent = owner.parentPid() > 0
                ? processes.process(owner.parentPid()).map(ProcessDetails::info)
                : Optional.empty();
        return new ProcessExtras(directory, parent, processes.children(owner.pid()), portClass, service);
    }
}
