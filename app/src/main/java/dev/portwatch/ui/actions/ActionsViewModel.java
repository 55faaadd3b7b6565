package dev.portwatch.ui.actions;

import dev.portwatch.core.actions.ActionException;
import dev.portwatch.core.actions.CloseOutcome;
import dev.portwatch.core.actions.CloseService;
import dev.portwatch.core.actions.FreePortFinder;
import dev.portwatch.core.actions.KillOptions;
import dev.portwatch.core.actions.KillOutcome;
import dev.portwatch.core.actions.KillService;
import dev.portwatch.core.actions.NewPortTakenException;
import dev.portwatch.core.actions.PermissionDeniedException;
import dev.portwatch.core.actions.PortNotInCommandException;
import dev.portwatch.core.actions.RebindPlan;
import dev.portwatch.core.actions.RebindService;
import dev.portwatch.core.helper.HelperReply;
import dev.portwatch.core.helper.HelperSession;
import dev.portwatch.core.watch.AcceptedConnections;
import dev.portwatch.core.watch.PortHolders;
import dev.portwatch.model.Endpoint;
import dev.portwatch.model.Listener;
import dev.portwatch.model.OwnerSource;
import dev.portwatch.model.PortRange;
import dev.portwatch.model.ProcessInfo;
import dev.portwatch.model.Protocol;
import dev.portwatch.model.Snapshot;
import dev.portwatch.model.SocketState;
import dev.portwatch.model.TcpConnection;
import dev.portwatch.os.ScanException;
import dev.portwatch.os.TcpConnections;
import dev.portwatch.ui.actions.ActionPrompts.Severity;
import dev.portwatch.ui.detail.ConnectionCommands;
import dev.portwatch.ui.tasks.UiTasks;
import dev.portwatch.ui.vm.WatchViewModel;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.IntPredicate;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The kill, move (rebind), close-connection, disconnect-debugger and free-port flows of the window, without
 * controls: OS work runs through {@link UiTasks}, every question and answer through {@link ActionPrompts}. Public
 * methods belong to the JavaFX thread.
 *
 * <p>Another user's process (an owner the privileged helper revealed, or one whose signal the OS refused) is stopped
 * or moved through the helper after the same confirmation; without a helper session the refusal offers Show all
 * owners or the equivalent {@code portwatch … --elevate} command.
 */
public final class ActionsViewModel {

    private static final Logger LOG = Logger.getLogger(ActionsViewModel.class.getName());
    private static final int DEFAULT_FREE_PORT_START = 8000;

    private final KillService killer;
    private final RebindService rebinder;
    private final UiTasks tasks;
    private final ActionPrompts prompts;
    private final Supplier<Snapshot> snapshot;
    private final Runnable rescan;
    private final List<PortAction> actions;
    private final Optional<CloseService> closer;
    private final Supplier<Optional<ElevatedClose>> elevated;
    private Supplier<IntPredicate> excludedPorts = () -> port -> false;
    private Supplier<Optional<HelperSession>> helper = Optional::empty;
    private Optional<Runnable> showAllOwners = Optional.empty();

    /**
     * @param killer   stops processes; used only on {@code tasks}' background thread
     * @param rebinder moves servers; used only on {@code tasks}' background thread
     * @param tasks    runs OS work off the JavaFX thread
     * @param prompts  asks and tells the user
     * @param snapshot the last scan, read on the JavaFX thread
     * @param rescan   asks for a scan now, after an action changed something
     */
    public ActionsViewModel(KillService killer, RebindService rebinder, UiTasks tasks, ActionPrompts prompts,
                            Supplier<Snapshot> snapshot, Runnable rescan) {
        this(killer, rebinder, tasks, prompts, snapshot, rescan, Optional.empty(), Optional::empty);
    }

