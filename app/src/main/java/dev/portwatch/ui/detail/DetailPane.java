package dev.portwatch.ui.detail;

import dev.portwatch.core.exposure.Exposure;
import dev.portwatch.core.format.SocketFields;
import dev.portwatch.core.service.ServiceMatch;
import dev.portwatch.model.Listener;
import dev.portwatch.model.ProcessInfo;
import dev.portwatch.model.TcpConnection;
import dev.portwatch.os.DockerContainers;
import dev.portwatch.os.EphemeralPorts;
import dev.portwatch.os.ProcessReader;
import dev.portwatch.os.TcpConnections;
import dev.portwatch.ui.MainView;
import dev.portwatch.ui.tasks.UiTasks;
import dev.portwatch.ui.vm.ListenerRow;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ChangeListener;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.Tab;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The "Details" tab: everything known about the selected row's process and port, with actions to open it in a
 * browser and to copy the commands that show the same from a terminal.
 */
public final class DetailPane extends StackPane {

    private static final PseudoClass CRITICAL = PseudoClass.getPseudoClass("critical");

    /** Opens a URL in the user's browser; blocking, so it runs off the JavaFX thread. */
    @FunctionalInterface
    public interface UrlOpener {
        /**
         * Opens the URL.
         *
         * @throws Exception with a sentence for the user when it could not
         */
        void open(String url) throws Exception;
    }

    private static final PseudoClass FAILED = PseudoClass.getPseudoClass("error");

    private final DetailViewModel model;
    private final UrlOpener browser;
    private final UiTasks tasks;
    /** What the last Open in browser did: shown in the pane, never only on the terminal. */
    private final Label browserNote = label("browserNote");
    private final Clock clock;

    private final Label placeholder = new Label("Select a row to see what is on its port.");
    private final Label title = label("detailTitle");
    private final Label service = label("detailService");
    private final Label exposure = label("detailExposure");
    private final Label range = label("detailRange");
    private final TextArea command = new TextArea();
    private final Label directory = label("detailDirectory");
    private final Label user = label("detailUser");
    private final Label started = label("detailStarted");
    private final Label parent = label("detailParent");
    private final Label children = label("detailChildren");
    private final Label sockets = label("detailSockets");
    private final Button openBrowser = button("openBrowser", "Open in browser");
    private final Button copyCurl = button("copyCurl", "Copy curl");
    private final Button copyLsof = button("copyLsof", "Copy lsof");
    private final Button copyNetstat = button("copyNetstat", PortCommands.netstatLabel());
    private final ScrollPane content;
    private final ConnectionsViewModel connectionsModel;
    private final TableView<ConnectionRow> connectionTable = new TableView<>();
    private final Label connectionStatus = label("connectionStatus");
    private final Button closeConnection = button("closeConnection", "Close connection…");
    private final Button disconnectDebugger = button("disconnectDebugger", "Disconnect debugger…");
    private ConnectionCommands commands;

    private ListenerRow followed;
    /** A selection change waits to be shown; FX thread. */
    private boolean selectionPending;
    /** Follows the selected row's socket as new scans update it. */
    private final ChangeListener<Listener> onRowChanged;

    /**
     * @param model   the pane's state
     * @param browser opens a URL in the user's browser; run through {@code tasks}, off the JavaFX thread
     * @param tasks   runs the browser off the JavaFX thread and reports back on it
     * @param clock   the time source for uptimes
     */
    public DetailPane(DetailViewModel model, UrlOpener browser, UiTasks tasks, Clock clock) {
        this(model, new ConnectionsViewModel(Optional.empty(), tasks), browser, tasks, clock);
    }

