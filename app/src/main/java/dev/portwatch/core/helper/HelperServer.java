package dev.portwatch.core.helper;

import dev.portwatch.core.actions.ActionException;
import dev.portwatch.core.actions.CloseOutcome;
import dev.portwatch.core.actions.CloseService;
import dev.portwatch.core.actions.FreePortFinder;
import dev.portwatch.core.actions.KillOptions;
import dev.portwatch.core.actions.KillOutcome;
import dev.portwatch.core.actions.KillService;
import dev.portwatch.core.actions.RebindOutcome;
import dev.portwatch.core.actions.RebindPlan;
import dev.portwatch.core.actions.RebindService;
import dev.portwatch.core.jsonlines.FramingException;
import dev.portwatch.core.jsonlines.JsonLines;
import dev.portwatch.model.Addresses;
import dev.portwatch.model.Endpoint;
import dev.portwatch.model.Listener;
import dev.portwatch.model.PortRange;
import dev.portwatch.model.ProcessInfo;
import dev.portwatch.model.Snapshot;
import dev.portwatch.os.ScanException;
import dev.portwatch.os.SocketScanner;
import dev.portwatch.os.TcpConnections;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The privileged end of the helper protocol: portwatch's own build, started as root through pkexec or sudo, reading
 * {@link HelperRequest}s from its standard input and answering each with one {@link HelperReply} line until the
 * input ends (the caller quit).
 *
 * <p>This is a security boundary, so it trusts nothing it is told. It accepts only the closed set of request types;
 * it re-checks every guard itself right before acting: never pid 1, never its own pid or the pid of any process
 * above it (the caller, sudo, pkexec); the process's start time must equal the one the caller saw (a reused pid is
 * refused); the process must hold the named port right now, in the helper's own scan. It never runs a shell or a
 * program named by the caller: a move restarts the holder's own command line, read by the helper, and starts it
 * as the holder's owner (through {@code setpriv}: root only when the holder is root's). Every request and its outcome
 * is appended to the audit log with the caller's uid.
 */
public final class HelperServer {

    /** Who started the helper, as the helper itself found out from the process tree. */
    public record Caller(int uid, long pid) {
    }

    private final SocketScanner scanner;
    private final Optional<TcpConnections> connections;
    private final KillService killer;
    private final RebindService rebinder;
    private final Set<Long> protectedPids;
    private final Caller caller;
    private final Path auditLog;

    /**
     * @param scanner       the helper's own scanner (it sees every owner when root)
     * @param connections   reads and closes connections; empty where the OS cannot
     * @param killer        stops processes with the usual guards (its own pid included)
     * @param rebinder      moves holders
     * @param protectedPids pids never acted on: the helper's own and every ancestor, the caller among them
     * @param caller        the caller, for the audit log
     * @param auditLog      where each request and outcome is appended
     */
    public HelperServer(SocketScanner scanner, Optional<TcpConnections> connections, KillService killer,
                        RebindService rebinder, Set<Long> protectedPids, Caller caller, Path auditLog) {
        this.scanner = Objects.requireNonNull(scanner, "scanner");
        this.connections = Objects.requireNonNull(connections, "connections");
        this.killer = Objects.requireNonNull(killer, "killer");
        this.rebinder = Objects.requireNonNull(rebinder, "rebinder");
        this.protectedPids = Set.copyOf(protectedPids);
        this.caller = Objects.requireNonNull(caller, "caller");
        this.auditLog = Objects.requireNonNull(auditLog, "auditLog");
    }

    /**
     * Serves requests until {@code in} ends. A bad line is answered with a refusal and the next line is read.
     *
     * @throws IOException when the streams fail
     */
    public void serve(InputStream in, OutputStream out) throws IOException {
        var requests = new JsonLines.Reader<>(in, HelperRequest.class, HelperRequest.MAX_REQUEST_BYTES,
                JsonLines.strictMapper());
        var replies = new JsonLines.Writer(out);
        audit("started for caller uid " + caller.uid() + " (pid " + caller.pid() + ")");
        while (true) {
            HelperReply reply;
            String what;
            boolean lostFraming = false;
            try {
                Optional<HelperRequest> request = requests.read();
                if (request.isEmpty()) {
                    audit("input ended; exiting");
                    return;
                }
                what = describe(request.get());
                reply = handle(request.get());
            } catch (FramingException e) {
                what = "malformed request";
                reply = HelperReply.refused("refused: the caller " + e.getMessage());
                // A line over the limit was not read to its end: the rest of it cannot be trusted as a message.
                lostFraming = e.getMessage().contains("longer than");
            }
            audit(what + " -> " + (reply.ok() ? "done: " : "refused: ") + reply.message());
            replies.write(reply);
            if (lostFraming) {
                audit("oversized request; exiting");
                return;
            }
        }
    }

