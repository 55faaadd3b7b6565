package dev.portwatch.ui.actions;

import dev.portwatch.core.actions.ActionException;
import dev.portwatch.core.actions.FreePortFinder;
import dev.portwatch.core.actions.KillOptions;
import dev.portwatch.core.actions.KillOutcome;
import dev.portwatch.core.actions.KillService;
import dev.portwatch.core.actions.NewPortTakenException;
import dev.portwatch.core.actions.PermissionDeniedException;
import dev.portwatch.core.actions.PortNotInCommandException;
import dev.portwatch.core.actions.RebindPlan;
import dev.portwatch.core.actions.RebindService;
import dev.portwatch.model.Listener;
import dev.portwatch.model.PortRange;
import dev.portwatch.model.ProcessInfo;
import dev.portwatch.model.Snapshot;
import dev.portwatch.ui.actions.ActionPrompts.Severity;
import dev.portwatch.ui.tasks.UiTasks;
import dev.portwatch.ui.vm.WatchViewModel;

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

/**
 * The kill, move (rebind) and free-port flows of the window, without controls: OS work runs through {@link UiTasks},
 * every question and answer through {@link ActionPrompts}. Public methods belong to the JavaFX thread.
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
    private Supplier<IntPredicate> excludedPorts = () -> port -> false;

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
        this.killer = Objects.requireNonNull(killer, "killer");
        this.rebinder = Objects.requireNonNull(rebinder, "rebinder");
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        this.prompts = Objects.requireNonNull(prompts, "prompts");
        this.snapshot = Objects.requireNonNull(snapshot, "snapshot");
        this.rescan = Objects.requireNonNull(rescan, "rescan");
        this.actions = List.of(
                new PortAction("kill", "Kill…", "Stop the selected port's holder", ActionsViewModel::hasOwner,
                        this::kill),
                new PortAction("move", "Move to another port…", "Move the selected port's holder to another port",
                        ActionsViewModel::hasOwner, this::rebind));
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

    /** Never suggests a port the watch list watches (saved or for this run). */
    public void excludeWatchedPorts(WatchViewModel watch) {
        setExcludedPorts(() -> {
            List<PortRange> watched = watch.statuses().stream().map(s -> s.rule().ports()).distinct().toList();
            return port -> watched.stream().anyMatch(range -> range.contains(port));
        });
    }

    /**
     * Asks to stop the holder of a socket, then stops it in the background, offers to force it when it did not stop,
     * and reports the rescan's verdict.
     */
    public void kill(Listener socket) {
        Optional<ProcessInfo> owner = socket.owner();
        if (owner.isEmpty()) {
            prompts.inform(Severity.WARNING, "Can't stop the holder of " + socket.port(),
                    "portwatch can't see which process holds it (another user's?); run portwatch with elevated "
                            + "rights.");
            return;
        }
        ProcessInfo process = owner.get();
        var children = new CompletableFuture<List<ProcessInfo>>();
        tasks.run(() -> killer.processes().children(process.pid()), children::complete,
                children::completeExceptionally);
        var sharers = new CompletableFuture<List<ProcessInfo>>();
        tasks.run(() -> killer.sharers(process), sharers::complete, sharers::completeExceptionally);
        prompts.confirmKill(process, KillService.socketsOf(snapshot.get(), process.pid()), children, sharers)
                .ifPresent(options -> stop(process, options));
    }

    private void stop(ProcessInfo process, KillOptions options) {
        ActionPrompts.Progress wait = prompts.progress("Stopping " + KillOutcome.describe(process), options.forceNow()
                ? "Forcing it to stop…"
                : "Asked it to stop; waiting up to " + options.timeout().toSeconds() + " s…");
        tasks.run(() -> killer.kill(process, options, (elapsed, timeout) -> tasks.onFx(() ->
                        wait.fraction((double) elapsed.toMillis() / timeout.toMillis()))),
                outcome -> {
                    wait.close();
                    if (!outcome.exited()) {
                        if (prompts.offerForce(process, outcome.sentence())) {
                            stop(process, options.forced());
                        }
                    } else {
                        prompts.inform(outcome.succeeded() ? Severity.INFO : Severity.WARNING,
                                KillOutcome.describe(process) + " stopped", outcome.sentence());
                    }
                    rescan.run();
                },
                error -> {
                    wait.close();
                    fail("Could not stop " + KillOutcome.describe(process), error);
                    rescan.run();
                });
    }

    /**
     * Plans moving the holder of a socket to the nearest free port above it, asks (or, when the port is not in its
     * command line, offers to copy a free port), then moves it in the background.
     */
    public void rebind(Listener socket) {
        Optional<ProcessInfo> owner = socket.owner();
        if (owner.isEmpty()) {
            return;
        }
        ProcessInfo process = owner.get();
        int port = socket.port();
        IntPredicate excluded = excludedPorts.get();
        Snapshot scanned = snapshot.get();
        String cannot = "Can't move " + KillOutcome.describe(process);
        tasks.run(() -> new FreePortFinder(excluded, scanned).nearestAbove(port), (OptionalInt free) -> {
            if (free.isEmpty()) {
                fail(cannot, new ActionException("No free port above " + port + "."));
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
        int near;
        try {
            near = Integer.parseInt(answer.get().strip());
        } catch (NumberFormatException e) {
            near = -1;
        }
        if (near < 1 || near > PortRange.MAX_PORT) {
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

    private static boolean hasOwner(Listener socket) {
        return socket.owner().isPresent();
    }
}
