package dev.portwatch.ui;

import dev.portwatch.core.ListenerFilter;
import dev.portwatch.core.ProtocolChoice;
import dev.portwatch.core.ScanPoller;
import dev.portwatch.core.exposure.Exposure;
import dev.portwatch.core.format.SocketFields;
import dev.portwatch.model.Listener;
import dev.portwatch.model.ProcessInfo;
import dev.portwatch.model.Snapshot;
import dev.portwatch.ui.vm.ListenerRow;
import dev.portwatch.ui.vm.MainViewModel;
import dev.portwatch.ui.vm.RowPhase;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ChangeListener;
import javafx.collections.transformation.SortedList;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import javafx.stage.WindowEvent;
import org.controlsfx.control.StatusBar;
import org.controlsfx.control.textfield.CustomTextField;
import org.controlsfx.control.textfield.TextFields;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Predicate;

/** The main window's content: toolbar, live table and status bar, bound to a {@link MainViewModel}. */
public final class MainView extends BorderPane {

    private static final PseudoClass NEW = PseudoClass.getPseudoClass("new");
    private static final PseudoClass CRITICAL = PseudoClass.getPseudoClass("critical");
    private static final PseudoClass CLOSING = PseudoClass.getPseudoClass("closing");
    private static final PseudoClass ERROR = PseudoClass.getPseudoClass("error");

    private final MainViewModel model;
    private final TableView<ListenerRow> table = new TableView<>();
    private final CustomTextField filterField = (CustomTextField) TextFields.createClearableTextField();

    private final MenuBar menuBar = new MenuBar();
    private final ToolBar toolBar;
    private final ContextMenu rowMenu;
    private final SplitPane horizontal = new SplitPane();
    private final SplitPane vertical = new SplitPane();
    private final TabPane bottomTabs = new TabPane();
    private final List<HolderAction> holderActions = new ArrayList<>();
    private final List<BiConsumer<TableRow<ListenerRow>, ListenerRow>> rowDecorators = new ArrayList<>();
    private StatusBar statusBar;

    /** Builds the view and binds it to the model. */
    public MainView(MainViewModel model) {
        this.model = model;
        getStyleClass().add("main-view");
        toolBar = buildToolBar();
        menuBar.setId("menuBar");
        setTop(new VBox(menuBar, toolBar));
        buildTable();
        rowMenu = buildContextMenu();
        table.setContextMenu(rowMenu);
        horizontal.getItems().add(table);
        vertical.setOrientation(Orientation.VERTICAL);
        vertical.getItems().add(horizontal);
        bottomTabs.setId("bottomTabs");
        bottomTabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        setCenter(vertical);
        statusBar = buildStatusBar();
        setBottom(statusBar);
        installShortcuts();
        // The view model expires highlights itself, only while there are some: a Timeline here kept JavaFX
        // pulsing 60 times a second all day.
    }

    /** The live table, for tests and for the other panes that select rows. */
    public TableView<ListenerRow> table() {
        return table;
    }

    /** The view model this view is bound to. */
    public MainViewModel model() {
        return model;
    }

    /** The row selected in the table, or null. */
    public ReadOnlyObjectProperty<ListenerRow> selectedRowProperty() {
        return table.getSelectionModel().selectedItemProperty();
    }

    /** Selects and shows the first row (in table order) whose socket matches; false when none does. */
    public boolean selectFirst(Predicate<Listener> which) {
        for (ListenerRow row : table.getItems()) {
            if (which.test(row.getListener())) {
                table.getSelectionModel().select(row);
                table.scrollTo(row);
                table.requestFocus();
                return true;
            }
        }
        return false;
    }

    /** The menu with this title in the menu bar, created (in call order) the first time it is asked for. */
    public Menu menu(String title) {
        for (Menu menu : menuBar.getMenus()) {
            if (menu.getText().equals(title)) {
                return menu;
            }
        }
        var menu = new Menu(title);
        menu.setId("menu" + title.replace(" ", ""));
        menuBar.getMenus().add(menu);
        return menu;
    }

    /** Adds controls to the right end of the toolbar. */
    public void addToolbarItems(Node... items) {
        toolBar.getItems().addAll(items);
    }

    /** Adds a label or control to the left end of the status bar's right-hand items. */
    public void addStatusItem(Node item) {
        statusBar.getRightItems().add(0, item);
    }

    /** The toolbar's controls, read-only: for decorations such as icons (overflowed items are not in the scene). */
    public List<Node> toolbarItems() {
        return Collections.unmodifiableList(toolBar.getItems());
    }

