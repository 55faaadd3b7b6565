package dev.portwatch.ui.actions;

import dev.portwatch.core.actions.CloseService;
import dev.portwatch.core.actions.DataDirectory;
import dev.portwatch.core.actions.KillService;
import dev.portwatch.core.actions.RebindService;
import dev.portwatch.os.ProcessReader;
import dev.portwatch.os.SocketScanner;
import dev.portwatch.os.TcpConnections;
import dev.portwatch.ui.HolderAction;
import dev.portwatch.ui.MainView;
import dev.portwatch.ui.Shortcut;
import dev.portwatch.ui.Shortcuts;
import dev.portwatch.ui.tasks.UiTasks;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.scene.control.Button;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Hooks the actions into the window: each {@link PortAction} of the {@link ActionsViewModel} becomes a row-menu item,
 * an Actions-menu item and a toolbar button, enabled when the selected row allows it; Delete in the table kills.
 * The flows themselves live in the view model; the dialogs in {@link FxActionPrompts}.
 */
public final class ActionsFeature {

    /** The table key of each action that has one, named in its menu item and tooltip. */
    private static final Map<String, Shortcut> TABLE_KEYS = Map.of("kill", Shortcuts.KILL);
    /** The actions with a toolbar button; the others are in the row menu and the Actions menu (the bar is full). */
    private static final Set<String> TOOLBAR = Set.of("kill", "move");
    /** The actions a watch entry offers for its holders (a JDWP session holding a watched port). */
    private static final Set<String> WATCH_ENTRY = Set.of("disconnectDebugger");

    private final MainView view;
    private final ActionsViewModel model;

    /**
     * @param view  the window to hook into
     * @param model the actions' flows
     */
    ActionsFeature(MainView view, ActionsViewModel model) {
        this.view = Objects.requireNonNull(view, "view");
        this.model = Objects.requireNonNull(model, "model");
    }

    /**
     * Hooks the actions into the view. JavaFX thread.
     *
     * @param scanner   reads the sockets for the actions' rescans; called only on {@code tasks}' background thread
     * @param processes reads processes
     * @param tasks     runs the actions off the JavaFX thread
     */
    public static ActionsFeature install(MainView view, SocketScanner scanner, ProcessReader processes,
                                         UiTasks tasks) {
        return install(view, scanner, processes, tasks, Optional.empty(), Optional::empty);
    }

    /**
     * Hooks the actions into the view, with Close connections and Disconnect debugger. JavaFX thread.
     *
     * @param scanner     reads the sockets for the actions' rescans; called only on {@code tasks}' background thread
     * @param processes   reads processes
     * @param tasks       runs the actions off the JavaFX thread
     * @param connections reads and closes connections on {@code tasks}' background thread; empty where this system
     *                    cannot
     * @param elevated    the privileged helper session when one runs; asked on the JavaFX thread
     */
    public static ActionsFeature install(MainView view, SocketScanner scanner, ProcessReader processes,
                                         UiTasks tasks, Optional<TcpConnections> connections,
                                         Supplier<Optional<ElevatedClose>> elevated) {
        var killer = new KillService(scanner, processes);
        var prompts = new FxActionPrompts(() -> view.getScene().getWindow());
        var model = new ActionsViewModel(killer, new RebindService(killer, DataDirectory.logs()), tasks, prompts,
                () -> view.model().snapshotProperty().get(), () -> view.model().refreshNow(),
                connections.map(CloseService::new), elevated);
        var feature = new ActionsFeature(view, model);
        feature.hook();
        return feature;
    }

    /** The actions' flows. */
    public ActionsViewModel model() {
        return model;
    }

    void hook() {
        List<MenuItem> menuItems = new ArrayList<>();
        for (PortAction action : model.actions()) {
            BooleanBinding disabled = Bindings.createBooleanBinding(
                    () -> view.selected().filter(action.enabledFor()).isEmpty(), view.selectedRowProperty());
            MenuItem row = item(action.label(), action.id() + "Row", () -> runOnSelected(action));
            row.disableProperty().bind(disabled);
            view.addRowMenuItems(row);
            Optional<Shortcut> key = Optional.ofNullable(TABLE_KEYS.get(action.id()));
            MenuItem menu = item(action.label() + key.map(k -> " (" + k.keysText() + " in the table)").orElse(""),
                    action.id() + "Menu", () -> runOnSelected(action));
            menu.disableProperty().bind(disabled);
            menuItems.add(menu);
            if (WATCH_ENTRY.contains(action.id())) {
                view.addHolderAction(new HolderAction(action.id() + "Watch", action.label(), action.enabledFor(),
                        action.run()));
            }
            if (!TOOLBAR.contains(action.id())) {
                continue;
            }
            var button = new Button(action.label().replace("Move to another port…", "Move…"));
            button.setId(action.id() + "Button");
            button.setTooltip(new Tooltip(action.tooltip() + key.map(k -> " (" + k.keysText() + ")").orElse("")));
            button.setOnAction(e -> runOnSelected(action));
            button.disableProperty().bind(disabled);
            view.addToolbarItems(button);
        }
        // "Find a free port near…" lives in the Actions menu only: the toolbar is shared and already full.
        menuItems.add(item("Find a free port near…", "freePortMenu", () -> model.findFreePort(view.selected())));
        view.menu("Actions").getItems().addAll(menuItems);

        // Keys on the table, not scene-wide accelerators: a scene-wide Delete would fire while editing the filter.
        PortAction kill = model.actions().get(0);
        view.table().addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (Shortcuts.KILL.matches(e) && view.selected().filter(kill.enabledFor()).isPresent()) {
                e.consume();
                runOnSelected(kill);
            }
        });
    }

    /** Runs the move action on the selected row, as its menu item does. JavaFX thread. */
    void rebindSelected() {
        runOnSelected(model.actions().get(1));
    }

    private void runOnSelected(PortAction action) {
        view.selected().filter(action.enabledFor()).ifPresent(action.run());
    }

    /** The actions dialogs' stylesheet. */
    static String stylesheet() {
        return Objects.requireNonNull(ActionsFeature.class.getResource("actions.css"), "actions.css")
                .toExternalForm();
    }

    /** Copies text to the clipboard. JavaFX thread. */
    static void copy(String text) {
        MainView.copy(text);
    }

    private static MenuItem item(String text, String id, Runnable action) {
        var item = new MenuItem(text);
        item.setId(id);
        item.setOnAction(e -> action.run());
        return item;
    }
}
