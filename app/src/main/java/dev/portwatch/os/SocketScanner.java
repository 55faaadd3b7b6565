package dev.portwatch.os;

import dev.portwatch.model.ProcessDetails;
import dev.portwatch.model.ProcessInfo;
import dev.portwatch.model.Snapshot;

import java.util.List;
import java.util.Optional;

/**
 * The only way portwatch reads the operating system: its sockets and the processes that own them.
 *
 * <p>Implementations turn the OS's sentinels (unknown pid, vanished process) into empty optionals here, so nothing
 * above this interface sees them. Methods block on the OS: never call them on the JavaFX application thread.
 * Implementations are safe for use from one thread at a time.
 */
public interface SocketScanner {

    /**
     * Reads every TCP and UDP socket on this machine, IPv4 and IPv6, with its owning process.
     *
     * @return a snapshot of all sockets, listeners and connections alike
     * @throws ScanException when the OS could not be read; the caller keeps its previous snapshot
     */
    Snapshot scan() throws ScanException;

    /**
     * Reads one process's details (working directory, environment, executable).
     *
     * @param pid the process id
     * @return the details, or empty when no such process exists
     */
    Optional<ProcessDetails> process(int pid);

    /**
     * Whether a process is still running. A process that has exited but was not yet reaped by its parent (a zombie)
     * is not running: it holds no sockets any more, and some parents reap late.
     *
     * @param pid the process id
     * @return false when no such process exists or it has exited
     */
    default boolean isRunning(int pid) {
        return process(pid).isPresent();
    }

    /**
     * Lists the direct children of a process.
     *
     * @param pid the parent's process id
     * @return the children, possibly empty
     */
    List<ProcessInfo> children(int pid);
}
