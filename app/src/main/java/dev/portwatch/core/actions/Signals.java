package dev.portwatch.core.actions;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends stop requests to processes by pid. Separate from {@link KillService} so the guards can be checked against a
 * recording implementation: a refused kill must not reach this interface at all.
 */
public interface Signals {

    /**
     * Asks the process to stop (SIGTERM on Unix).
     *
     * @return false when the OS refused (permission denied) or the process no longer exists
     */
    boolean terminate(long pid);

    /**
     * Stops the process at once (SIGKILL on Unix).
     *
     * @return false when the OS refused (permission denied) or the process no longer exists
     */
    boolean forceKill(long pid);

    /** True while a process with this pid exists. */
    boolean isAlive(long pid);

    /**
     * Blocks the calling thread until the process exits or the timeout passes.
     *
     * @return true when the process is gone
     */
    boolean awaitExit(long pid, Duration timeout) throws InterruptedException;

    /** The real implementation, through {@link ProcessHandle}. */
    static Signals processHandles() {
        return new ProcessHandleSignals();
    }

    /** {@link Signals} through {@link ProcessHandle}: {@code destroy()} and {@code destroyForcibly()}. */
    final class ProcessHandleSignals implements Signals {

        private ProcessHandleSignals() {
        }

        @Override
        public boolean terminate(long pid) {
            return handle(pid).map(ProcessHandle::destroy).orElse(false);
        }

        @Override
        public boolean forceKill(long pid) {
            return handle(pid).map(ProcessHandle::destroyForcibly).orElse(false);
        }

        @Override
        public boolean isAlive(long pid) {
            return handle(pid).map(ProcessHandle::isAlive).orElse(false);
        }

        @Override
        public boolean awaitExit(long pid, Duration timeout) throws InterruptedException {
            Optional<ProcessHandle> handle = handle(pid);
            if (handle.isEmpty()) {
                return true;
            }
            try {
                handle.get().onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                return true;
            } catch (TimeoutException e) {
                return false;
            } catch (ExecutionException e) {
                return !handle.get().isAlive();
            }
        }

        private static Optional<ProcessHandle> handle(long pid) {
            return ProcessHandle.of(pid);
        }
    }
}