    /**
     * @param model       the pane's state
     * @param connections the selected socket's connection list
     * @param browser     opens a URL in the user's browser; run through {@code tasks}, off the JavaFX thread
     * @param tasks       runs the browser off the JavaFX thread and reports back on it
     * @param clock       the time source for uptimes and connection ages
     */
    public DetailPane(DetailViewModel model, ConnectionsViewModel connections, UrlOpener browser, UiTasks tasks,
                      Clock clock) {
        this.connectionsModel = connections;
        this.model = model;
        this.browser = browser;
        this.tasks = tasks;
        this.clock = clock;
        this.onRowChanged = (obs, old, listener) -> {
            model.show(Optional.of(listener));
            connectionsModel.show(Optional.of(listener));
        };
        setId("detailPane");
        placeholder.setId("detailPlaceholder");
        getStyleClass().add("detail-pane");
        command.setId("detailCommand");
        command.setEditable(false);
        command.setWrapText(true);
        command.setPrefRowCount(2);
        title.getStyleClass().add("detail-title");
        sockets.setWrapText(false);

        GridPane left = grid();
        row(left, 0, "Service", service);
        row(left, 1, "Port range", range);
        row(left, 2, "Directory", directory);
        row(left, 3, "Command", command);
        row(left, 4, "Exposure", exposure);
        GridPane right = grid();
        row(right, 0, "User", user);
        row(right, 1, "Started", started);
        row(right, 2, "Parent", parent);
        row(right, 3, "Children", children);
        row(right, 4, "Sockets", sockets);
        HBox.setHgrow(left, Priority.ALWAYS);
        right.setPrefWidth(430);
        right.setMinWidth(300);
        var columns = new HBox(24, left, right);

        openBrowser.setTooltip(new Tooltip("Open http://ADDRESS:PORT/: offered for HTTP servers (dev and app servers,"
                + " HTTP ports, common dev-server ports when nothing else is known)"));
        browserNote.managedProperty().bind(browserNote.visibleProperty());
        browserNote.setVisible(false);
        var spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        // Actions sit on the title line so they stay visible however low the pane is.
        var header = new HBox(8, title, spacer, openBrowser, copyCurl, copyLsof, copyNetstat);
        header.setAlignment(Pos.CENTER_LEFT);
        var body = new VBox(8, header, browserNote, columns, connectionSection());
        body.setPadding(new Insets(8, 12, 8, 12));
        content = new ScrollPane(body);
        content.setId("detailContent");
        content.setFitToWidth(true);
        getChildren().addAll(content, placeholder);

        openBrowser.setOnAction(e -> selected().flatMap(l -> PortCommands.browserUrl(l, model.getState()
                .bestService())).ifPresent(this::openInBrowser));
        copyCurl.setOnAction(e -> selected().flatMap(PortCommands::curl).ifPresent(MainView::copy));
        copyLsof.setOnAction(e -> selected().map(PortCommands::lsof).ifPresent(MainView::copy));
        copyNetstat.setOnAction(e -> selected().map(PortCommands::netstat).ifPresent(MainView::copy));
        model.stateProperty().addListener((obs, old, state) -> render(state));
        render(model.getState());
    }