    /** Offers an action for ports' holders in other panes (the watch list's entries). */
    public void addHolderAction(HolderAction action) {
        holderActions.add(action);
    }

    /** The actions offered for ports' holders, in the order they were added. */
    public List<HolderAction> holderActions() {
        return Collections.unmodifiableList(holderActions);
    }

    /** Adds items to the table's row context menu. */
    public void addRowMenuItems(MenuItem... items) {
        rowMenu.getItems().addAll(items);
    }

    /** Adds a panel to the right of the table. */
    public void addSidePanel(Node panel) {
        horizontal.getItems().add(panel);
        horizontal.setDividerPositions(0.72);
    }

    /** Adds a tab to the pane below the table, showing the pane the first time. */
    public void addBottomTab(Tab tab) {
        bottomTabs.getTabs().add(tab);
        if (!vertical.getItems().contains(bottomTabs)) {
            vertical.getItems().add(bottomTabs);
            vertical.setDividerPositions(0.68);
        }
    }

    /**
     * Adds a decorator the row factory calls whenever a row shows another item, with null for an empty row;
     * decorators toggle their own pseudo-classes (colours in the CSS) and may set the row's tooltip.
     */
    public void addRowDecorator(BiConsumer<TableRow<ListenerRow>, ListenerRow> decorator) {
        rowDecorators.add(decorator);
        table.refresh();
    }

    /** Runs the row decorators again on the visible rows, after what they depend on changed. */
    public void refreshRows() {
        for (Node node : table.lookupAll(".table-row-cell")) {
            if (node instanceof HighlightedRow row) {
                row.decorate();
            }
        }
    }

    /** The filter field's text, to save and restore it. */
    public StringProperty filterTextProperty() {
        return filterField.textProperty();
    }

    private ToolBar buildToolBar() {
        filterField.setId("filter");
        // Narrow enough that the whole toolbar fits the default window (1360 px) in both themes; the prompt keeps
        // to what fits, the tooltip says what is matched.
        filterField.setPromptText("Filter (" + Shortcuts.FILTER.keysText() + ")");
        filterField.setTooltip(new Tooltip("Matches port, process, pid, address, user and command line"));
        filterField.setPrefColumnCount(20);
        filterField.textProperty().addListener((obs, old, text) -> updateFilter(f -> f.withText(text)));

        var protocols = new ChoiceBox<ProtocolChoice>();
        protocols.setId("protocols");
        protocols.getItems().setAll(ProtocolChoice.values());
        protocols.setValue(ProtocolChoice.BOTH);
        protocols.valueProperty().addListener((obs, old, choice) -> updateFilter(f -> f.withProtocols(choice)));

        var allAddresses = new CheckBox("All addresses");
        allAddresses.setId("allAddresses");
        allAddresses.setTooltip(new Tooltip("Also show sockets bound to addresses not reachable at localhost"));
        allAddresses.selectedProperty().addListener((obs, old, on) -> updateFilter(f -> f.withAllAddresses(on)));

        var connections = new CheckBox("Connections");
        connections.setId("connections");
        connections.setTooltip(new Tooltip("Also show established connections"));
        connections.selectedProperty().addListener((obs, old, on) -> updateFilter(f -> f.withConnections(on)));

        var pause = new ToggleButton("Pause");
        pause.setId("pause");
        pause.selectedProperty().addListener((obs, old, on) -> model.setPaused(on));
        // Others (the tray menu) pause too: the button follows the model.
        model.pausedProperty().addListener((obs, old, paused) -> pause.setSelected(paused));
        pause.textProperty().bind(Bindings.when(pause.selectedProperty()).then("Resume").otherwise("Pause"));

        var refresh = new Button("Refresh");
        refresh.setId("refresh");
        refresh.setTooltip(new Tooltip("Scan now (" + Shortcuts.REFRESH.keysText() + ")"));
        refresh.setOnAction(e -> model.refreshNow());

        var interval = new Spinner<Double>();
        interval.setId("interval");
        interval.setValueFactory(new SpinnerValueFactory.DoubleSpinnerValueFactory(
                ScanPoller.MIN_INTERVAL.toMillis() / 1000.0, ScanPoller.MAX_INTERVAL.toMillis() / 1000.0,
                model.intervalProperty().get().toMillis() / 1000.0, 0.5));
        interval.setPrefWidth(80);
        interval.setTooltip(new Tooltip("Seconds between scans"));
        interval.valueProperty().addListener((obs, old, seconds) ->
                model.setInterval(Duration.ofMillis(Math.round(seconds * 1000))));

        var spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        var every = new Label("Every");
        var unit = new Label("s");
        var intervalBox = new HBox(4, every, interval, unit);
        intervalBox.setAlignment(Pos.CENTER_LEFT);
        var onlyExposed = new CheckBox("Only exposed");
        onlyExposed.setId("onlyExposed");
        onlyExposed.setTooltip(new Tooltip("Show only sockets other machines can reach (bound to 0.0.0.0, :: or a "
                + "network address)"));
        onlyExposed.selectedProperty().addListener((obs, old, on) -> updateFilter(f -> f.withOnlyExposed(on)));
        return new ToolBar(filterField, protocols, allAddresses, connections, onlyExposed, spacer, intervalBox, pause,
                refresh);
    }

