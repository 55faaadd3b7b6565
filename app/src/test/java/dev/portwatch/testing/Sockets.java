package dev.portwatch.testing;

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
import java.util.Optional;

/** Builds sockets and snapshots for tests where the OS is not the point. */
public final class Sockets {

    private Sockets() {
    }

    /** A TCP listener owned by a process with this pid, name and command line. */
    public static Listener tcp(String address, int port, int pid, String name, String command) {
        return socket(Protocol.TCP, SocketState.LISTEN, address, port,
                Optional.of(new ProcessInfo(pid, name, "dev", command, List.of(), Optional.empty(), 1)));
    }

    /** An unconnected UDP socket owned by a process with this pid and name. */
    public static Listener udp(String address, int port, int pid, String name) {
        return socket(Protocol.UDP, SocketState.BOUND, address, port,
                Optional.of(new ProcessInfo(pid, name, "dev", name, List.of(), Optional.empty(), 1)));
    }

    /** A TCP listener whose owner the OS hid. */
    public static Listener hidden(String address, int port) {
        return socket(Protocol.TCP, SocketState.LISTEN, address, port, Optional.empty());
    }

    /** An established TCP connection from this local endpoint to 10.0.0.9:40000. */
    public static Listener connection(String address, int port, int pid) {
        return new Listener(Protocol.TCP, IpVersion.V4, new Endpoint(address, port),
                Optional.of(new Endpoint("10.0.0.9", 40000)), SocketState.ESTABLISHED,
                Optional.of(new ProcessInfo(pid, "curl", "dev", "curl", List.of(), Optional.empty(), 1)));
    }

    /** A socket with every field chosen; the IP version follows the address. */
    public static Listener socket(Protocol protocol, SocketState state, String address, int port,
                                  Optional<ProcessInfo> owner) {
        return new Listener(protocol, address.contains(":") ? IpVersion.V6 : IpVersion.V4,
                new Endpoint(address, port), Optional.empty(), state, owner);
    }

    /** A snapshot taken at the epoch holding these sockets. */
    public static Snapshot snapshot(Listener... listeners) {
        return new Snapshot(Instant.EPOCH, List.of(listeners), Duration.ZERO, false);
    }
}
