package dev.portwatch.core.watch;

import dev.portwatch.core.service.ServiceIdentifier;
import dev.portwatch.model.Listener;
import dev.portwatch.model.ProcessInfo;
import dev.portwatch.model.Protocol;
import dev.portwatch.model.Snapshot;
import dev.portwatch.model.SocketState;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Which sockets hold a port, judged the way the kernel judges a plain {@code bind} (one without
 * {@code SO_REUSEADDR}): a port is held until such a bind would succeed.
 *
 * <ul>
 *   <li>A listener (TCP LISTEN, unconnected UDP) holds its port.</li>
 *   <li>A connected socket holds its local port too. While something listens there, the listener stands for it;
 *       otherwise the connection is a holder of its own: an accepted connection that outlived its listener, as a
 *       JDWP agent with a debugger attached (it closes its listening socket until the debugger detaches).</li>
 *   <li>A closed connection the kernel keeps to finish the goodbye (TIME_WAIT and the other closing states, owned by
 *       no process) {@linkplain #lingering lingers}: it blocks a plain bind for up to a minute, but servers that set
 *       {@code SO_REUSEADDR} (most do) can bind, and there is no process to stop, so it holds nothing.</li>
 * </ul>
 *
 * <p>Pure functions over the sockets of one scan; safe on any thread.
 */
public final class PortHolders {

    /** Linux keeps TIME_WAIT for a fixed 60 s ({@code TCP_TIMEWAIT_LEN}); other systems use 2×MSL, up to 4 min. */
    private static final String LINGER_LIMIT = "at most 60 s on Linux, up to 4 minutes on other systems";

    private PortHolders() {
    }

    /**
     * True for a connection that only the kernel still keeps: no owning process, and either a closing state or,
     * when the scan could see every process's sockets, any connected state (a socket no process has a descriptor
     * for is an orphan being torn down, or one waiting in a listener's accept queue).
     *
     * @param privileged whether the scan saw every process's sockets ({@link Snapshot#privileged()})
     */
    public static boolean isLingering(Listener socket, boolean privileged) {
        return socket.owner().isEmpty() && !socket.state().isListening()
                && (socket.state().isClosing() || privileged);
    }

    /**
     * The sockets that hold their local port, from sockets already narrowed to the ports of interest: every
     * listener, and every connected socket on a port and protocol that nothing listens on. Left out: lingering
     * sockets, and sockets in CLOSE (a listener being torn down shows that state for a moment after its process
     * exited). Keeps the input order.
     *
     * @param privileged whether the scan saw every process's sockets ({@link Snapshot#privileged()})
     */
    public static List<Listener> holding(List<Listener> sockets, boolean privileged) {
        Set<String> listened = new HashSet<>();
        for (Listener socket : sockets) {
            if (socket.state().isListening()) {
                listened.add(protocolPort(socket));
            }
        }
        // A listener stands for the connections on its port: the ones it accepted, and the ones waiting in its
        // queue, which no process owns yet.
        return sockets.stream()
                .filter(s -> s.state().isListening() || s.state() != SocketState.CLOSE && !isLingering(s, privileged)
                        && !listened.contains(protocolPort(s)))
                .toList();
    }

    /** The holders among a scan's sockets on exactly {@code port} (both protocols), in scan order. */
    public static List<Listener> holding(Snapshot snapshot, int port) {
        return holding(snapshot, s -> s.port() == port);
    }

    /** The holders among a scan's sockets that pass {@code onPort}, in scan order. */
    public static List<Listener> holding(Snapshot snapshot, Predicate<Listener> onPort) {
        return holding(snapshot.listeners().stream().filter(onPort).toList(), snapshot.privileged());
    }

    /** The lingering sockets among sockets already narrowed to the ports of interest. */
    public static List<Listener> lingering(List<Listener> sockets, boolean privileged) {
        return sockets.stream().filter(s -> isLingering(s, privileged)).toList();
    }

    /** True when the holder is a connection rather than a listener. */
    public static boolean isConnection(Listener holder) {
        return !holder.state().isListening();
    }

    /**
     * True when a connection looks accepted by a server rather than opened by a client: its local port is below
     * its peer's (a server port talking to a client's ephemeral port). The kernel does not record which side
     * connected, so this is a guess, used only to choose which ports to call a process's own.
     */
    public static boolean looksAccepted(Listener connection) {
        return connection.remote().map(peer -> connection.port() < peer.port()).orElse(false);
    }

    /**
     * True for a debugger's session with a JVM debug agent (JDWP): a TCP connection on the port the agent was told to
     * listen on (its {@code address=}), which the agent accepted. While it is open the agent does not listen; closing
     * it disconnects the debugger, and the JVM keeps running and listens again.
     */
    public static boolean isDebuggerSession(Listener connection) {
        return connection.protocol() == Protocol.TCP && connection.remote().isPresent()
                && !connection.state().isListening() && !connection.state().isClosing()
                && ServiceIdentifier.standard().identify(connection)
                        .filter(match -> !match.guess() && match.name().equals("JDWP debugger")).isPresent();
    }

    /**
     * What a connection that holds its local port means, as one sentence: for a JDWP agent, "debugger attached
     * from 127.0.0.1:59816; the agent listens again when it detaches".
     */
    public static String connectionReason(Listener connection) {
        String who = who(connection.owner()) + " holds " + where(connection);
        String peer = connection.remote().map(Object::toString).orElse("no peer");
        if (isDebuggerSession(connection)) {
            return who + ": debugger attached from " + peer + "; the agent listens again when it detaches";
        }
        return who + " through a connection with " + peer + " (" + connection.state().label()
                + ") and no longer listens there; a bind fails until that connection closes";
    }

    /** One sentence about lingering sockets on a watched entry: how long they stay and who can bind anyway. */
    public static Optional<String> lingerReason(List<Listener> lingering) {
        if (lingering.isEmpty()) {
            return Optional.empty();
        }
        String ports = lingering.stream().map(l -> l.port() + "/" + l.protocol().label()).distinct()
                .collect(Collectors.joining(", "));
        String states = lingering.stream().map(l -> l.state().label()).distinct().sorted()
                .collect(Collectors.joining("/"));
        int count = lingering.size();
        return Optional.of(count + (count == 1 ? " closed connection lingers" : " closed connections linger")
                + " on " + ports + " in " + states + " (" + LINGER_LIMIT + "; no process owns "
                + (count == 1 ? "it" : "them") + "): servers that set SO_REUSEADDR can bind now, a plain bind"
                + " fails until " + (count == 1 ? "it expires" : "they expire"));
    }

    /**
     * The sentence for a port nothing holds: "nothing holds 5005.", followed by the lingering connections there if
     * any, so "Address already in use" from a plain bind is explained.
     */
    public static String nothingHolds(Snapshot snapshot, int port) {
        return "nothing holds " + port + "." + lingerReason(lingering(snapshot.listeners().stream()
                .filter(s -> s.port() == port).toList(), snapshot.privileged()))
                .map(reason -> " " + capitalised(reason) + ".").orElse("");
    }

    private static String capitalised(String sentence) {
        return Character.toUpperCase(sentence.charAt(0)) + sentence.substring(1);
    }

    /** {@code java (pid 4242)}, or {@code an unknown process}. */
    static String who(Optional<ProcessInfo> owner) {
        return owner.map(p -> (p.name().isEmpty() ? "process" : p.name()) + " (pid " + p.pid() + ")")
                .orElse("an unknown process");
    }

    /** {@code 127.0.0.1:62893/tcp}. */
    static String where(Listener listener) {
        return listener.local() + "/" + listener.protocol().label();
    }

    private static String protocolPort(Listener socket) {
        return socket.protocol().name() + "/" + socket.port();
    }
}