    /** The selected socket's connections, with Close connection and Disconnect debugger. */
    private VBox connectionSection() {
        connectionTable.setId("connectionTable");
        connectionTable.setItems(connectionsModel.rows());
        connectionTable.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        connectionTable.setPlaceholder(new Label("No connections"));
        connectionTable.setPrefHeight(170);
        connectionTable.setMinHeight(110);
        connectionTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        connectionTable.getColumns().addAll(List.of(
                connectionColumn("connPeer", "Peer", 170, c -> c.connection().remote().toString()),
                connectionColumn("connProcess", "Peer process", 150, ListenerConnection::peerText),
                connectionColumn("connState", "State", 100, c -> "ESTABLISHED"),
                connectionColumn("connSent", "Sent", 90, c -> bytes(c.connection().bytesSent())),
                connectionColumn("connReceived", "Received", 90, c -> bytes(c.connection().bytesReceived())),
                connectionColumn("connAge", "Age", 100,
                        c -> uptime(Instant.EPOCH, Instant.EPOCH.plus(c.age(clock.instant())))),
                connectionColumn("connIdle", "Idle", 100, c -> c.connection().idleMillis().isPresent()
                        ? uptime(Instant.EPOCH, Instant.ofEpochMilli(c.connection().idleMillis().getAsLong())) : "")));
        connectionStatus.textProperty().bind(connectionsModel.statusProperty());
        connectionStatus.setWrapText(false);
        // A long status gives way (ellipsis) rather than push the buttons out of the pane.
        connectionStatus.setMinWidth(0);
        var caption = new Label("Connections");
        caption.getStyleClass().add("detail-caption");
        closeConnection.setTooltip(new Tooltip("Close the selected connections (Ctrl+A selects all): the client "
                + "sees a reset, the listener keeps listening"));
        closeConnection.disableProperty().bind(Bindings.isEmpty(connectionTable.getSelectionModel()
                .getSelectedItems()));
        closeConnection.setOnAction(e -> {
            List<TcpConnection> chosen = connectionTable.getSelectionModel().getSelectedItems().stream()
                    .map(row -> row.getConnection().connection()).toList();
            connectionsModel.subject().ifPresent(subject -> {
                // The chosen rows go once closed; the table would then select the neighbour in their place, and a
                // second press would close a connection nobody chose.
                if (commands != null && !chosen.isEmpty() && commands.close(subject, chosen)) {
                    connectionTable.getSelectionModel().clearSelection();
                }
            });
        });
        disconnectDebugger.setTooltip(new Tooltip("Close the debugger's connection: the JVM keeps running and its "
                + "debug agent listens again"));
        disconnectDebugger.setOnAction(e -> connectionsModel.subject().ifPresent(subject -> {
            if (commands != null) {
                commands.disconnectDebugger(subject);
            }
        }));
        disconnectDebugger.setVisible(false);
        disconnectDebugger.managedProperty().bind(disconnectDebugger.visibleProperty());
        closeConnection.setVisible(false);
        var spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        var bar = new HBox(10, caption, connectionStatus, spacer, disconnectDebugger, closeConnection);
        bar.setAlignment(Pos.CENTER_LEFT);
        var section = new VBox(6, bar, connectionTable);
        section.setId("connectionSection");
        section.visibleProperty().bind(connectionsModel.applicableProperty());
        section.managedProperty().bind(section.visibleProperty());
        return section;
    }

    /** Lets the connection list close connections and disconnect debuggers through the window's actions. */
    public void setConnectionCommands(ConnectionCommands actions) {
        this.commands = actions;
        closeConnection.setVisible(actions != null);
        render(model.getState());
    }

    /** The connection list's state. */
    public ConnectionsViewModel connections() {
        return connectionsModel;
    }

