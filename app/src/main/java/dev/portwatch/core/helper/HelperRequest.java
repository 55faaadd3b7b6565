package dev.portwatch.core.helper;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * The closed set of requests the privileged helper accepts (protocol version {@link #VERSION}). Each is a line of
 * JSON with a {@code "type"}; any other type, any extra field and any line over {@link #MAX_REQUEST_BYTES} is
 * refused. A request names only numbers (pids, start times, ports) and addresses: never a program, a path or a
 * command line; the helper reads everything else from the OS itself.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = HelperRequest.Hello.class, name = "hello"),
    @JsonSubTypes.Type(value = HelperRequest.ResolveOwners.class, name = "resolve-owners"),
    @JsonSubTypes.Type(value = HelperRequest.StopProcess.class, name = "stop-process"),
    @JsonSubTypes.Type(value = HelperRequest.MoveHolder.class, name = "move-holder"),
    @JsonSubTypes.Type(value = HelperRequest.CloseConnections.class, name = "close-connections")})
public sealed interface HelperRequest {

    /** The protocol version both ends must speak. */
    int VERSION = 1;

    /** The longest request line the helper reads, in bytes; longer lines are skipped and refused. */
    int MAX_REQUEST_BYTES = 4 * 1024;

    /** The first request: both ends check they speak the same version. */
    record Hello(int version) implements HelperRequest {
    }

    /** Every socket's owner, as root sees them. */
    record ResolveOwners() implements HelperRequest {
    }

    /**
     * Stop the process {@code pid} that holds {@code port}.
     *
     * @param pid     the process
     * @param started its start time as the caller saw it, in milliseconds since the epoch (guards pid reuse)
     * @param port    a port it must hold right now
     * @param force   SIGKILL at once instead of SIGTERM first
     * @param tree    stop its child processes too (never pid 1, the helper or its callers)
     * @param timeoutMillis how long to wait for a graceful stop, in milliseconds: {@link #MIN_STOP_TIMEOUT_MILLIS}
     *                to {@link #MAX_STOP_TIMEOUT_MILLIS} (the confirmation dialog's and {@code kill --timeout}'s
     *                range); the helper refuses any other value
     */
    record StopProcess(int pid, long started, int port, boolean force, boolean tree, long timeoutMillis)
            implements HelperRequest {
    }

    /** The shortest graceful-stop wait a {@link StopProcess} may ask for, in milliseconds (0.1 s). */
    long MIN_STOP_TIMEOUT_MILLIS = 100;

    /** The longest graceful-stop wait a {@link StopProcess} may ask for, in milliseconds (10 min). */
    long MAX_STOP_TIMEOUT_MILLIS = 600_000;

    /**
     * Move the holder {@code pid} of {@code port} to {@code newPort}: stop it and start its own command line, read by
     * the helper, with the port replaced, as the process's owner (root only when the holder is root's).
     */
    record MoveHolder(int pid, long started, int port, int newPort) implements HelperRequest {
    }

    /**
     * Close the established TCP connections of local port {@code port}, only the one with {@code remote}
     * ({@code ADDR:PORT}) when it is not null.
     */
    record CloseConnections(int port, String remote) implements HelperRequest {
    }
}
