package dev.portwatch.cli;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.portwatch.core.service.ServiceIdentifier;
import dev.portwatch.core.service.ServiceMatch;
import dev.portwatch.model.Listener;
import dev.portwatch.model.ProcessInfo;
import dev.portwatch.model.SocketUser;

import java.time.Instant;

/**
 * The JSON shape of one socket, shared by every command that prints sockets ({@code list}, {@code status}, ...).
 * Unknown values are JSON {@code null}, never empty strings, so scripts can test for them.
 *
 * @param protocol  {@code "tcp"} or {@code "udp"}
 * @param ipVersion 4 or 6
 * @param address   the bind address as text
 * @param port      the local port
 * @param state     {@code "LISTEN"}, {@code "BOUND"}, {@code "ESTABLISHED"} or {@code "OTHER"}
 * @param remote    the peer as {@code host:port} for connections, else null
 * @param pid       the owning pid, or null when unknown
 * @param process   the owning process's name, or null
 * @param user      the owning user (the owner's, else the socket's as the kernel recorded it), or null
 * @param uid       the numeric uid the kernel recorded for the socket (known even when the owner is hidden), or null
 * @param command   the full command line, or null
 * @param service   what runs on the port ({@code "JDWP debugger"}; guesses end in {@code ?}), or null when unknown
 * @param started   the process's start time in ISO-8601, or null
 */
@JsonPropertyOrder({"protocol", "ipVersion", "address", "port", "state", "remote", "pid", "process", "user",
    "uid", "command", "service", "started"})
public record ListenerJson(String protocol, int ipVersion, String address, int port, String state, String remote,
                           Integer pid, String process, String user, Integer uid, String command, String service,
                           @JsonProperty("started") String started) {

    /** Converts a socket into its JSON shape, naming its service with the bundled rules. */
    public static ListenerJson of(Listener listener) {
        return of(listener, ServiceIdentifier.standard());
    }

    /** Converts a socket into its JSON shape, naming its service with {@code services}. */
    public static ListenerJson of(Listener listener, ServiceIdentifier services) {
        ProcessInfo owner = listener.owner().orElse(null);
        return new ListenerJson(
                listener.protocol().label(),
                Integer.parseInt(listener.ipVersion().label()),
                listener.address(),
                listener.port(),
                listener.state().name(),
                listener.remote().map(Object::toString).orElse(null),
                owner == null ? null : owner.pid(),
                owner == null ? null : blankToNull(owner.name()),
                listener.userName().orElse(null),
                listener.socketUser().map(SocketUser::uid).orElse(null),
                owner == null ? null : blankToNull(owner.commandLine()),
                services.identify(listener).map(ServiceMatch::label).orElse(null),
                owner == null ? null : owner.startTime().map(Instant::toString).orElse(null));
    }

    private static String blankToNull(String text) {
        return text.isBlank() ? null : text;
    }
}