    private void updateFilter(Function<ListenerFilter, ListenerFilter> change) {
        model.filterProperty().set(change.apply(model.filterProperty().get()));
    }

    /** What an empty table means: no scan yet, or nothing that passes the filter. */
    static String placeholderText(Snapshot snapshot, ListenerFilter filter) {
        if (snapshot == null || snapshot.takenAt().equals(Instant.EPOCH)) {
            return "Waiting for the first scan…";
        }
        if (!filter.text().isEmpty()) {
            return "No socket matches '" + filter.text() + "'";
        }
        return filter.onlyExposed() ? "No socket in this view is exposed to the network"
                : "No socket in this view";
    }

    private void showConnectionColumns(boolean shown) {
        table.getColumns().stream().filter(c -> SocketFields.CONNECTION_COLUMNS.contains(c.getId()))
                .forEach(c -> c.setVisible(shown));
    }

    private void buildTable() {
        table.setId("listeners");
        SortedList<ListenerRow> sorted = new SortedList<>(model.visibleRows());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        SelectionKeeper.setItems(table, sorted);
        for (TableColumn<ListenerRow, ?> column : ListenerColumns.all(model.services())) {
            table.getColumns().add(column);
        }
        table.getSortOrder().add(table.getColumns().get(0));
        var placeholder = new Label();
        placeholder.setId("placeholder");
        placeholder.textProperty().bind(Bindings.createStringBinding(
                () -> placeholderText(model.snapshotProperty().get(), model.filterProperty().get()),
                model.snapshotProperty(), model.filterProperty()));
        table.setPlaceholder(placeholder);
        table.setRowFactory(t -> new HighlightedRow(rowDecorators));
        // A debug or remote-code endpoint reachable from the network: its own colour, whatever else marks the row.
        rowDecorators.add((row, item) -> row.pseudoClassStateChanged(CRITICAL, item != null
                && Exposure.of(item.getListener(), model.services().identify(item.getListener()))
                        == Exposure.CRITICAL));
        // State and Remote describe connections: shown while connections are (and hideable then like any column).
        showConnectionColumns(model.filterProperty().get().includeConnections());
        model.filterProperty().addListener((obs, old, now) -> {
            if (old == null || old.includeConnections() != now.includeConnections()) {
                showConnectionColumns(now.includeConnections());
            }
        });
        // The command column takes the width left over; long command lines end in an ellipsis and show whole in
        // their tooltip.
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    }

    private ContextMenu buildContextMenu() {
        var copyAddress = new MenuItem("Copy address");
        copyAddress.setId("copyAddress");
        copyAddress.setOnAction(e -> selected().ifPresent(l -> copy(l.local().toString())));
        var copyPid = new MenuItem("Copy PID");
        copyPid.setId("copyPid");
        copyPid.setOnAction(e -> selected().flatMap(Listener::owner).ifPresent(p -> copy(String.valueOf(p.pid()))));
        var copyCommand = new MenuItem("Copy command line");
        copyCommand.setId("copyCommand");
        copyCommand.setOnAction(e -> selected().flatMap(Listener::owner).map(ProcessInfo::commandLine)
                .filter(c -> !c.isEmpty()).ifPresent(MainView::copy));
        var menu = new ContextMenu(copyAddress, copyPid, copyCommand);
        menu.addEventHandler(WindowEvent.WINDOW_SHOWING, e -> {
            boolean known = selected().flatMap(Listener::owner).isPresent();
            copyAddress.setDisable(selected().isEmpty());
            copyPid.setDisable(!known);
            copyCommand.setDisable(!known);
        });
        return menu;
    }

    /** The socket of the selected row, if any. */
    public Optional<Listener> selected() {
        return Optional.ofNullable(table.getSelectionModel().getSelectedItem()).map(ListenerRow::getListener);
    }