    private static TableColumn<ConnectionRow, ListenerConnection> connectionColumn(
            String id, String title, double width, Function<ListenerConnection, String> text) {
        var column = new TableColumn<ConnectionRow, ListenerConnection>(title);
        column.setId(id);
        column.setPrefWidth(width);
        column.setMinWidth(Math.min(width, 70));
        column.setCellValueFactory(features -> features.getValue().connectionProperty());
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(ListenerConnection item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : text.apply(item));
            }
        });
        column.setComparator(Comparator.comparing(text, String.CASE_INSENSITIVE_ORDER));
        return column;
    }

    /** {@code 512 B}, {@code 1.5 KiB}, {@code 3.2 MiB}; empty when the kernel did not say. */
    static String bytes(OptionalLong count) {
        if (count.isEmpty()) {
            return "";
        }
        long value = count.getAsLong();
        if (value < 1024) {
            return value + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double scaled = value;
        int unit = -1;
        while (scaled >= 1024 && unit < units.length - 1) {
            scaled /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", scaled, units[unit]);
    }

    private void openInBrowser(String url) {
        note("Opening " + url + "…", false);
        tasks.run(() -> {
            browser.open(url);
            return url;
        }, opened -> note("Asked the browser to open " + opened + ".", false), error -> {
            String why = error.getMessage() == null || error.getMessage().isBlank()
                    ? error.getClass().getSimpleName() : error.getMessage();
            note("Could not open " + url + " in a browser: " + why, true);
        });
    }

    private void note(String text, boolean failed) {
        browserNote.setText(text);
        browserNote.pseudoClassStateChanged(FAILED, failed);
        browserNote.setVisible(true);
    }

    /** Adds the pane as the "Details" tab of {@code view}, without a connection list reader. */
    public static DetailPane install(MainView view, ProcessReader processes, DockerContainers docker,
                                     UiTasks tasks, UrlOpener browser) {
        return install(view, processes, docker, tasks, browser, Optional.empty());
    }

    /**
     * Adds the pane as the "Details" tab of {@code view}, following its selection and scans.
     *
     * @param processes  reads the selected socket's process
     * @param docker     names the containers behind a docker-proxy socket; the window's one client
     * @param tasks      reads process details and connections and runs the browser opener off the JavaFX thread
     *                   (one thread, owned by the caller), and delivers their results on it
     * @param browser    opens a URL, e.g. {@code BrowserLauncher.forThisOs()::open}
     * @param connectionReader reads the selected listener's connections in {@code tasks}' background only; empty where
     *                   this system cannot
     */
    public static DetailPane install(MainView view, ProcessReader processes, DockerContainers docker,
                                     UiTasks tasks, UrlOpener browser, Optional<TcpConnections> connectionReader) {
        var model = new DetailViewModel(processes, tasks, EphemeralPorts::current, docker::byAddress);
        var connections = new ConnectionsViewModel(connectionReader, tasks);
        var pane = new DetailPane(model, connections, browser, tasks, Clock.systemDefaultZone());
        pane.follow(view);
        var tab = new Tab("Details", pane);
        tab.setId("detailsTab");
        view.addBottomTab(tab);
        // The connection list is read with each scan only while the Details tab is on screen.
        connections.setShown(tab.isSelected());
        tab.selectedProperty().addListener((obs, was, selected) -> connections.setShown(selected));
        return pane;
    }

    /**
     * Shows whatever row {@code view} selects, once the selection settled, and keeps the process's sockets current
     * with its scans. The selection is shown through the pane's tasks ({@link UiTasks#onFx}, later on the JavaFX
     * thread): a scan that replaces rows lets the table's selection pass through nothing and back to the same row
     * within one change, which would otherwise clear and re-read the pane (and lose the selection in its connection
     * list).
     */
    public void follow(MainView view) {
        view.selectedRowProperty().addListener((obs, old, row) -> {
            if (!selectionPending) {
                selectionPending = true;
                tasks.onFx(() -> {
                    selectionPending = false;
                    select(view.selectedRowProperty().get());
                });
            }
        });
        view.model().snapshotProperty().addListener((obs, old, snapshot) -> {
            model.snapshotChanged(snapshot);
            connectionsModel.snapshotChanged(snapshot);
            // The uptime moves on even when nothing else changed, and an equal state fires no change event.
            render(model.getState());
        });
        // Scans that changed nothing reach the window only while a row is shown here: its uptime moves on, and its
        // connections' bytes and ages are read again (when that list is shown).
        view.model().unchangedScansProperty().addListener((obs, old, count) -> {
            connectionsModel.refresh();
            render(model.getState());
        });
        view.selectedRowProperty().addListener((obs, old, row) -> view.model().setEveryScanWanted(row != null));
        model.snapshotChanged(view.model().snapshotProperty().get());
        connectionsModel.snapshotChanged(view.model().snapshotProperty().get());
        select(view.selectedRowProperty().get());
        view.model().setEveryScanWanted(view.selectedRowProperty().get() != null);
    }

    private void select(ListenerRow row) {
        if (row != null && row == followed) {
            return;
        }
        if (followed != null) {
            followed.listenerProperty().removeListener(onRowChanged);
        }
        followed = row;
        browserNote.setVisible(false);
        if (row == null) {
            model.show(Optional.empty());
            connectionsModel.show(Optional.empty());
            return;
        }
        row.listenerProperty().addListener(onRowChanged);
        model.show(Optional.of(row.getListener()));
        connectionsModel.show(Optional.of(row.getListener()));
    }

    private Optional<Listener> selected() {
        return model.getState().listener();
    }

    private void render(DetailState state) {
        boolean empty = state.listener().isEmpty();
        placeholder.setVisible(empty);
        content.setVisible(!empty);
        if (empty) {
            return;
        }
        Listener listener = state.listener().get();
        Optional<ProcessInfo> owner = listener.owner();
        title.setText(listener.protocol().label() + listener.ipVersion().label() + "  " + listener.local()
                + listener.remote().map(r -> " → " + r).orElse("") + "  ·  "
                + owner.map(p -> (p.name().isEmpty() ? "?" : p.name()) + " (pid " + p.pid() + ")")
                        .orElse("owner unknown"));
        service.setText(state.bestService().map(DetailPane::describe).orElse("not recognised"));
        exposure.setText(Exposure.sentence(listener, state.service())
                .orElse("Loopback only: other machines cannot connect."));
        exposure.pseudoClassStateChanged(CRITICAL, Exposure.of(listener, state.service()) == Exposure.CRITICAL);
        range.setText(state.extras().map(e -> e.portClass().describe()).orElse("…"));
        command.setText(owner.map(ProcessInfo::commandLine).filter(c -> !c.isEmpty()).orElse("unknown"));
        directory.setText(state.extras().map(e -> e.workingDirectory().isEmpty() ? "unknown" : e.workingDirectory())
                .orElse("…"));
        user.setText(owner.map(ProcessInfo::user).filter(u -> !u.isEmpty()).orElse("unknown"));
        started.setText(owner.flatMap(ProcessInfo::startTime)
                .map(t -> SocketFields.formatStarted(t) + " (up " + uptime(t, clock.instant()) + ")")
                .orElse("unknown"));
        parent.setText(state.extras().map(e -> e.parent().map(DetailPane::process)
                .orElse(owner.map(p -> p.parentPid() > 0 ? String.valueOf(p.parentPid()) : "unknown")
                        .orElse("unknown"))).orElse("…"));
        children.setText(state.extras().map(e -> e.children().isEmpty() ? "none"
                : e.children().stream().map(DetailPane::process).collect(Collectors.joining("\n"))).orElse("…"));
        sockets.setText(socketLines(state.sockets()));
        disconnectDebugger.setVisible(commands != null && commands.isDebuggerSession(listener));
        openBrowser.setDisable(PortCommands.browserUrl(listener, state.bestService()).isEmpty());
        copyCurl.setDisable(PortCommands.curl(listener).isEmpty());
    }

    static String describe(ServiceMatch match) {
        return match.label() + " — " + match.reason();
    }

    static String process(ProcessInfo process) {
        return process.pid() + (process.name().isEmpty() ? "" : "  " + process.name());
    }

    static String socketLines(List<Listener> sockets) {
        return sockets.stream().map(s -> s.protocol().label() + s.ipVersion().label() + "  " + s.state() + "  "
                + s.local() + s.remote().map(r -> " → " + r).orElse("")).collect(Collectors.joining("\n"));
    }

    /** {@code "2 d 3 h"}, {@code "1 h 05 min"}, {@code "4 min 09 s"}, {@code "12 s"}. */
    static String uptime(Instant start, Instant now) {
        Duration up = Duration.between(start, now);
        if (up.isNegative()) {
            up = Duration.ZERO;
        }
        if (up.toDays() > 0) {
            return up.toDays() + " d " + up.toHoursPart() + " h";
        }
        if (up.toHours() > 0) {
            return up.toHours() + " h " + String.format("%02d", up.toMinutesPart()) + " min";
        }
        if (up.toMinutes() > 0) {
            return up.toMinutes() + " min " + String.format("%02d", up.toSecondsPart()) + " s";
        }
        return up.toSeconds() + " s";
    }

    private static GridPane grid() {
        var grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(4);
        var names = new ColumnConstraints();
        names.setMinWidth(80);
        var values = new ColumnConstraints();
        values.setHgrow(Priority.ALWAYS);
        values.setFillWidth(true);
        grid.getColumnConstraints().addAll(names, values);
        return grid;
    }

    private static void row(GridPane grid, int index, String name, Node value) {
        var caption = new Label(name);
        caption.getStyleClass().add("detail-caption");
        GridPane.setValignment(caption, VPos.TOP);
        grid.addRow(index, caption, value);
    }

    private static Label label(String id) {
        var label = new Label();
        label.setId(id);
        label.setWrapText(true);
        return label;
    }

    private static Button button(String id, String text) {
        var button = new Button(text);
        button.setId(id);
        return button;
    }
}
