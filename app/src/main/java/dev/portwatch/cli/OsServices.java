package dev.portwatch.cli;

import dev.portwatch.os.DockerContainers;
import dev.portwatch.os.ProcessReader;
import dev.portwatch.os.SocketScanner;
import dev.portwatch.os.TcpConnections;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The OS services a command-line run may use, made by the entry point's wiring ({@code Main}) and opened on first
 * use, so that a subcommand that needs no socket table opens no netlink socket.
 *
 * @param scanner     makes the run's socket scanner
 * @param processes   gives the JVM's one shared, thread-safe process reader
 * @param connections opens the TCP connection reader and closer; empty where the OS has none (off Linux)
 * @param docker      makes the docker client that names the containers behind docker-proxy sockets
 * @param fullScanner makes OSHI's full scanner (every connection, then owners), the reference {@code bench} times
 *                    the run's scanner against
 */
public record OsServices(Supplier<SocketScanner> scanner, Supplier<ProcessReader> processes,
                         Supplier<Optional<TcpConnections>> connections, Supplier<DockerContainers> docker,
                         Supplier<SocketScanner> fullScanner) {

    /** Checks that every service has a maker. */
    public OsServices {
        Objects.requireNonNull(scanner, "scanner");
        Objects.requireNonNull(processes, "processes");
        Objects.requireNonNull(connections, "connections");
        Objects.requireNonNull(docker, "docker");
        Objects.requireNonNull(fullScanner, "fullScanner");
    }
}
