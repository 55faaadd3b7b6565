package dev.portwatch.ui.actions;

import dev.portwatch.core.DaemonThreads;
import dev.portwatch.core.actions.ActionException;
import dev.portwatch.core.actions.DataDirectory;
import dev.portwatch.core.actions.FreePortFinder;
import dev.portwatch.core.actions.KillOptions;
import dev.portwatch.core.actions.KillOutcome;
import dev.portwatch.core.actions.KillService;
import dev.portwatch.core.actions.PermissionDeniedException;
import dev.portwatch.core.actions.PortNotInCommandException;
import dev.portwatch.core.actions.RebindOutcome;
import dev.portwatch.core.actions.RebindPlan;
import dev.portwatch.core.actions.RebindService;
import dev.portwatch.core.actions.ShellQuoting;
import dev.portwatch.model.Listener;
import dev.portwatch.model.PortRange;
import dev.portwatch.model.ProcessInfo;
import dev.portwatch.model.Snapshot;
import dev.portwatch.os.ProcessReader;
import dev.portwatch.os.Scanners;
import dev.portwatch.os.SocketScanner;
import dev.portwatch.ui.MainView;
import dev.portwatch.ui.Shortcuts;
import dev.portwatch.ui.vm.WatchViewModel;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.VBox;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntPredicate;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The window's actions on a port's holder: Kill, "Move to another port…", and "Find a free port near…", hooked into
 * the row menu, the toolbar, the Actions menu and the Delete key.
 *
 * <p>Every OS call (reading children, signalling, waiting, rescanning, probing ports) runs on one background
 * executor with its own scanner; results come back to the FX thread through {@code Platform.runLater}.
 */
public final class ActionsFeature {

    private static final Logger LOG = Logger.getLogger(ActionsFeature.class.getName());

    private final MainView view;
    private final Executor background;
    private final KillService killer;
    private final RebindService rebinder;
    private Supplier<IntPredicate> excludedPorts = () -> port -> false;

    /**
     * @param view       the window to hook into
     * @param scanner    reads the sockets; used only on {@code background}
     * @param processes  reads processes
     * @param background runs every action; one thread, so actions never overlap
     */
    ActionsFeature(MainView view, SocketScanner scanner, ProcessReader processes, Executor background) {
        this.view = Objects.requireNonNull(view, "view");
        this.background = Objects.requireNonNull(background, "background");
        this.killer = new KillService(scanner, processes);
        this.rebinder = new RebindService(killer, DataDirectory.logs());
    }

    /** Hooks the actions into the view, with their own scanner and background thread. FX thread. */
    public static ActionsFeature install(MainView view) {
        ExecutorService executor = Executors.newSingleThreadExecutor(DaemonThreads.named("portwatch-actions"));
        var feature = new ActionsFeature(view, Scanners.create(), Scanners.processes(), executor);
        feature.hook();
        return feature;
    }

    /**
     * Ports never suggested as free, for example the watched ports. The supplier is asked on the FX thread when
     * an action starts; the predicate it returns is then used on the background thread, so it must not read live
     * JavaFX state.
     */
    public void setExcludedPorts(Supplier<IntPredicate> excluded) {
        this.excludedPorts = Objects.requireNonNull(excluded, "excluded");
    }

    /** Never suggests a port the watch list watches (saved or for this run). FX thread. */
    public void excludeWatchedPorts(WatchViewModel watch) {
        setExcludedPorts(() -> {
            List<PortRange> watched = watch.statuses().stream().map(s -> s.rule().ports()).distinct().toList();
            return port -> watched.stream().anyMatch(range -> range.contains(port));
        });
    }

