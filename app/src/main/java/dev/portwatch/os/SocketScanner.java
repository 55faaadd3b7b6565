package dev.portwatch.os;

import dev.portwatch.model.Snapshot;

/**
 * Reads the operating system's sockets and the processes that own them, one scan at a time. Implementations keep
 * caches between scans (that is what makes a scan in which nothing changed cheap), so each instance belongs to one
 * thread; process reads that need no such state go through the shared, thread-safe {@link ProcessReader}.
 *
 * <p>Implementations turn the OS's sentinels (unknown pid, vanished process) into empty optionals here, so nothing
 * above this interface sees them. {@link #scan()} blocks on the OS: never call it on the JavaFX application thread.
 */
public interface SocketScanner {

    /**
     * Reads every TCP and UDP socket on this machine, IPv4 and IPv6, with its owning process.
     *
     * @return a snapshot of all sockets, listeners and connections alike
     * @throws ScanException when the OS could not be read; the caller keeps its previous snapshot
     */
    Snapshot scan() throws ScanException;
}
