package dev.portwatch.core.remote;

import dev.portwatch.model.Endpoint;
import dev.portwatch.model.IpVersion;
import dev.portwatch.model.Listener;
import dev.portwatch.model.ProcessInfo;
import dev.portwatch.model.Protocol;
import dev.portwatch.model.Snapshot;
import dev.portwatch.model.SocketState;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link Snapshot} as the remote protocol carries it: plain fields with explicit names, so the model can change
 * without changing the protocol. Converting back validates every value through the model's records.
 *
 * @param takenAt      when the scan finished
 * @param scanMicros   how long it took, in microseconds
 * @param privileged   whether the remote scan ran as root
 * @param sockets      every socket
 */
public record SnapshotWire(Instant takenAt, long scanMicros, boolean privileged, List<SocketWire> sockets) {

    /** Validates the fields and copies the list. */
    public SnapshotWire {
        Objects.requireNonNull(takenAt, "takenAt");
        sockets = List.copyOf(sockets);
    }

    /**
     * One socket.
     *
     * @param protocol   {@code TCP} or {@code UDP}
     * @param ipVersion  {@code V4} or {@code V6}
     * @param address    the bind address
     * @param port       the local port
     * @param remoteAddress the peer's address for a connection, else null
     * @param remotePort the peer's port for a connection, else 0
     * @param state      {@code LISTEN}, {@code BOUND}, {@code ESTABLISHED} or {@code OTHER}
     * @param owner      the owning process, or null when unknown
     */
    public record SocketWire(Protocol protocol, IpVersion ipVersion, String address, int port, String remoteAddress,
                             int remotePort, SocketState state, OwnerWire owner) {
    }

    /**
     * A socket's owner.
     *
     * @param pid       the process id
     * @param name      the executable's name, empty when unknown
     * @param user      the user, empty when unknown
     * @param command   the command line, empty when unknown
     * @param arguments the argument vector, empty when unknown
     * @param started   the start time, or null when unknown
     * @param parentPid the parent's pid, or 0
     */
    public record OwnerWire(int pid, String name, String user, String command, List<String> arguments,
                            Instant started, int parentPid) {
    }

    /** The wire form of a snapshot. */
    public static SnapshotWire of(Snapshot snapshot) {
        return new SnapshotWire(snapshot.takenAt(), snapshot.scanDuration().toNanos() / 1000, snapshot.privileged(),
                snapshot.listeners().stream().map(SnapshotWire::socket).toList());
    }

    /**
     * The snapshot this wire form stands for.
     *
     * @throws IllegalArgumentException or NullPointerException when a value is invalid (a malformed answer)
     */
    public Snapshot toSnapshot() {
        List<Listener> listeners = sockets.stream().map(s -> new Listener(
                Objects.requireNonNull(s.protocol(), "protocol"),
                Objects.requireNonNull(s.ipVersion(), "ipVersion"),
                new Endpoint(Objects.requireNonNull(s.address(), "address"), s.port()),
                s.remoteAddress() == null ? Optional.empty()
                        : Optional.of(new Endpoint(s.remoteAddress(), s.remotePort())),
                Objects.requireNonNull(s.state(), "state"),
                Optional.ofNullable(s.owner()).map(o -> new ProcessInfo(o.pid(), nonNull(o.name()),
                        nonNull(o.user()), nonNull(o.command()), o.arguments() == null ? List.of() : o.arguments(),
                        Optional.ofNullable(o.started()), o.parentPid())))).toList();
        return new Snapshot(takenAt, listeners, Duration.ofNanos(scanMicros * 1000), privileged);
    }

    private static SocketWire socket(Listener l) {
        return new SocketWire(l.protocol(), l.ipVersion(), l.address(), l.port(),
                l.remote().map(Endpoint::address).orElse(null), l.remote().map(Endpoint::port).orElse(0),
                l.state(), l.owner().map(p -> new OwnerWire(p.pid(), p.name(), p.user(), p.commandLine(),
                        p.arguments(), p.startTime().orElse(null), p.parentPid())).orElse(null));
    }

    private static String nonNull(String text) {
        return text == null ? "" : text;
    }
}
