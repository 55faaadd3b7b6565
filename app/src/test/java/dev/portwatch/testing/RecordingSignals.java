package dev.portwatch.testing;

import dev.portwatch.core.actions.Signals;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The real signals, recording every stop request so tests can prove a refused kill sent none; optionally a process
 * that ignores the graceful request, or an OS that refuses it.
 */
public class RecordingSignals implements Signals {

    private final Signals real = Signals.processHandles();
    private final List<String> sent = new CopyOnWriteArrayList<>();
    private final boolean ignoreTerm;
    private final boolean refuseTerm;

    /** Passes every request on to the real signals. */
    public RecordingSignals() {
        this(false, false);
    }

    /**
     * @param ignoreTerm record a graceful request and report it sent, without sending it (a process that ignores it)
     * @param refuseTerm record a graceful request and report it refused, without sending it
     */
    public RecordingSignals(boolean ignoreTerm, boolean refuseTerm) {
        this.ignoreTerm = ignoreTerm;
        this.refuseTerm = refuseTerm;
    }

    /** The requests sent so far, as {@code TERM 123} or {@code KILL 123}. */
    public List<String> sent() {
        return List.copyOf(sent);
    }

    @Override
    public boolean terminate(long pid) {
        sent.add("TERM " + pid);
        if (refuseTerm) {
            return false;
        }
        return ignoreTerm || real.terminate(pid);
    }

    @Override
    public boolean forceKill(long pid) {
        sent.add("KILL " + pid);
        return real.forceKill(pid);
    }

    @Override
    public boolean isAlive(long pid) {
        return real.isAlive(pid);
    }

    @Override
    public boolean awaitExit(long pid, Duration timeout) throws InterruptedException {
        return real.awaitExit(pid, timeout);
    }
}
