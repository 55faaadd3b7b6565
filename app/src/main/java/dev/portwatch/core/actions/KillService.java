package dev.portwatch.core.actions;

import dev.portwatch.core.watch.PortHolders;
import dev.portwatch.model.Listener;
import dev.portwatch.model.ProcessDetails;
import dev.portwatch.model.ProcessInfo;
import dev.portwatch.model.Snapshot;
import dev.portwatch.os.OsFamily;
import dev.portwatch.os.ProcessReader;
import dev.portwatch.os.ScanException;
import dev.portwatch.os.SocketScanner;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Stops the process holding a port, safely: guards first, graceful request, bounded wait, optional force, and a
 * rescan to say whether the port is free.
 *
 * <p>Guards, checked before any signal: never pid 1, never portwatch's own pid, never a pid the OS does not know,
 * and never a process whose start time differs from the scanned one (the pid was reused since the scan).
 *
 * <p>Every method blocks on the OS and, for {@link #kill}, waits up to the timeout: call it on a background
 * executor, never on the JavaFX thread. Not thread-safe: one action at a time per instance (the scanner is not
 * thread-safe either).
 */
public final class KillService {

    private static final Duration PROGRESS_STEP = Duration.ofMillis(50);
    private static final Duration FORCE_WAIT = Duration.ofSeconds(5);
    private static final Duration VERDICT_SETTLE = Duration.ofSeconds(1);

    /** Receives the wait's progress, on the thread running the kill. */
    @FunctionalInterface
    public interface Progress {
        /**
         * @param elapsed how long portwatch has waited so far
         * @param timeout how long it will wait at most
         */
        void waiting(Duration elapsed, Duration timeout);

        /** Ignores progress. */
        Progress NONE = (elapsed, timeout) -> { };
    }

    private final SocketScanner scanner;
    private final ProcessReader processes;
    private final Signals signals;
    private final long ownPid;
    private final boolean windows = OsFamily.current() == OsFamily.WINDOWS;

    /** A service for this machine: real signals, guarding this JVM's pid. */
    public KillService(SocketScanner scanner, ProcessReader processes) {
        this(scanner, processes, Signals.processHandles(), ProcessHandle.current().pid());
    }

    /**
     * @param scanner   reads the sockets (the rescan); used only by the thread that runs this service's actions
     * @param processes reads processes (start time, children, liveness)
     * @param signals sends the stop requests
     * @param ownPid  the pid never to signal besides 1 (portwatch's own)
     */
    public KillService(SocketScanner scanner, ProcessReader processes, Signals signals, long ownPid) {
        this.scanner = Objects.requireNonNull(scanner, "scanner");
        this.processes = Objects.requireNonNull(processes, "processes");
        this.signals = Objects.requireNonNull(signals, "signals");
        this.ownPid = ownPid;
    }

    /** The scanner this service reads the sockets with. */
    public SocketScanner scanner() {
        return scanner;
    }

    /** The reader this service reads processes with. */
    public ProcessReader processes() {
        return processes;
    }

    /**
     * The known owners of the sockets that hold exactly this port (never a port that merely contains these digits),
     * in scan order, one entry per pid: listeners, and connections that outlived their listener (a JDWP agent with
     * a debugger attached); see {@link PortHolders}.
     */
    public static List<ProcessInfo> holders(Snapshot snapshot, int port) {
        Map<Integer, ProcessInfo> byPid = new LinkedHashMap<>();
        for (Listener holder : listenersOn(snapshot, port)) {
            holder.owner().ifPresent(owner -> byPid.putIfAbsent(owner.pid(), owner));
        }
        return List.copyOf(byPid.values());
    }

    /**
     * The sockets that hold exactly this port, whoever owns them (unknown owners included): listeners, and
     * connections whose process no longer listens there. Closed connections lingering in TIME_WAIT are not.
     */
    public static List<Listener> listenersOn(Snapshot snapshot, int port) {
        return PortHolders.holding(snapshot, port);
    }

    /**
     * The sockets a process holds ports with, in scan order: its listeners, and its connections that hold a port it
     * no longer listens on and {@linkplain PortHolders#looksAccepted look accepted} (its outgoing connections'
     * ephemeral ports are not "its ports").
     */
    public static List<Listener> socketsOf(Snapshot snapshot, int pid) {
        return PortHolders.holding(snapshot, l -> l.pid().orElse(0) == pid).stream()
                .filter(l -> l.state().isListening() || PortHolders.looksAccepted(l))
                .toList();
    }

    /**
     * Checks the guards against the process as it is now, without signalling anything.
     *
     * @param scanned the process as a scan saw it
     * @return the process's details read now
     * @throws ActionException naming the guard that refused
     */
    public ProcessDetails verify(ProcessInfo scanned) throws ActionException {
        int pid = scanned.pid();
        refuseProtected(pid);
        ProcessDetails now = processes.process(pid)
                .orElseThrow(() -> new ActionException("pid " + pid + " is not running any more; refresh."));
        if (scanned.startTime().isEmpty()) {
            throw new ActionException("portwatch can't read when pid " + pid
                    + " started, so it can't rule out a reused pid; stop it by hand.");
        }
        if (!scanned.startTime().equals(now.info().startTime())) {
            throw new ActionException("The process changed since the scan (pid " + pid
                    + " was reused); refresh.");
        }
        return now;
    }

    /**
     * The other processes holding one of this process's listening sockets (shared across {@code fork}), which a kill
     * must stop too for the port to be free; never pid 1 or portwatch itself (those keep the port, and the verdict
     * says so).
     *
     * @param process the process to stop
     * @return the sharers as they are now, ascending by pid
     */
    public List<ProcessInfo> sharers(ProcessInfo process) {
        List<ProcessInfo> found = new ArrayList<>();
        for (int pid : processes.socketSharers(process.pid())) {
            if (pid != 1 && pid != ownPid) {
                processes.process(pid).map(ProcessDetails::info).ifPresent(found::add);
            }
        }
        return List.copyOf(found);
    }

    /**
     * Stops a process: checks the guards, reads its children (when included) and ports, sends the graceful
     * request (or the forced one) to it and to every process sharing its listening sockets ({@link #sharers}), waits
     * up to the timeout, then forces or reports, and rescans until the verdict names live holders only.
     *
     * @param scanned  the process as a scan saw it; its start time guards against pid reuse
     * @param options  children, force, timeout
     * @param progress told about the wait every 50 ms, on this thread
     * @return what happened, checked by a rescan
     * @throws PermissionDeniedException when the OS refused the signal; nothing was signalled
     * @throws ActionException           when a guard refused (nothing was signalled) or the rescan failed
     * @throws InterruptedException      when the waiting thread was interrupted
     */
    public KillOutcome kill(ProcessInfo scanned, KillOptions options, Progress progress)
            throws ActionException, InterruptedException {
        refuseProtected(scanned.pid());
        List<ProcessInfo> children = options.includeChildren() ? descendants(scanned.pid()) : List.of();
        List<ProcessInfo> sharers = new ArrayList<>(sharers(scanned));
        sharers.removeIf(s -> children.stream().anyMatch(c -> c.pid() == s.pid()));
        Snapshot before = rescan();
        // The guards last, right before the signal, so the start time compared is as fresh as it can be.
        verify(scanned);
        Set<Integer> ports = new TreeSet<>();
        List<Long> targets = new ArrayList<>();
        // Children first: a parent that dies first may take them down unpredictably, or they get re-parented.
        for (ProcessInfo child : children) {
            targets.add((long) child.pid());
            socketsOf(before, child.pid()).forEach(l -> ports.add(l.port()));
        }
        // Processes sharing the socket (a forked parent or child): the port is free only once all of them are gone.
        for (ProcessInfo sharer : sharers) {
            targets.add((long) sharer.pid());
            socketsOf(before, sharer.pid()).forEach(l -> ports.add(l.port()));
        }
        targets.add((long) scanned.pid());
        socketsOf(before, scanned.pid()).forEach(l -> ports.add(l.port()));

        boolean forced = options.forceNow();
        signalAll(targets, forced, scanned.pid());
        long start = System.nanoTime();
        boolean exited = awaitAll(targets, options.timeout(), progress, start);
        if (!exited && !forced && options.forceAfterTimeout()) {
            forced = true;
            signalAll(targets, true, scanned.pid());
            exited = awaitAll(targets, FORCE_WAIT, Progress.NONE, System.nanoTime());
        }
        Duration waited = Duration.ofNanos(System.nanoTime() - start);
        List<Listener> stillHeld = exited ? stillHeld(ports, targets) : List.of();
        return new KillOutcome(scanned, exited, forced, waited, List.copyOf(ports), stillHeld, children, sharers);
    }

    /**
     * The listening sockets left on the ports, by live holders only: a socket the rescan still credits to a stopped
     * target or to a process that is no longer running (a zombie, a stale cache entry) is looked at again, for up to
     * a second, until the kernel has closed it or named its live holder.
     */
    private List<Listener> stillHeld(Set<Integer> ports, List<Long> targets) throws ActionException,
            InterruptedException {
        long deadline = System.nanoTime() + VERDICT_SETTLE.toNanos();
        while (true) {
            Snapshot after = rescan();
            List<Listener> held = new ArrayList<>();
            for (int port : ports) {
                held.addAll(listenersOn(after, port));
            }
            // An ownerless socket is looked at again too: while a multi-threaded target's other threads close its
            // descriptors, its sockets belong to no descriptor table portwatch can find.
            boolean settled = held.stream().allMatch(l -> l.pid().isPresent()
                    && !targets.contains((long) l.pid().getAsInt()) && processes.isRunning(l.pid().getAsInt()));
            if (settled || System.nanoTime() > deadline) {
                // Still credited to a dead process after the wait: the socket is there, its live holder unknown.
                return held.stream().map(l -> l.pid().isEmpty() || processes.isRunning(l.pid().getAsInt()) ? l
                        : new Listener(l.protocol(), l.ipVersion(), l.local(), l.remote(), l.state(),
                                Optional.empty())).toList();
            }
            Thread.sleep(PROGRESS_STEP.toMillis());
        }
    }

    private void refuseProtected(int pid) throws ProtectedProcessException {
        if (pid == 1) {
            throw new ProtectedProcessException("portwatch never stops pid 1, the system's init process.");
        }
        if (pid == ownPid) {
            throw new ProtectedProcessException("pid " + pid + " is portwatch itself; close the window instead.");
        }
    }

    /** Reads the whole tree below a process, deepest first, never including pid 1 or portwatch itself. */
    private List<ProcessInfo> descendants(int pid) {
        List<ProcessInfo> found = new ArrayList<>();
        collect(pid, found, 0);
        return found;
    }

    private void collect(int pid, List<ProcessInfo> found, int depth) {
        if (depth > 32) {
            return;
        }
        for (ProcessInfo child : processes.children(pid)) {
            if (child.pid() != 1 && child.pid() != ownPid && child.pid() != pid) {
                collect(child.pid(), found, depth + 1);
                found.add(child);
            }
        }
    }

    private void signalAll(List<Long> targets, boolean force, int mainPid) throws PermissionDeniedException {
        for (long pid : targets) {
            boolean requested = force ? signals.forceKill(pid) : signals.terminate(pid);
            // A refused request for a process that still exists is a permission problem; one that vanished is fine.
            if (!requested && signals.isAlive(pid) && pid == mainPid) {
                throw new PermissionDeniedException(pid, elevatedCommand(pid, force));
            }
        }
    }

    private boolean awaitAll(List<Long> targets, Duration timeout, Progress progress, long start)
            throws InterruptedException {
        long deadline = start + timeout.toNanos();
        for (long pid : targets) {
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    if (!exited(pid, Duration.ZERO)) {
                        return false;
                    }
                    break;
                }
                Duration slice = Duration.ofNanos(Math.min(left, PROGRESS_STEP.toNanos()));
                if (exited(pid, slice)) {
                    break;
                }
                progress.waiting(Duration.ofNanos(System.nanoTime() - start), timeout);
            }
        }
        return true;
    }

    /**
     * Waits up to the slice for the process to end. A zombie counts as ended: it holds no sockets, and a parent
     * that reaps late (an init that is not a real init, a busy shell) would otherwise hold up the result.
     */
    private boolean exited(long pid, Duration slice) throws InterruptedException {
        return signals.awaitExit(pid, slice) || !processes.isRunning((int) pid);
    }

    private Snapshot rescan() throws ActionException {
        try {
            return scanner.scan();
        } catch (ScanException e) {
            throw new ActionException("Could not rescan the sockets: " + e.getMessage(), e);
        }
    }

    private String elevatedCommand(long pid, boolean force) {
        if (windows) {
            return "taskkill /PID " + pid + (force ? " /F" : "") + " (from an administrator prompt)";
        }
        return "sudo kill -" + (force ? "KILL" : "TERM") + " " + pid;
    }
}