    /** Puts text on the system clipboard. */
    public static void copy(String text) {
        var content = new ClipboardContent();
        content.putString(text);
        Clipboard.getSystemClipboard().setContent(content);
    }

    private StatusBar buildStatusBar() {
        var status = new StatusBar();
        status.setId("status");
        status.textProperty().bind(Bindings.createStringBinding(() -> {
            String error = model.lastErrorProperty().get();
            return error.isEmpty() ? model.ownersNoteProperty().get()
                    : "Scan failed, showing the last good scan: " + error;
        }, model.lastErrorProperty(), model.ownersNoteProperty()));
        status.pseudoClassStateChanged(ERROR, false);
        model.lastErrorProperty().addListener((obs, old, error) ->
                status.pseudoClassStateChanged(ERROR, !error.isEmpty()));

        var counts = new Label();
        counts.setId("counts");
        counts.textProperty().bind(Bindings.createStringBinding(
                () -> model.shownCountProperty().get() + " shown of " + model.totalCountProperty().get() + " sockets",
                model.shownCountProperty(), model.totalCountProperty()));
        var scanTime = new Label();
        scanTime.setId("scanTime");
        scanTime.textProperty().bind(Bindings.createStringBinding(() -> {
            long millis = model.lastScanMillisProperty().get();
            String state = model.pausedProperty().get() ? "paused" : "live";
            return millis < 0 ? state : "scan " + millis + " ms · " + state;
        }, model.lastScanMillisProperty(), model.pausedProperty()));
        status.getRightItems().addAll(counts, spaced(scanTime));
        return status;
    }

    private static Label spaced(Label label) {
        label.setPadding(new Insets(0, 0, 0, 16));
        return label;
    }

    private void installShortcuts() {
        sceneProperty().addListener((obs, old, scene) -> {
            if (scene == null) {
                return;
            }
            scene.getAccelerators().put(Shortcuts.FILTER.keys(), filterField::requestFocus);
            scene.getAccelerators().put(Shortcuts.REFRESH.keys(), model::refreshNow);
            // Start with the table focused, not the filter field: a focused text field blinks its caret, and that
            // animation makes JavaFX pulse 60 times a second for as long as the window stays open.
            // Inside another pane (the hosts' tabs) the view may join the scene only while the window is being shown.
            if (scene.getWindow() != null) {
                focusTableOnceShown(scene.getWindow());
            }
            scene.windowProperty().addListener((o, was, window) -> {
                if (window != null) {
                    focusTableOnceShown(window);
                }
            });
        });
    }

    private void focusTableOnceShown(Window window) {
        if (window.isShowing()) {
            // Joined while showing: focus once the next pulse has laid the table out.
            Scene scene = window.getScene();
            Runnable[] once = new Runnable[1];
            once[0] = () -> {
                scene.removePostLayoutPulseListener(once[0]);
                table.requestFocus();
            };
            scene.addPostLayoutPulseListener(once[0]);
        } else {
            window.addEventHandler(WindowEvent.WINDOW_SHOWN, e -> table.requestFocus());
        }
    }

    /**
     * Toggles the {@code :new} and {@code :closing} pseudo-classes from the row's phase, and runs the features' row
     * decorators; colours live in CSS.
     */
    private static final class HighlightedRow extends TableRow<ListenerRow> {
        private final ChangeListener<RowPhase> onPhase = (obs, old, phase) -> show(phase);
        private final List<BiConsumer<TableRow<ListenerRow>, ListenerRow>> decorators;

        HighlightedRow(List<BiConsumer<TableRow<ListenerRow>, ListenerRow>> decorators) {
            this.decorators = decorators;
        }

        void decorate() {
            ListenerRow item = isEmpty() ? null : getItem();
            for (BiConsumer<TableRow<ListenerRow>, ListenerRow> decorator : decorators) {
                decorator.accept(this, item);
            }
        }

        @Override
        protected void updateItem(ListenerRow item, boolean empty) {
            ListenerRow previous = getItem();
            if (previous != null) {
                previous.phaseProperty().removeListener(onPhase);
            }
            super.updateItem(item, empty);
            if (empty || item == null) {
                show(RowPhase.STEADY);
            } else {
                item.phaseProperty().addListener(onPhase);
                show(item.getPhase());
            }
            decorate();
        }

        private void show(RowPhase phase) {
            pseudoClassStateChanged(NEW, phase == RowPhase.NEW);
            pseudoClassStateChanged(CLOSING, phase == RowPhase.CLOSING);
        }
    }
}
