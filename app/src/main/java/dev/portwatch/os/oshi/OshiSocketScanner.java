package dev.portwatch.os.oshi;

import dev.portwatch.model.Addresses;
import dev.portwatch.model.Endpoint;
import dev.portwatch.model.IpVersion;
import dev.portwatch.model.Listener;
import dev.portwatch.model.ProcessDetails;
import dev.portwatch.model.ProcessInfo;
import dev.portwatch.model.Protocol;
import dev.portwatch.model.Snapshot;
import dev.portwatch.model.SocketState;
import dev.portwatch.os.ScanException;
import dev.portwatch.os.SocketScanner;
import oshi.SystemInfo;
import oshi.software.os.InternetProtocolStats.IPConnection;
import oshi.software.os.InternetProtocolStats.TcpState;
import oshi.software.os.OSProcess;
import oshi.software.os.OperatingSystem;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link SocketScanner} backed by OSHI: one {@code getConnections()} per scan, then one batched
 * {@code getProcesses(pids)} for the owners. The only class that turns OSHI's sentinels into portwatch's values.
 */
public final class OshiSocketScanner implements SocketScanner {

    private final OperatingSystem os;

    /** Creates a scanner over this machine's OS. */
    public OshiSocketScanner() {
        this.os = new SystemInfo().getOperatingSystem();
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
        Map<Integer, ProcessInfo> owners = readProcesses(pids);
        List<Listener> listeners = new ArrayList<>(connections.size());
        for (IPConnection connection : connections) {
            toListener(connection, owners).ifPresent(listeners::add);
        }
        boolean privileged = isPrivileged();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        return new Snapshot(Instant.now(), listeners, took, privileged);
    }

    @Override
    public Optional<ProcessDetails> process(int pid) {
        if (pid <= 0) {
            return Optional.empty();
        }
        OSProcess process = os.getProcess(pid);
        if (process == null) {
            return Optional.empty();
        }
        return Optional.of(new ProcessDetails(toInfo(process), nonNull(process.getCurrentWorkingDirectory()),
                process.getEnvironmentVariables(), nonNull(process.getPath())));
    }

    @Override
    public boolean isRunning(int pid) {
        if (pid <= 0) {
            return false;
        }
        OSProcess process = os.getProcess(pid);
        return process != null && process.getState() != OSProcess.State.ZOMBIE
                && process.getState() != OSProcess.State.INVALID;
    }

    @Override
    public List<ProcessInfo> children(int pid) {
        if (pid <= 0) {
            return List.of();
        }
        return os.getChildProcesses(pid, null, null, 0).stream().map(OshiSocketScanner::toInfo).toList();
    }

    /**
     * Reads the processes with these pids in one batched OSHI call; other scanners use it for owners' details.
     *
     * @param pids the process ids to read
     * @return what OSHI could read, by pid; processes that vanished are missing, never null
     */
    public Map<Integer, ProcessInfo> readProcesses(Collection<Integer> pids) {
        Map<Integer, ProcessInfo> owners = new HashMap<>();
        if (pids.isEmpty()) {
            return owners;
        }
        for (OSProcess process : os.getProcesses(pids)) {
            owners.put(process.getProcessID(), toInfo(process));
        }
        return owners;
    }

    /** Whether this process may see every process's sockets (root on Unix); false when OSHI cannot tell. */
    public boolean isPrivileged() {
        try {
            return os.isElevated();
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * User names by user id. OSHI looks the name up afresh for every process (about 2 ms each here), which would
     * dominate scans; names of user ids do not change while portwatch runs.
     */
    private static final Map<String, String> USER_NAMES = new ConcurrentHashMap<>();
    private static final int MAX_USER_NAMES = 1_024;

    static String userOf(OSProcess process) {
        String uid = process.getUserID();
        if (uid == null || uid.isEmpty()) {
            return nonNull(process.getUser());
        }
        String cached = USER_NAMES.get(uid);
        if (cached != null) {
            return cached;
        }
        String name = nonNull(process.getUser());
        if (USER_NAMES.size() < MAX_USER_NAMES) {
            USER_NAMES.put(uid, name);
        }
        return name;
    }

    static ProcessInfo toInfo(OSProcess process) {
        long startMillis = process.getStartTime();
        Optional<Instant> started = startMillis > 0 ? Optional.of(Instant.ofEpochMilli(startMillis)) : Optional.empty();
        List<String> arguments = process.getArguments() == null ? List.of() : process.getArguments();
        return new ProcessInfo(process.getProcessID(), nonNull(process.getName()), userOf(process),
                commandLine(process, arguments), arguments, started,
                Math.max(0, process.getParentProcessID()));
    }

    /**
     * OSHI reads a Linux command line only up to its first line break, so an argument holding a newline cuts it
     * short; the argument vector is complete, so it wins when it extends the truncated text.
     */
    private static String commandLine(OSProcess process, List<String> arguments) {
        String text = nonNull(process.getCommandLine()).strip();
        String joined = String.join(" ", arguments);
        return joined.length() > text.length() && joined.startsWith(text) ? joined : text;
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

    private static String nonNull(String text) {
        return text == null ? "" : text;
    }
}
