package dev.portwatch.ui.hosts;

import dev.portwatch.core.remote.HostStatus;
import dev.portwatch.core.remote.RemoteConnection;
import dev.portwatch.core.remote.RemoteScanFeed;
import dev.portwatch.core.remote.SshDestination;
import dev.portwatch.core.settings.SavedHost;
import dev.portwatch.model.WatchRule;
import dev.portwatch.ui.Icons;
import dev.portwatch.ui.MainView;
import dev.portwatch.ui.export.TableExport;
import dev.portwatch.ui.settings.ViewSettings;
import dev.portwatch.ui.tasks.UiTasks;
import dev.portwatch.ui.vm.HostViewModel;
import dev.portwatch.ui.watch.WatchFeature;
import javafx.beans.binding.Bindings;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.VBox;

import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Collectors;

/**
 * Remote hosts in the window: <i>Hosts ▸ Add host…</i> keeps SSH destinations in the settings, and each host gets
 * a tab with its own table, filter, watch list, event log, notifications and Kill/Move actions, fed by one
 * long-lived SSH session (see {@link HostViewModel}). A host that drops keeps its last table, greyed, with the
 * time and reason in its status bar, and reconnects with backoff; this machine's status bar lists every host's
 * state. FX thread only; the SSH work runs on the executors given.
 */
public final class HostsFeature implements AutoCloseable {

    private static final PseudoClass OFFLINE = PseudoClass.getPseudoClass("offline");

    private final MainView local;
    private final ViewSettings settings;
    private final RemoteConnection.Connector connector;
    private final ScheduledExecutorService executor;
    private final ExecutorService readers;
    private final UiTasks fx;
    private final TabPane tabs = new TabPane();
    private final List<HostViewModel> hosts = new ArrayList<>();
    private final Label summary = new Label();

    private HostsFeature(MainView local, ViewSettings settings, RemoteConnection.Connector connector,
                         ScheduledExecutorService executor, ExecutorService readers, UiTasks fx) {
        this.local = local;
        this.fx = fx;
        this.settings = settings;
        this.connector = connector;
        this.executor = executor;
        this.readers = readers;
    }

    /**
     * Adds the Hosts menu and opens a tab per saved host. FX thread only.
     *
     * @param local     this machine's view, the first tab
     * @param settings  the window's settings, where hosts and their watch lists are saved
     * @param connector opens SSH sessions
     * @param executor  single-threaded: receives the hosts' scans and schedules reconnects
     * @param readers   runs blocking SSH reads and remote actions
     * @param fx        reaches the JavaFX thread from the hosts' threads, and defers work on it
     * @return the feature; {@link #root()} is the window's content
     */
    public static HostsFeature install(MainView local, ViewSettings settings, RemoteConnection.Connector connector,
                                       ScheduledExecutorService executor, ExecutorService readers,
                                       UiTasks fx) {
        var feature = new HostsFeature(local, settings, connector, executor, readers, fx);
        feature.build();
        return feature;
    }

    /** The window's content: a tab for this machine, then one per host. */
    public TabPane root() {
        return tabs;
    }

    /** The hosts shown, in tab order (for tests). */
    public List<HostViewModel> hosts() {
        return List.copyOf(hosts);
    }

    /** Adds a host by destination, as the dialog does after checking it; false when invalid or already there. */
    public boolean addHost(String destination) {
        if (problem(destination).isPresent()) {
            return false;
        }
        var saved = new SavedHost(destination.strip(), List.of());
        settings.update(s -> {
            List<SavedHost> list = new ArrayList<>(s.hosts());
            list.add(saved);
            return s.withHosts(list);
        });
        open(saved);
        tabs.getSelectionModel().selectLast();
        return true;
    }

    @Override
    public void close() {
        hosts.forEach(HostViewModel::close);
    }