    /**
     * @param killer   stops processes; used only on {@code tasks}' background thread
     * @param rebinder moves servers; used only on {@code tasks}' background thread
     * @param tasks    runs OS work off the JavaFX thread
     * @param prompts  asks and tells the user
     * @param snapshot the last scan, read on the JavaFX thread
     * @param rescan   asks for a scan now, after an action changed something
     * @param closer   closes connections (SOCK_DESTROY) on {@code tasks}' background thread; empty where this
     *                 system cannot, which disables Close connections and Disconnect debugger
     * @param elevated the privileged helper session when one runs (Show all owners), asked on the JavaFX thread
     *                 when closing needs rights the user lacks
     */
    public ActionsViewModel(KillService killer, RebindService rebinder, UiTasks tasks, ActionPrompts prompts,
                            Supplier<Snapshot> snapshot, Runnable rescan, Optional<CloseService> closer,
                            Supplier<Optional<ElevatedClose>> elevated) {
        this.closer = Objects.requireNonNull(closer, "closer");
        this.elevated = Objects.requireNonNull(elevated, "elevated");
        this.killer = Objects.requireNonNull(killer, "killer");
        this.rebinder = Objects.requireNonNull(rebinder, "rebinder");
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        this.prompts = Objects.requireNonNull(prompts, "prompts");
        this.snapshot = Objects.requireNonNull(snapshot, "snapshot");
        this.rescan = Objects.requireNonNull(rescan, "rescan");
        this.actions = List.of(
                new PortAction("kill", "Kill…", "Stop the selected port's holder", ActionsViewModel::actionable,
                        this::kill),
                new PortAction("move", "Move to another port…", "Move the selected port's holder to another port",
                        ActionsViewModel::actionable, this::rebind),
                new PortAction("closeConnections", "Close connections…",
                        "Close the selected listener's connections; the listener keeps listening",
                        socket -> closer.isPresent() && isTcpListener(socket), this::closeAllConnections),
                new PortAction("disconnectDebugger", "Disconnect debugger…",
                        "Close a debugger's connection to a JVM; the JVM keeps running and listens again",
                        socket -> closer.isPresent() && PortHolders.isDebuggerSession(socket),
                        this::disconnectDebugger));
    }

    /** The actions on a socket, in menu order. */
    public List<PortAction> actions() {
        return actions;
    }

    /**
     * Ports never suggested as free, for example the watched ports. The supplier is asked on the JavaFX thread when
     * an action starts; the predicate it returns is then used on the background thread, so it must not read live
     * JavaFX state.
     */
    public void setExcludedPorts(Supplier<IntPredicate> excluded) {
        this.excludedPorts = Objects.requireNonNull(excluded, "excluded");
    }

    /**
     * The privileged helper, once Show all owners started it; other users' processes are stopped and moved through
     * it. Both are used on the JavaFX thread; the session's calls run on the background thread.
     *
     * @param session       the running helper session, empty before Show all owners (or after it ended)
     * @param showAllOwners starts it, offered when an action needs it and there is none
     */
    public void useHelper(Supplier<Optional<HelperSession>> session, Runnable showAllOwners) {
        this.helper = Objects.requireNonNull(session, "session");
        this.showAllOwners = Optional.of(showAllOwners);
    }

    /** Never suggests a port the watch list watches (saved or for this run). */
    public void excludeWatchedPorts(WatchViewModel watch) {
        setExcludedPorts(() -> {
            List<PortRange> watched = watch.statuses().stream().map(s -> s.rule().ports()).distinct().toList();
            return port -> watched.stream().anyMatch(range -> range.contains(port));
        });
    }

    /**
     * Asks to stop the holder of a socket, then stops it in the background (through the privileged helper when it is
     * another user's), offers to force it when it did not stop, and reports the verdict of a rescan.
     */
    public void kill(Listener socket) {
        Optional<ProcessInfo> owner = socket.owner();
        if (owner.isEmpty()) {
            needsHelper("Can't stop the holder of " + socket.port(), "portwatch can't see which process holds it"
                    + socket.socketUser().map(u -> ": it is " + u.name() + "'s").orElse("") + ".",
                    "portwatch kill " + socket.port() + " --elevate");
            return;
        }
        ProcessInfo process = owner.get();
        var children = new CompletableFuture<List<ProcessInfo>>();
        tasks.run(() -> killer.processes().children(process.pid()), children::complete,
                children::completeExceptionally);
        var sharers = new CompletableFuture<List<ProcessInfo>>();
        tasks.run(() -> killer.sharers(process), sharers::complete, sharers::completeExceptionally);
        boolean revealed = socket.ownerSource() == OwnerSource.HELPER;
        prompts.confirmKill(process, KillService.socketsOf(snapshot.get(), process.pid()), children, sharers)
                .ifPresent(options -> {
                    if (revealed) {
                        stopThroughHelper(process, socket.port(), options);
                    } else {
                        stop(process, socket.port(), options);
                    }
                });
    }

