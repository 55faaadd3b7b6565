package dev.portwatch.core.actions;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The real signals, recording every stop request so tests can prove a refused kill sent none. */
class RecordingSignals implements Signals {

    private final Signals real = Signals.processHandles();
    private final List<String> sent = new CopyOnWriteArrayList<>();

    /** The requests sent so far, as {@code TERM 123} or {@code KILL 123}. */
    List<String> sent() {
        return List.copyOf(sent);
    }

    @Override
    public boolean terminate(long pid) {
        sent.add("TERM " + pid);
        return real.terminate(pid);
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
