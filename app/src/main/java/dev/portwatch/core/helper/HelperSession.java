package dev.portwatch.core.helper;

import java.time.Duration;

/**
 * The process actions a running privileged helper carries out for other users' processes, as the window and the
 * command line use them. {@link HelperClient} is the real one; the helper re-checks every guard itself, so a caller
 * can only ask, never decide. Calls block until the helper replied (a stop waits for the process to exit): call them
 * off the JavaFX thread.
 */
public interface HelperSession {

    /** How the helper was started: {@code pkexec} or {@code sudo}. */
    String mechanism();

    /**
     * Asks the helper to stop {@code pid}.
     *
     * @param pid     the process
     * @param started its start time as the caller saw it, in milliseconds since the epoch (guards pid reuse)
     * @param port    a port it holds in the caller's scan; the helper checks it still does in its own
     * @param force   SIGKILL at once instead of SIGTERM first
     * @param tree    stop its child processes too
     * @param timeout how long the helper waits for a graceful stop: 0.1 s to 10 min, or the helper refuses
     * @return the helper's answer; {@link HelperReply#exited()} says whether the process ended
     * @throws HelperException when the helper went away
     */
    HelperReply stop(int pid, long started, int port, boolean force, boolean tree, Duration timeout)
            throws HelperException;

    /**
     * Asks the helper to move the holder {@code pid} of {@code port} to {@code newPort}: it reads the holder's own
     * command line, environment and directory itself and restarts it as the holder's owner.
     *
     * @return the helper's answer, with the new pid when it moved
     * @throws HelperException when the helper went away
     */
    HelperReply move(int pid, long started, int port, int newPort) throws HelperException;
}