    private void stop(ProcessInfo process, int port, KillOptions options) {
        ActionPrompts.Progress wait = prompts.progress("Stopping " + KillOutcome.describe(process), options.forceNow()
                ? "Forcing it to stop…"
                : "Asked it to stop; waiting up to " + options.timeout().toSeconds() + " s…");
        tasks.run(() -> killer.kill(process, options, (elapsed, timeout) -> tasks.onFx(() ->
                        wait.fraction((double) elapsed.toMillis() / timeout.toMillis()))),
                outcome -> {
                    wait.close();
                    if (!outcome.exited()) {
                        if (prompts.offerForce(process, outcome.sentence())) {
                            stop(process, port, options.forced());
                        }
                    } else {
                        prompts.inform(outcome.succeeded() ? Severity.INFO : Severity.WARNING,
                                KillOutcome.describe(process) + " stopped", outcome.sentence());
                    }
                    rescan.run();
                },
                error -> {
                    wait.close();
                    if (error instanceof PermissionDeniedException && helper.get().isPresent()) {
                        // Another user's process the scan could see: the helper may stop it.
                        stopThroughHelper(process, port, options);
                    } else if (error instanceof PermissionDeniedException) {
                        needsHelper("Could not stop " + KillOutcome.describe(process), "The OS refused to signal "
                                + KillOutcome.describe(process) + (process.user().isEmpty() ? ""
                                : ", " + process.user() + "'s process") + "; nothing was sent.",
                                "portwatch kill --pid " + process.pid() + " --elevate");
                    } else {
                        fail("Could not stop " + KillOutcome.describe(process), error);
                    }
                    rescan.run();
                });
    }

    /**
     * Another user's process: the helper checks every guard again itself (pid 1, itself and its callers, the start
     * time, that the pid holds the port in its own scan), stops it, and answers with its own rescan's verdict.
     */
    private void stopThroughHelper(ProcessInfo process, int port, KillOptions options) {
        String who = KillOutcome.describe(process);
        Optional<HelperSession> session = helper.get();
        if (session.isEmpty()) {
            needsHelper("Can't stop " + who, who + " belongs to " + (process.user().isEmpty() ? "another user"
                    : process.user()) + ", and portwatch's privileged helper is not running any more.",
                    "portwatch kill --pid " + process.pid() + " --elevate");
            return;
        }
        if (process.startTime().isEmpty()) {
            prompts.inform(Severity.WARNING, "Can't stop " + who, "Its start time is unknown, so a reused pid can't "
                    + "be ruled out; portwatch's privileged helper refuses it.");
            return;
        }
        long started = process.startTime().get().toEpochMilli();
        ActionPrompts.Progress wait = prompts.progress("Stopping " + who, "Asked portwatch's privileged helper ("
                + session.get().mechanism() + ") to " + (options.forceNow() ? "force it to stop…" : "stop it…"));
        tasks.run(() -> session.get().stop(process.pid(), started, port, options.forceNow(),
                        options.includeChildren()),
                (HelperReply reply) -> {
                    wait.close();
                    if (Boolean.FALSE.equals(reply.exited()) && !options.forceNow()) {
                        if (prompts.offerForce(process, reply.message())) {
                            stopThroughHelper(process, port, options.forced());
                        }
                    } else if (reply.ok()) {
                        prompts.inform(Severity.INFO, who + " stopped", reply.message());
                    } else {
                        prompts.inform(Severity.WARNING, who + (reply.exited() == null ? " not stopped" : " stopped"),
                                reply.message());
                    }
                    rescan.run();
                },
                error -> {
                    wait.close();
                    fail("Could not stop " + who, error);
                    rescan.run();
                });
    }

