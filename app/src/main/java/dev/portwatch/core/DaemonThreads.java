package dev.portwatch.core;

import java.util.concurrent.ThreadFactory;

/**
 * Names portwatch's background threads and makes them daemons, so a forgotten executor never keeps the JVM alive
 * after the window closed, and a thread dump says which feature a thread works for.
 */
public final class DaemonThreads {

    private DaemonThreads() {
    }

    /** A factory for daemon threads called {@code name}, for single-thread executors. */
    public static ThreadFactory named(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