    private void build() {
        tabs.setId("hostTabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        var localTab = new Tab("This machine", local);
        localTab.setId("tabLocal");
        tabs.getTabs().add(localTab);

        var add = new MenuItem("Add host\u2026");
        add.setId("addHost");
        add.setOnAction(e -> askForHost().ifPresent(this::addHost));
        var remove = new MenuItem("Remove this host\u2026");
        remove.setId("removeHost");
        remove.disableProperty().bind(tabs.getSelectionModel().selectedIndexProperty().lessThan(1));
        remove.setOnAction(e -> removeSelected());
        local.menu("Hosts").getItems().addAll(add, remove);

        summary.setId("hostsSummary");
        summary.setPadding(new Insets(0, 16, 0, 0));
        local.addStatusItem(summary);
        settings.current().hosts().forEach(this::open);
        updateSummary();
    }

    private void open(SavedHost saved) {
        var destination = SshDestination.parse(saved.destination());
        var host = new HostViewModel(destination, connector, executor, readers, fx,
                Clock.systemUTC(), RemoteScanFeed.FIRST_RETRY, ZoneId.systemDefault());
        hosts.add(host);
        var view = new MainView(host.table());
        view.getStyleClass().add("host-view");

        var reachability = new Label();
        reachability.setId("reachability");
        reachability.setPadding(new Insets(0, 16, 0, 0));
        reachability.textProperty().bind(host.reachabilityProperty());
        view.addStatusItem(reachability);
        var why = new Tooltip();
        why.textProperty().bind(Bindings.createStringBinding(() -> host.statusProperty().get()
                .reason().orElse("Scans arrive over one SSH session."), host.statusProperty()));
        reachability.setTooltip(why);
        host.offlineProperty().addListener((obs, was, offline) -> {
            view.table().pseudoClassStateChanged(OFFLINE, offline);
            reachability.pseudoClassStateChanged(OFFLINE, offline);
        });
        host.statusProperty().addListener((obs, old, status) -> updateSummary());

        WatchFeature.installForHost(view, settings, destination.text(), saved.watchRules(),
                rules -> saveWatchRules(destination.text(), rules));
        TableExport.install(view, fx);
        HostActions.install(view, host, connector, readers, fx);
        // The same toolbar as this machine's: its interval spinner and Pause drive the remote scans.
        host.table().setInterval(settings.current().pollInterval());

        var tab = new Tab(destination.text(), view);
        tab.setId("tabHost" + hosts.size());
        tab.setUserData(host);
        // The same icons as this machine's view, once the tab's controls have their skins (first shown).
        var decorated = new boolean[1];
        tab.setOnSelectionChanged(e -> {
            if (tab.isSelected() && !decorated[0]) {
                decorated[0] = true;
                fx.onFx(() -> Icons.decorate(view));
            }
        });
        tabs.getTabs().add(tab);
        host.table().start();
    }

    private void saveWatchRules(String destination, List<WatchRule> rules) {
        settings.update(s -> s.withHosts(s.hosts().stream()
                .map(h -> h.destination().equals(destination) ? h.withWatchRules(rules) : h)
                .toList()));
    }

    private void removeSelected() {
        Tab tab = tabs.getSelectionModel().getSelectedItem();
        if (tab == null || !(tab.getUserData() instanceof HostViewModel host)) {
            return;
        }
        var confirm = new Alert(Alert.AlertType.CONFIRMATION, "Remove " + host.destination() + " and its "
                + "watch list from portwatch? Nothing changes on the host.", ButtonType.OK, ButtonType.CANCEL);
        confirm.setHeaderText("Remove " + host.destination() + "?");
        if (confirm.showAndWait().orElse(ButtonType.CANCEL) != ButtonType.OK) {
            return;
        }
        host.close();
        hosts.remove(host);
        tabs.getTabs().remove(tab);
        String destination = host.destination().text();
        settings.update(s -> s.withHosts(s.hosts().stream().filter(h -> !h.destination().equals(destination))
                .toList()));
        updateSummary();
    }

    private Optional<String> problem(String destination) {
        Optional<String> invalid = SshDestination.check(destination == null ? "" : destination.strip());
        if (invalid.isPresent()) {
            return invalid.map(p -> Character.toUpperCase(p.charAt(0)) + p.substring(1) + ".");
        }
        String text = destination.strip();
        if (settings.current().hosts().stream().anyMatch(h -> h.destination().equals(text))) {
            return Optional.of(text + " is already in the list.");
        }
        return Optional.empty();
    }

    private Optional<String> askForHost() {
        var dialog = new Dialog<String>();
        dialog.setTitle("Add host");
        dialog.setHeaderText("Watch another machine over SSH");
        var field = new TextField();
        field.setId("hostDestination");
        field.setPromptText("user@host, ssh://user@host:2222 or an ~/.ssh/config alias");
        field.setPrefColumnCount(32);
        var hint = new Label("portwatch runs the system ssh (your keys, agent and known_hosts; it never asks for a"
                + " password)\nand needs portwatch on the host's PATH.");
        var error = new Label();
        error.setId("hostError");
        error.getStyleClass().add("input-error");
        dialog.getDialogPane().setContent(new VBox(8, field, error, hint));
        dialog.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        var ok = dialog.getDialogPane().lookupButton(ButtonType.OK);
        ok.setDisable(true);
        field.textProperty().addListener((obs, old, text) -> {
            Optional<String> problem = problem(text);
            error.setText(text.isEmpty() ? "" : problem.orElse(""));
            ok.setDisable(problem.isPresent());
        });
        dialog.setResultConverter(button -> button == ButtonType.OK ? field.getText().strip() : null);
        fx.onFx(field::requestFocus);
        return dialog.showAndWait();
    }

    private void updateSummary() {
        if (hosts.isEmpty()) {
            summary.setText("");
            return;
        }
        summary.setText("Hosts: " + hosts.stream()
                .map(h -> h.destination() + " " + stateWord(h.statusProperty().get().state()))
                .collect(Collectors.joining(", ")));
        summary.pseudoClassStateChanged(OFFLINE, hosts.stream()
                .anyMatch(h -> h.statusProperty().get().state() == HostStatus.State.DOWN));
    }

    private static String stateWord(HostStatus.State state) {
        return switch (state) {
            case UP -> "up";
            case CONNECTING -> "connecting";
            case DOWN -> "down";
        };
    }
}