    void hook() {
        BooleanBinding noOwner = Bindings.createBooleanBinding(
                () -> view.selected().flatMap(Listener::owner).isEmpty(), view.selectedRowProperty());

        MenuItem killRow = item("Kill…", "killRow", this::killSelected);
        MenuItem moveRow = item("Move to another port…", "moveRow", this::rebindSelected);
        view.addRowMenuItems(killRow, moveRow);

        // No accelerator: a scene-wide Delete would fire while editing the filter field.
        MenuItem killMenu = item("Kill holder… (" + Shortcuts.KILL.keysText() + " in the table)", "killMenu",
                this::killSelected);
        MenuItem moveMenu = item("Move to another port…", "moveMenu", this::rebindSelected);
        MenuItem freeMenu = item("Find a free port near…", "freePortMenu", this::findFreePort);
        for (MenuItem item : List.of(killRow, moveRow, killMenu, moveMenu)) {
            item.disableProperty().bind(noOwner);
        }
        view.menu("Actions").getItems().addAll(killMenu, moveMenu, freeMenu);

        var kill = new Button("Kill…");
        kill.setId("killButton");
        kill.setTooltip(new Tooltip("Stop the selected port's holder (" + Shortcuts.KILL.keysText() + ")"));
        kill.setOnAction(e -> killSelected());
        kill.disableProperty().bind(noOwner);
        var move = new Button("Move…");
        move.setId("moveButton");
        move.setTooltip(new Tooltip("Move the selected port's holder to another port"));
        move.setOnAction(e -> rebindSelected());
        move.disableProperty().bind(noOwner);
        // "Find a free port near…" lives in the Actions menu only: the toolbar is shared and already full.
        view.addToolbarItems(kill, move);

        view.table().addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (Shortcuts.KILL.matches(e) && !noOwner.get()) {
                e.consume();
                killSelected();
            }
        });
    }

    /** Asks to stop the selected row's holder, then stops it in the background. FX thread. */
    void killSelected() {
        view.selected().ifPresent(this::kill);
    }

    /**
     * Asks to stop the holder of a socket (from the table, or another pane such as the watch list), then stops it
     * in the background and reports the rescan's verdict. FX thread.
     */
    public void kill(Listener socket) {
        Optional<ProcessInfo> owner = socket.owner();
        if (owner.isEmpty()) {
            inform(Alert.AlertType.WARNING, "Can't stop the holder of " + socket.port(),
                    "portwatch can't see which process holds it (another user's?); run portwatch with elevated "
                            + "rights.");
            return;
        }
        ProcessInfo process = owner.get();
        Snapshot snapshot = view.model().snapshotProperty().get();
        var dialog = new KillDialog(process, KillService.socketsOf(snapshot, process.pid()));
        dialog.initOwner(view.getScene().getWindow());
        ProcessReader processes = killer.processes();
        run(() -> processes.children(process.pid())).thenAccept(dialog::showChildren);
        run(() -> killer.sharers(process)).thenAccept(dialog::showSharers);
        dialog.showAndWait().ifPresent(options -> stop(process, options));
    }

    private void stop(ProcessInfo process, KillOptions options) {
        var wait = new WaitDialog("Stopping " + KillOutcome.describe(process), options.forceNow()
                ? "Forcing it to stop…"
                : "Asked it to stop; waiting up to " + options.timeout().toSeconds() + " s…");
        wait.initOwner(view.getScene().getWindow());
        wait.show();
        run(() -> killer.kill(process, options, (elapsed, timeout) -> Platform.runLater(() ->
                wait.progress((double) elapsed.toMillis() / timeout.toMillis()))))
                .whenComplete((outcome, error) -> {
                    wait.close();
                    if (error != null) {
                        showFailure("Could not stop " + KillOutcome.describe(process), error);
                    } else if (!outcome.exited()) {
                        offerForce(process, options, outcome);
                    } else {
                        inform(outcome.succeeded() ? Alert.AlertType.INFORMATION : Alert.AlertType.WARNING,
                                KillOutcome.describe(process) + " stopped", outcome.sentence());
                    }
                    view.model().refreshNow();
                });
    }

    private void offerForce(ProcessInfo process, KillOptions options, KillOutcome outcome) {
        var force = new ButtonType("Force", ButtonBar.ButtonData.OK_DONE);
        var leave = new ButtonType("Leave running", ButtonBar.ButtonData.CANCEL_CLOSE);
        var alert = new Alert(Alert.AlertType.CONFIRMATION, outcome.sentence(), force, leave);
        alert.setHeaderText(KillOutcome.describe(process) + " did not stop");
        alert.initOwner(view.getScene().getWindow());
        alert.getDialogPane().setId("forceDialog");
        alert.showAndWait().filter(force::equals).ifPresent(b -> stop(process, options.forced()));
    }

    /** Plans moving the selected row's holder to the nearest free port, asks, then moves it. FX thread. */
    void rebindSelected() {
        view.selected().ifPresent(this::rebind);
    }

    /**
     * Plans moving the holder of a socket to the nearest free port above it, asks (or explains why it can't), then
     * moves it in the background. FX thread.
     */
    public void rebind(Listener socket) {
        Optional<ProcessInfo> owner = socket.owner();
        if (owner.isEmpty()) {
            return;
        }
        ProcessInfo process = owner.get();
        int port = socket.port();
        IntPredicate excluded = excludedPorts.get();
        Snapshot snapshot = view.model().snapshotProperty().get();
        run(() -> new FreePortFinder(excluded, snapshot).nearestAbove(port))
                .thenCompose(free -> {
                    if (free.isEmpty()) {
                        return CompletableFuture.failedFuture(new ActionException("No free port above " + port + "."));
                    }
                    return run(() -> rebinder.plan(process, port, free.getAsInt())).handle((plan, error) -> {
                        if (error != null && unwrap(error) instanceof PortNotInCommandException notFound) {
                            offerFreePort(notFound.getMessage(), free.getAsInt());
                            return null;
                        }
                        if (error != null) {
                            throw new CompletionException(unwrap(error));
                        }
                        return plan;
                    });
                })
                .whenComplete((plan, error) -> {
                    if (error != null) {
                        showFailure("Can't move " + KillOutcome.describe(process), error);
                    } else if (plan != null) {
                        confirmRebind(plan, excluded, snapshot);
                    }
                });
    }

    private void confirmRebind(RebindPlan suggested, IntPredicate excluded, Snapshot snapshot) {
        var dialog = new RebindDialog(suggested);
        dialog.initOwner(view.getScene().getWindow());
        dialog.showAndWait().ifPresent(plan -> {
            var wait = new WaitDialog("Moving " + KillOutcome.describe(plan.process()) + " to " + plan.newPort(),
                    "Checking " + plan.newPort() + "…");
            wait.initOwner(view.getScene().getWindow());
            wait.show();
            run(() -> rebinder.execute(plan, new FreePortFinder(excluded, snapshot),
                            RebindService.DEFAULT_START_TIMEOUT,
                    step -> Platform.runLater(() -> wait.step(step))))
                    .whenComplete((outcome, error) -> {
                        wait.close();
                        if (error != null) {
                            showFailure("Could not move " + KillOutcome.describe(plan.process()), error);
                        } else {
                            showRebound(outcome);
                        }
                        view.model().refreshNow();
                    });
        });
    }

    private void showRebound(RebindOutcome outcome) {
        var alert = new Alert(outcome.success() ? Alert.AlertType.INFORMATION : Alert.AlertType.ERROR);
        alert.initOwner(view.getScene().getWindow());
        alert.getDialogPane().setId("rebindResult");
        alert.getDialogPane().getStylesheets().add(stylesheet());
        alert.setHeaderText(outcome.success() ? "Moved to " + outcome.plan().newPort() : "The move failed");
        String oldCommand = ShellQuoting.joinExact(outcome.plan().rewrite().oldArguments());
        var details = new TextArea((outcome.success() ? "" : String.join("\n", outcome.logTail()) + "\n\n")
                + "Old command (in " + outcome.plan().workingDirectory() + "):\n" + oldCommand + "\n\nLog: "
                + outcome.log());
        details.setEditable(false);
        details.setWrapText(true);
        details.setPrefRowCount(outcome.success() ? 5 : 14);
        details.setPrefColumnCount(70);
        details.getStyleClass().add("log-tail");
        var copy = new Button("Copy old command");
        copy.setOnAction(e -> copy(oldCommand));
        alert.getDialogPane().setContent(new VBox(8, new javafx.scene.control.Label(outcome.sentence()), details,
                copy));
        alert.setResizable(true);
        alert.show();
    }

    private void offerFreePort(String reason, int free) {
        var copyFree = new ButtonType("Copy a free port (" + free + ")", ButtonBar.ButtonData.OK_DONE);
        var alert = new Alert(Alert.AlertType.INFORMATION, reason
                + "\nConfigure the server with another port by hand; " + free + " is free.", copyFree,
                ButtonType.CLOSE);
        alert.setHeaderText("Can't move this process automatically");
        alert.initOwner(view.getScene().getWindow());
        alert.getDialogPane().setId("notInCommand");
        alert.showAndWait().filter(copyFree::equals).ifPresent(b -> copy(String.valueOf(free)));
    }

    /** Asks for a port, finds the nearest free one from there, copies it. FX thread. */
    void findFreePort() {
        int start = view.selected().map(l -> Math.min(l.port() + 1, FreePortFinder.MAX_PORT)).orElse(8000);
        var ask = new TextInputDialog(String.valueOf(start));
        ask.setTitle("Find a free port");
        ask.setHeaderText("Find a free TCP port near…\nFree on 127.0.0.1, ::1 and all addresses; copied to the "
                + "clipboard.");
        ask.setContentText("Start at");
        ask.initOwner(view.getScene().getWindow());
        ask.getDialogPane().setId("freePortDialog");
        Optional<String> answer = ask.showAndWait();
        if (answer.isEmpty()) {
            return;
        }
        int near;
        try {
            near = Integer.parseInt(answer.get().strip());
        } catch (NumberFormatException e) {
            near = -1;
        }
        if (near < 1 || near > FreePortFinder.MAX_PORT) {
            inform(Alert.AlertType.WARNING, "Not a port", "Enter a port from 1 to 65535, not '" + answer.get() + "'.");
            return;
        }
        int from = near;
        IntPredicate excluded = excludedPorts.get();
        Snapshot snapshot = view.model().snapshotProperty().get();
        run(() -> new FreePortFinder(excluded, snapshot).near(from, 1)).whenComplete((found, error) -> {
            if (error != null) {
                showFailure("Could not search for a free port", error);
            } else if (found.isEmpty()) {
                inform(Alert.AlertType.WARNING, "No free port", "No free port from " + from + " to 65535.");
            } else {
                copy(String.valueOf(found.get(0)));
                inform(Alert.AlertType.INFORMATION, found.get(0) + " is free",
                        found.get(0) + " is free and copied to the clipboard.");
            }
        });
    }

    /** The actions dialogs' stylesheet. */
    static String stylesheet() {
        return Objects.requireNonNull(ActionsFeature.class.getResource("actions.css"), "actions.css")
                .toExternalForm();
    }

    /** Copies text to the clipboard. FX thread. */
    static void copy(String text) {
        MainView.copy(text);
    }

    /** Runs work on the background executor; the returned stage completes on the FX thread. */
    private <T> CompletableFuture<T> run(Callable<T> work) {
        var result = new CompletableFuture<T>();
        background.execute(() -> {
            try {
                T value = work.call();
                Platform.runLater(() -> result.complete(value));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                Platform.runLater(() -> result.completeExceptionally(e));
            } catch (Exception e) {
                Platform.runLater(() -> result.completeExceptionally(e));
            }
        });
        return result;
    }

    private void showFailure(String header, Throwable error) {
        Throwable cause = unwrap(error);
        String message;
        if (cause instanceof ActionException action) {
            message = action.getMessage();
        } else {
            LOG.log(Level.WARNING, header, cause);
            message = header + ": " + cause.getMessage();
        }
        var alert = new Alert(Alert.AlertType.ERROR, message);
        alert.setHeaderText(header);
        alert.initOwner(view.getScene().getWindow());
        alert.getDialogPane().setId("actionError");
        if (cause instanceof PermissionDeniedException denied) {
            var copyCommand = new ButtonType("Copy command", ButtonBar.ButtonData.LEFT);
            alert.getButtonTypes().add(copyCommand);
            alert.showAndWait().filter(copyCommand::equals).ifPresent(b -> copy(denied.elevatedCommand()));
            return;
        }
        alert.show();
    }

    private void inform(Alert.AlertType type, String header, String text) {
        var alert = new Alert(type, text);
        alert.setHeaderText(header);
        alert.initOwner(view.getScene().getWindow());
        alert.getDialogPane().setId("actionResult");
        alert.show();
    }

    private static MenuItem item(String text, String id, Runnable action) {
        var item = new MenuItem(text);
        item.setId(id);
        item.setOnAction(e -> action.run());
        return item;
    }

    private static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
