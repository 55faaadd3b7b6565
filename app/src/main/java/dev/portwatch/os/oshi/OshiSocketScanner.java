package dev.portwatch.os.oshi;

import dev.portwatch.model.Addresses;
import dev.portwatch.model.Endpoint;
import dev.portwatch.model.IpVersion;
import dev.portwatch.model.Listener;
import dev.portwatch.model.ProcessInfo;
import dev.portwatch.model.Protocol;
import dev.portwatch.model.Snapshot;
import dev.portwatch.model.SocketState;
import dev.portwatch.os.ProcessReader;
import dev.portwatch.os.ScanException;
import dev.portwatch.os.SocketScanner;
import oshi.SystemInfo;
import oshi.software.os.InternetProtocolStats.IPConnection;
import oshi.software.os.InternetProtocolStats.TcpState;
import oshi.software.os.OperatingSystem;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@link SocketScanner} backed by OSHI: one {@code getConnections()} per scan, then one batched read of the owners
 * through the {@link ProcessReader}. Turns OSHI's connection sentinels ({@code -1} pid, odd address lengths) into
 * portwatch's values; {@link OshiProcessReader} does the same for processes.
 */
public final class OshiSocketScanner implements SocketScanner {

    private final OperatingSystem os;
    private final ProcessReader processes;

    /** Creates a scanner over this machine's OS with its own process reader. */
    public OshiSocketScanner() {
        this(new OshiProcessReader());
    }

    /** @param processes reads the sockets' owners */
    public OshiSocketScanner(ProcessReader processes) {
        this.os = new SystemInfo().getOperatingSystem();
        this.processes = processes;
    }

    @Override
    public Snapshot scan() throws ScanException {
        long start = System.nanoTime();
        List<IPConnection> connections;
        try {
            connections = os.getInternetProtocolStats().getConnections();
        } catch (RuntimeException e) {
            throw new ScanException("Could not read the socket table: " + e.getMessage(), e);
        }
        Set<Integer> pids = new HashSet<>();
        for (IPConnection connection : connections) {
            if (connection.getowningProcessId() > 0) {
                pids.add(connection.getowningProcessId());
            }
        }
        Map<Integer, ProcessInfo> owners = processes.readProcesses(pids);
        List<Listener> listeners = new ArrayList<>(connections.size());
        for (IPConnection connection : connections) {
            toListener(connection, owners).ifPresent(listeners::add);
        }
        boolean privileged = processes.isPrivileged();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        return new Snapshot(Instant.now(), listeners, took, privileged);
    }

    private static Optional<Listener> toListener(IPConnection connection, Map<Integer, ProcessInfo> owners) {
        String type = connection.getType();
        Protocol protocol;
        if (type.startsWith("tcp")) {
            protocol = Protocol.TCP;
        } else if (type.startsWith("udp")) {
            protocol = Protocol.UDP;
        } else {
            return Optional.empty();
        }
        byte[] localRaw = connection.getLocalAddress();
        if (localRaw == null || (localRaw.length != 4 && localRaw.length != 16)) {
            return Optional.empty();
        }
        String address = Addresses.format(localRaw);
        IpVersion version = IpVersion.ofAddress(address);
        var local = new Endpoint(address, connection.getLocalPort());
        Optional<Endpoint> remote = remoteOf(connection);
        SocketState state = stateOf(protocol, connection.getState(), remote.isPresent());
        int pid = connection.getowningProcessId();
        Optional<ProcessInfo> owner = pid > 0
                ? Optional.of(owners.getOrDefault(pid, ProcessInfo.pidOnly(pid)))
                : Optional.empty();
        return Optional.of(new Listener(protocol, version, local, remote, state, owner));
    }

    private static Optional<Endpoint> remoteOf(IPConnection connection) {
        byte[] raw = connection.getForeignAddress();
        if (raw == null || (raw.length != 4 && raw.length != 16) || connection.getForeignPort() == 0) {
            return Optional.empty();
        }
        return Optional.of(new Endpoint(Addresses.format(raw), connection.getForeignPort()));
    }

    private static SocketState stateOf(Protocol protocol, TcpState state, boolean connected) {
        if (protocol == Protocol.UDP) {
            return connected ? SocketState.ESTABLISHED : SocketState.BOUND;
        }
        return switch (state) {
            case LISTEN -> SocketState.LISTEN;
            case ESTABLISHED -> SocketState.ESTABLISHED;
            case SYN_SENT -> SocketState.SYN_SENT;
            case SYN_RECV -> SocketState.SYN_RECV;
            case FIN_WAIT_1 -> SocketState.FIN_WAIT_1;
            case FIN_WAIT_2 -> SocketState.FIN_WAIT_2;
            case TIME_WAIT -> SocketState.TIME_WAIT;
            case CLOSED -> SocketState.CLOSE;
            case CLOSE_WAIT -> SocketState.CLOSE_WAIT;
            case LAST_ACK -> SocketState.LAST_ACK;
            case CLOSING -> SocketState.CLOSING;
            default -> SocketState.OTHER;
        };
    }

}