    /** Offers Show all owners (when the window has it) or the command that does the same through the helper. */
    private void needsHelper(String header, String message, String command) {
        switch (prompts.offerElevation(header, message + (showAllOwners.isPresent() ? " Show all owners starts "
                + "portwatch's privileged helper, which can act on it; or run:" : " Run:"), command)) {
            case SHOW_ALL_OWNERS -> showAllOwners.ifPresent(Runnable::run);
            case COPY_COMMAND -> prompts.copy(command);
            case CLOSE -> { }
        }
    }

    /**
     * Plans moving the holder of a socket to the nearest free port above it, asks (or, when the port is not in its
     * command line, offers to copy a free port), then moves it in the background.
     */
    public void rebind(Listener socket) {
        Optional<ProcessInfo> owner = socket.owner();
        if (owner.isEmpty()) {
            needsHelper("Can't move the holder of " + socket.port(), "portwatch can't see which process holds it"
                    + socket.socketUser().map(u -> ": it is " + u.name() + "'s").orElse("") + ".",
                    "portwatch rebind " + socket.port() + " --elevate");
            return;
        }
        ProcessInfo process = owner.get();
        int port = socket.port();
        IntPredicate excluded = excludedPorts.get();
        Snapshot scanned = snapshot.get();
        String cannot = "Can't move " + KillOutcome.describe(process);
        boolean revealed = socket.ownerSource() == OwnerSource.HELPER;
        tasks.run(() -> new FreePortFinder(excluded, scanned).nearestAbove(port), (OptionalInt free) -> {
            if (free.isEmpty()) {
                fail(cannot, new ActionException("No free port above " + port + "."));
                return;
            }
            if (revealed) {
                moveThroughHelper(process, port, free.getAsInt());
                return;
            }
            tasks.run(() -> rebinder.plan(process, port, free.getAsInt()),
                    plan -> confirmRebind(plan, excluded, Optional.empty()),
                    error -> {
                        if (error instanceof PortNotInCommandException notFound) {
                            if (prompts.offerFreePort(notFound.getMessage(), free.getAsInt())) {
                                prompts.copy(String.valueOf(free.getAsInt()));
                            }
                        } else {
                            fail(cannot, error);
                        }
                    });
        }, error -> fail(cannot, error));
    }

    /**
     * Asks to confirm the move, checking the new port as typed against the latest scan and the watched ports, and
     * once more (binding it) when Move is clicked; then moves the holder in the background.
     *
     * @param refused a new port refused after the dialog closed (taken in the moment between the check and the
     *                move): the dialog opens again with that port and the reason
     */
    private void confirmRebind(RebindPlan suggested, IntPredicate excluded, Optional<NewPortTakenException> refused) {
        NewPortCheck check = new NewPortCheck() {
            @Override
            public Optional<String> problem(int port) {
                return refused.filter(r -> r.port() == port).map(Throwable::getMessage)
                        .or(() -> new FreePortFinder(excluded, snapshot.get()).knownUse(port));
            }

            @Override
            public void probe(int port, Consumer<Optional<String>> onFx) {
                Snapshot scanned = snapshot.get();
                tasks.run(() -> new FreePortFinder(excluded, scanned).whyNotFree(port), onFx,
                        error -> onFx.accept(Optional.of("Could not check " + port + ": " + error.getMessage())));
            }
        };
        prompts.confirmRebind(suggested, check).ifPresent(plan -> {
            ActionPrompts.Progress wait = prompts.progress("Moving " + KillOutcome.describe(plan.process()) + " to "
                    + plan.newPort(), "Checking " + plan.newPort() + "…");
            Snapshot scanned = snapshot.get();
            tasks.run(() -> rebinder.execute(plan, new FreePortFinder(excluded, scanned),
                            RebindService.DEFAULT_START_TIMEOUT, step -> tasks.onFx(() -> wait.step(step))),
                    outcome -> {
                        wait.close();
                        prompts.showRebound(outcome);
                        rescan.run();
                    },
                    error -> {
                        wait.close();
                        if (error instanceof NewPortTakenException taken) {
                            // Nothing was stopped: back to the dialog with what the user typed and why it failed.
                            confirmRebind(plan, excluded, Optional.of(taken));
                        } else {
                            fail("Could not move " + KillOutcome.describe(plan.process()), error);
                        }
                        rescan.run();
                    });
        });
    }