    /** Carries out one request after validating it; never throws for anything the caller sent. */
    HelperReply handle(HelperRequest request) {
        try {
            if (request instanceof HelperRequest.Hello hello) {
                return hello(hello);
            } else if (request instanceof HelperRequest.ResolveOwners) {
                return owners();
            } else if (request instanceof HelperRequest.StopProcess stop) {
                return stop(stop);
            } else if (request instanceof HelperRequest.MoveHolder move) {
                return move(move);
            } else if (request instanceof HelperRequest.CloseConnections close) {
                return close(close);
            }
            return HelperReply.refused("unknown request");
        } catch (ActionException | ScanException e) {
            return HelperReply.refused(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return HelperReply.refused("interrupted");
        } catch (RuntimeException e) {
            return HelperReply.refused("failed: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private HelperReply hello(HelperRequest.Hello hello) {
        if (hello.version() != HelperRequest.VERSION) {
            return HelperReply.refused("protocol version " + hello.version() + " is not supported; this helper "
                    + "speaks version " + HelperRequest.VERSION);
        }
        return new HelperReply(true, "portwatch helper ready", HelperRequest.VERSION, currentUid(), null, null, null,
                null);
    }

    private HelperReply owners() throws ScanException {
        Snapshot snapshot = scanner.scan();
        List<HelperReply.Owner> owners = snapshot.listeners().stream()
                .filter(l -> l.owner().isPresent())
                .map(HelperServer::owner)
                .toList();
        return new HelperReply(true, owners.size() + " owners", null, null, owners, null, null, null);
    }

    private static HelperReply.Owner owner(Listener listener) {
        ProcessInfo p = listener.owner().orElseThrow();
        return new HelperReply.Owner(listener.protocol().label(), listener.address(), listener.port(),
                listener.remote().map(Endpoint::toString).orElse(null), p.pid(), p.name(), p.user(),
                p.commandLine(), p.arguments(), p.startTime().map(Instant::toEpochMilli).orElse(null),
                p.parentPid());
    }

    private HelperReply stop(HelperRequest.StopProcess stop) throws ActionException, InterruptedException,
            ScanException {
        if (stop.timeoutMillis() < HelperRequest.MIN_STOP_TIMEOUT_MILLIS
                || stop.timeoutMillis() > HelperRequest.MAX_STOP_TIMEOUT_MILLIS) {
            throw new ActionException("the stop timeout must be between " + HelperRequest.MIN_STOP_TIMEOUT_MILLIS
                    + " and " + HelperRequest.MAX_STOP_TIMEOUT_MILLIS + " ms (0.1 s to 10 min), not "
                    + stop.timeoutMillis() + "; refused");
        }
        ProcessInfo target = validatedHolder(stop.pid(), stop.started(), stop.port());
        if (stop.tree()) {
            // The kill service never signals pid 1 or the helper; the helper's callers must not be below the target
            // either (a caller started by the server it asks to stop would be stopped with it).
            refuseProtectedDescendants(target.pid());
        }
        var options = new KillOptions(stop.tree(), stop.force(), Duration.ofMillis(stop.timeoutMillis()), false);
        KillOutcome outcome = killer.kill(target, options, KillService.Progress.NONE);
        return new HelperReply(outcome.succeeded(), outcome.sentence(), null, null, null, null, null,
                outcome.exited());
    }

    private HelperReply move(HelperRequest.MoveHolder move) throws ActionException, InterruptedException,
            ScanException {
        checkPort(move.newPort());
        if (move.newPort() == move.port()) {
            throw new ActionException("the new port must differ from the old one");
        }
        ProcessInfo target = validatedHolder(move.pid(), move.started(), move.port());
        int ownerUid = ownerUid(target.pid());
        // The plan reads the holder's own argv, environment, directory and owner from /proc (the request names no
        // program), and the launcher runs it through setpriv as that owner: root only when the holder is root's.
        RebindPlan plan = rebinder.plan(target, move.port(), move.newPort());
        if (ownerUid < 0 || plan.command().owner().uid() != ownerUid) {
            throw new ActionException(KillOutcome.describe(target) + " changed owner while it was read; refused.");
        }
        RebindOutcome outcome = rebinder.execute(plan, new FreePortFinder(p -> false, scanner.scan()),
                RebindService.DEFAULT_START_TIMEOUT, message -> { });
        return new HelperReply(outcome.success(), outcome.sentence() + " It runs as " + plan.runsAs() + ".", null,
                null, null, outcome.newPid().isPresent() ? outcome.newPid().getAsLong() : null, null, null);
    }

    /** Refuses when a protected pid (the helper, its callers) lies below {@code pid}. */
    private void refuseProtectedDescendants(int pid) throws ActionException {
        Optional<ProcessHandle> target = ProcessHandle.of(pid);
        if (target.isPresent() && target.get().descendants().anyMatch(p -> protectedPids.contains(p.pid()))) {
            throw new ActionException("pid " + pid + " started the helper's caller; stopping its children would stop "
                    + "the caller too; refused");
        }
    }

    private HelperReply close(HelperRequest.CloseConnections close) throws ActionException, ScanException {
        checkPort(close.port());
        Optional<Endpoint> peer = Optional.empty();
        if (close.remote() != null) {
            peer = Addresses.parseEndpoint(close.remote());
            if (peer.isEmpty()) {
                throw new ActionException("remote must be ADDR:PORT with a literal address");
            }
        }
        if (connections.isEmpty()) {
            throw new ActionException("this system cannot close connections (no netlink sock_diag)");
        }
        var service = new CloseService(connections.get());
        CloseOutcome outcome = service.close(close.port(), service.matching(close.port(), peer));
        long closed = outcome.results().stream().filter(CloseOutcome.Closed::gone).count();
        return new HelperReply(outcome.allClosed(), outcome.summary(), null, null, null, null, (int) closed, null);
    }

    /**
     * The guards every process action passes, checked against the OS now: a real pid, not protected, the same start
     * time the caller saw, and holding {@code port} in the helper's own scan.
     */
    private ProcessInfo validatedHolder(int pid, long started, int port) throws ActionException, ScanException {
        if (pid <= 0) {
            throw new ActionException("pid must be positive, not " + pid);
        }
        if (pid == 1) {
            throw new ActionException("pid 1 (init) is never stopped or moved");
        }
        if (protectedPids.contains((long) pid)) {
            throw new ActionException("pid " + pid + " is the helper itself or the process that started it; refused");
        }
        checkPort(port);
        Snapshot snapshot = scanner.scan();
        ProcessInfo holder = snapshot.listeners().stream()
                .filter(l -> l.port() == port)
                .flatMap(l -> l.owner().stream())
                .filter(p -> p.pid() == pid)
                .findFirst()
                .orElseThrow(() -> new ActionException("pid " + pid + " does not hold port " + port + "; refused"));
        Optional<Long> now = holder.startTime().map(Instant::toEpochMilli);
        if (now.isEmpty() || now.get() != started) {
            throw new ActionException("pid " + pid + " is not the process the caller saw (its start time differs: "
                    + "the pid was reused); refused");
        }
        return holder;
    }

    private static void checkPort(int port) throws ActionException {
        if (port < 1 || port > PortRange.MAX_PORT) {
            throw new ActionException("port must be between 1 and " + PortRange.MAX_PORT + ", not " + port);
        }
    }

    /** The real uid of a process, from {@code /proc/PID/status}; -1 when unreadable. */
    static int ownerUid(int pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("Uid:")) {
                    return Integer.parseInt(line.substring(4).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    private static int currentUid() {
        return ownerUid((int) ProcessHandle.current().pid());
    }

    private static String describe(HelperRequest request) {
        if (request instanceof HelperRequest.Hello hello) {
            return "hello version " + hello.version();
        } else if (request instanceof HelperRequest.StopProcess s) {
            return "stop-process pid " + s.pid() + " port " + s.port() + (s.force() ? " (force)" : "")
                    + (s.tree() ? " (with its children)" : "") + " timeout " + s.timeoutMillis() + " ms";
        } else if (request instanceof HelperRequest.MoveHolder m) {
            return "move-holder pid " + m.pid() + " port " + m.port() + " -> " + m.newPort();
        } else if (request instanceof HelperRequest.CloseConnections c) {
            return "close-connections port " + c.port() + (c.remote() == null ? "" : " remote " + c.remote());
        }
        return "resolve-owners";
    }

    /** Appends one line to the audit log; a log that cannot be written is reported on stderr, never fatal. */
    private void audit(String line) {
        String entry = Instant.now() + " portwatch-helper[" + ProcessHandle.current().pid() + "] caller uid "
                + caller.uid() + ": " + line.replace('\n', ' ') + "\n";
        try {
            Files.writeString(auditLog, entry, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            System.err.print(entry);
        }
    }
}
