package dev.portwatch.os;

import dev.portwatch.model.ExactCommand;
import dev.portwatch.model.ProcessDetails;
import dev.portwatch.model.ProcessInfo;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads processes: the details pane, kill and rebind use it, and the scanners use it for sockets' owners. Unlike a
 * {@link SocketScanner} it keeps no state between calls, so one instance is shared by the whole application.
 *
 * <p>Implementations turn the OS's sentinels (unknown pid, vanished process) into empty optionals here. Methods
 * block on the OS: never call them on the JavaFX application thread. Implementations are thread-safe.
 */
public interface ProcessReader {

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
    boolean isRunning(int pid);

    /**
     * Lists the direct children of a process.
     *
     * @param pid the parent's process id
     * @return the children, possibly empty
     */
    List<ProcessInfo> children(int pid);

    /**
     * Reads several processes in one batched call: the owners of a scan's sockets.
     *
     * @param pids the process ids to read
     * @return what could be read, by pid; processes that vanished are missing, never null
     */
    Map<Integer, ProcessInfo> readProcesses(Collection<Integer> pids);

    /**
     * Reads a process's exact command (argument vector and environment byte for byte, working directory, owner), to
     * start it again. Only Linux can: elsewhere the argument vector the OS reports may have lost empty arguments and
     * bytes, so this refuses rather than guess.
     *
     * @param pid the process id
     * @param who how to name the process in a sentence, {@code node (pid 12)}
     * @throws ExactCommandException saying why the exact command can't be read
     */
    default ExactCommand exactCommand(int pid, String who) throws ExactCommandException {
        throw new ExactCommandException("portwatch can restart " + who + " only on Linux, where it can read the "
                + "exact command line; restart it by hand.");
    }

    /**
     * The other processes holding one of this process's listening sockets: after {@code fork} a parent and its
     * children share one socket, and the port is free only once every one of them closed it. Zombies (exited, not
     * yet reaped) hold nothing and are never listed.
     *
     * @param pid the process id
     * @return the sharers' pids, ascending; empty where the OS can't tell (only Linux can)
     */
    default Set<Integer> socketSharers(int pid) {
        return Set.of();
    }

    /** Whether this process may see every process's sockets (root on Unix); false when the OS cannot tell. */
    boolean isPrivileged();
}