    /**
     * Another user's process: this user can't read its environment, so the helper plans the move itself (its own
     * command line, environment and directory, read from the OS) and restarts it as its owner.
     */
    private void moveThroughHelper(ProcessInfo process, int port, int suggested) {
        String who = KillOutcome.describe(process);
        Optional<HelperSession> session = helper.get();
        if (session.isEmpty()) {
            needsHelper("Can't move " + who, who + " belongs to " + (process.user().isEmpty() ? "another user"
                    : process.user()) + ", and portwatch's privileged helper is not running any more.",
                    "portwatch rebind " + port + " --elevate");
            return;
        }
        if (process.startTime().isEmpty()) {
            prompts.inform(Severity.WARNING, "Can't move " + who, "Its start time is unknown, so a reused pid can't "
                    + "be ruled out; portwatch's privileged helper refuses it.");
            return;
        }
        Optional<String> answer = prompts.confirmElevatedMove(process, port, suggested, session.get().mechanism());
        if (answer.isEmpty()) {
            return;
        }
        int newPort = parsePort(answer.get());
        if (newPort < 1 || newPort == port) {
            prompts.inform(Severity.WARNING, "Not a new port", "Enter a port from 1 to 65535 other than " + port
                    + ", not '" + answer.get() + "'.");
            return;
        }
        long started = process.startTime().get().toEpochMilli();
        ActionPrompts.Progress wait = prompts.progress("Moving " + who + " to " + newPort,
                "Asked portwatch's privileged helper (" + session.get().mechanism() + ") to move it…");
        tasks.run(() -> session.get().move(process.pid(), started, port, newPort),
                (HelperReply reply) -> {
                    wait.close();
                    prompts.inform(reply.ok() ? Severity.INFO : Severity.WARNING,
                            reply.ok() ? "Moved to " + newPort : "Could not move " + who, reply.message());
                    rescan.run();
                },
                error -> {
                    wait.close();
                    fail("Could not move " + who, error);
                    rescan.run();
                });
    }

