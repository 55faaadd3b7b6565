package dev.portwatch.testing;

import dev.portwatch.model.Listener;
import dev.portwatch.model.ProcessDetails;
import dev.portwatch.model.ProcessInfo;
import dev.portwatch.model.Snapshot;
import dev.portwatch.os.ProcessReader;
import dev.portwatch.os.ScanException;
import dev.portwatch.os.SocketScanner;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scanner and process reader for tests where the OS is not the point: returns the sockets and processes a
 * test sets, and fails when told to.
 * Thread-safe.
 */
public final class FakeScanner implements SocketScanner, ProcessReader {

    private final AtomicInteger scans = new AtomicInteger();
    private final Map<Integer, ProcessDetails> processes = new HashMap<>();
    private List<Listener> listeners = List.of();
    private String failure;
    private int failEvery;

    /** Sets the sockets the next scans report. */
    public synchronized FakeScanner willReport(List<Listener> next) {
        listeners = List.copyOf(next);
        return this;
    }

    /** Makes every {@code n}-th scan (counting from 1) fail with the message; 0 never fails. */
    public synchronized FakeScanner failEvery(int n, String message) {
        failEvery = n;
        failure = message;
        return this;
    }

    /** Registers details for {@link #process(int)}. */
    public synchronized FakeScanner withProcess(ProcessDetails details) {
        processes.put(details.info().pid(), details);
        return this;
    }

    /** How many scans ran. */
    public int scans() {
        return scans.get();
    }

    @Override
    public synchronized Snapshot scan() throws ScanException {
        int count = scans.incrementAndGet();
        if (failEvery > 0 && count % failEvery == 0) {
            throw new ScanException(failure, new IOException(failure));
        }
        return new Snapshot(Instant.now(), listeners, Duration.ofMillis(1), false);
    }

    @Override
    public synchronized Optional<ProcessDetails> process(int pid) {
        return Optional.ofNullable(processes.get(pid));
    }

    @Override
    public synchronized List<ProcessInfo> children(int pid) {
        List<ProcessInfo> children = new ArrayList<>();
        for (ProcessDetails details : processes.values()) {
            if (details.info().parentPid() == pid) {
                children.add(details.info());
            }
        }
        return children;
    }

    @Override
    public synchronized boolean isRunning(int pid) {
        return processes.containsKey(pid);
    }

    @Override
    public synchronized Map<Integer, ProcessInfo> readProcesses(Collection<Integer> pids) {
        Map<Integer, ProcessInfo> read = new HashMap<>();
        for (Integer pid : pids) {
            Optional.ofNullable(processes.get(pid)).ifPresent(details -> read.put(pid, details.info()));
        }
        return read;
    }

    @Override
    public boolean isPrivileged() {
        return false;
    }
}