    /** The port typed, or -1 when it is not a port. */
    private static int parsePort(String text) {
        try {
            int port = Integer.parseInt(text.strip());
            return port >= 1 && port <= PortRange.MAX_PORT ? port : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * Asks for a port (the selected one plus one, else 8000), finds the nearest free one from there and copies it.
     *
     * @param selected the selected socket, if any
     */
    public void findFreePort(Optional<Listener> selected) {
        int start = selected.map(l -> Math.min(l.port() + 1, PortRange.MAX_PORT)).orElse(DEFAULT_FREE_PORT_START);
        Optional<String> answer = prompts.askPortNear(start);
        if (answer.isEmpty()) {
            return;
        }
        int near = parsePort(answer.get());
        if (near < 1) {
            prompts.inform(Severity.WARNING, "Not a port", "Enter a port from 1 to 65535, not '" + answer.get()
                    + "'.");
            return;
        }
        int from = near;
        IntPredicate excluded = excludedPorts.get();
        Snapshot scanned = snapshot.get();
        tasks.run(() -> new FreePortFinder(excluded, scanned).near(from, 1), found -> {
            if (found.isEmpty()) {
                prompts.inform(Severity.WARNING, "No free port", "No free port from " + from + " to 65535.");
            } else {
                prompts.copy(String.valueOf(found.get(0)));
                prompts.inform(Severity.INFO, found.get(0) + " is free",
                        found.get(0) + " is free and copied to the clipboard.");
            }
        }, error -> fail("Could not search for a free port", error));
    }

    /** What a close flow says: its question, what happens, and the header of its result. */
    private record CloseTexts(String question, String consequence, String done, Optional<String> success) {
    }

    /** Closes every connection a TCP listener accepted, after asking; the listener stays. */
    public void closeAllConnections(Listener listener) {
        if (closer.isEmpty() || !isTcpListener(listener)) {
            return;
        }
        Snapshot scanned = snapshot.get();
        tasks.run(() -> accepted(listener, scanned), targets -> closeConnections(listener, targets),
                error -> fail("Could not read the connections of " + listener.local(), error));
    }

    /**
     * Closes chosen connections of a listener (or one connection row), after asking: the kernel aborts each
     * (SOCK_DESTROY), its client sees a reset, the listener and both processes keep running; a rescan verifies.
     * Without the right to (CAP_NET_ADMIN) it goes through the privileged helper when its session runs, else says
     * so and offers the elevated command.
     *
     * @param subject the listener whose connections they are
     * @param targets the connections, as the kernel listed them
     * @return true when the user confirmed and the close is under way; false when cancelled or nothing to close
     */
    public boolean closeConnections(Listener subject, List<TcpConnection> targets) {
        if (closer.isEmpty()) {
            return false;
        }
        if (targets.isEmpty()) {
            prompts.inform(Severity.WARNING, "No connection to close", "No open connection on " + subject.local()
                    + "; nothing was closed.");
            return false;
        }
        int count = targets.size();
        String what = count == 1 ? "this connection" : "these " + count + " connections";
        return confirmAndClose(subject.port(), targets, new CloseTexts(
                "Close " + what + " of " + subject.local() + "?",
                "The kernel aborts " + what + " on this side and sends the peer a reset; "
                        + (subject.state().isListening() ? "the listener keeps listening and " : "")
                        + "both processes keep running.",
                "Close connections on " + subject.port(), Optional.empty()));
    }

    /**
     * Disconnects a debugger from a JVM debug agent (JDWP) by closing the session's connection, after asking: the
     * debugger sees its connection reset, the JVM keeps running and its agent listens on the port again.
     */
    public void disconnectDebugger(Listener session) {
        if (closer.isEmpty() || !PortHolders.isDebuggerSession(session)) {
            return;
        }
        Endpoint debugger = session.remote().orElseThrow();
        String jvm = session.owner().map(KillOutcome::describe).orElse("the JVM");
        tasks.run(() -> closer.get().matching(session.port(), Optional.of(debugger)).stream()
                        .filter(c -> c.local().equals(session.local())).toList(),
                targets -> {
                    if (targets.isEmpty()) {
                        prompts.inform(Severity.WARNING, "No debugger to disconnect", "The debugger's connection "
                                + "from " + debugger + " is already closed.");
                        rescan.run();
                        return;
                    }
                    confirmAndClose(session.port(), targets, new CloseTexts(
                            "Disconnect the debugger at " + debugger + " from " + jvm + "?",
                            "The debugger sees its connection reset; " + jvm + " keeps running and its debug agent "
                                    + "listens on " + session.port() + " again, so a debugger can attach anew.",
                            "Disconnect debugger",
                            Optional.of("Disconnected the debugger at " + debugger + "; " + jvm
                                    + " keeps running and its agent listens on " + session.port() + " again.")));
                },
                error -> fail("Could not read the debugger's connection", error));
    }

    /** The close and disconnect flows as the Details tab's connection list calls them. */
    public ConnectionCommands connectionCommands() {
        return new ConnectionCommands() {
            @Override
            public boolean close(Listener subject, List<TcpConnection> connections) {
                return closeConnections(subject, connections);
            }

            @Override
            public boolean isDebuggerSession(Listener subject) {
                return closer.isPresent() && PortHolders.isDebuggerSession(subject);
            }

            @Override
            public void disconnectDebugger(Listener subject) {
                ActionsViewModel.this.disconnectDebugger(subject);
            }
        };
    }

    private boolean confirmAndClose(int port, List<TcpConnection> targets, CloseTexts texts) {
        if (!prompts.confirmClose(texts.question(), texts.consequence(), targets)) {
            return false;
        }
        CloseService service = closer.orElseThrow();
        tasks.run(() -> service.close(port, targets), outcome -> closed(port, targets, outcome, texts),
                error -> {
                    fail(texts.done(), error);
                    rescan.run();
                });
        return true;
    }

    private void closed(int port, List<TcpConnection> targets, CloseOutcome outcome, CloseTexts texts) {
        if (outcome.allClosed()) {
            prompts.inform(Severity.INFO, texts.done(), texts.success().orElse(outcome.summary()));
        } else if (outcome.unsupported()) {
            prompts.showFailure(texts.done(), "This kernel cannot close connections from outside (it was built "
                    + "without CONFIG_INET_DIAG_DESTROY); nothing was closed. Stop the client or the server instead.",
                    Optional.empty());
        } else if (outcome.refused()) {
            List<TcpConnection> refused = outcome.results().stream()
                    .filter(r -> r.result() == TcpConnections.CloseResult.NOT_PERMITTED)
                    .map(CloseOutcome.Closed::connection).toList();
            Optional<ElevatedClose> helper = elevated.get();
            if (helper.isPresent()) {
                closeElevated(helper.get(), port, refused, texts);
                return;
            }
            String command = refused.stream()
                    .map(c -> "portwatch close " + port + " --remote " + c.remote() + " --elevate")
                    .collect(Collectors.joining("; "));
            boolean copy = prompts.showFailure(texts.done(), "Closing a connection needs the CAP_NET_ADMIN "
                    + "capability, which your user does not have; nothing was closed. Click Show all owners to start "
                    + "portwatch's privileged helper and try again, or run with elevated rights:\n" + command,
                    Optional.of(command));
            if (copy) {
                prompts.copy(command);
            }
        } else {
            prompts.inform(Severity.WARNING, texts.done(), outcome.summary());
        }
        rescan.run();
    }

    /** Asks the running helper to close each connection the user's own request could not. */
    private void closeElevated(ElevatedClose helper, int port, List<TcpConnection> refused, CloseTexts texts) {
        tasks.run(() -> {
            List<HelperReply> replies = new ArrayList<>(refused.size());
            for (TcpConnection connection : refused) {
                replies.add(helper.close(port, Optional.of(connection.remote())));
            }
            return replies;
        }, replies -> {
            boolean ok = replies.stream().allMatch(HelperReply::ok);
            String said = replies.stream().map(HelperReply::message).distinct().collect(Collectors.joining(" "));
            prompts.inform(ok ? Severity.INFO : Severity.WARNING, texts.done() + " (through the privileged helper)",
                    ok ? texts.success().orElse(said) : said);
            rescan.run();
        }, error -> {
            fail(texts.done(), error);
            rescan.run();
        });
    }

    /** The open connections the listener accepted, as the kernel lists them now. Background thread. */
    private List<TcpConnection> accepted(Listener listener, Snapshot scanned) throws ScanException {
        List<Listener> listeners = scanned.listeners().stream().filter(ActionsViewModel::isTcpListener).toList();
        if (listeners.stream().noneMatch(l -> l.key().equals(listener.key()))) {
            listeners = new ArrayList<>(listeners);
            listeners.add(listener);
        }
        List<Listener> candidates = listeners;
        return closer.orElseThrow().matching(listener.port(), Optional.empty()).stream()
                .filter(c -> AcceptedConnections.acceptedBy(listener, candidates, c.ipVersion(), c.local()))
                .toList();
    }

    private static boolean isTcpListener(Listener socket) {
        return socket.protocol() == Protocol.TCP && socket.state() == SocketState.LISTEN;
    }

    private void fail(String header, Throwable error) {
        String message;
        if (error instanceof ActionException action) {
            message = action.getMessage();
        } else {
            LOG.log(Level.WARNING, header, error);
            message = header + ": " + error.getMessage();
        }
        Optional<String> elevated = error instanceof PermissionDeniedException denied
                ? Optional.of(denied.elevatedCommand())
                : Optional.empty();
        if (prompts.showFailure(header, message, elevated)) {
            elevated.ifPresent(prompts::copy);
        }
    }

    /**
     * Kill and Move apply to a socket with a known owner, and to a listener whose owner is hidden: that one explains
     * why and offers Show all owners.
     */
    private static boolean actionable(Listener socket) {
        return socket.owner().isPresent() || socket.state().isListening();
    }
}
