package dev.portwatch.ui;

import dev.portwatch.core.ConfinedScanner;
import dev.portwatch.core.DaemonThreads;
import dev.portwatch.core.LaunchOptions;
import dev.portwatch.core.OwnerVisibility;
import dev.portwatch.core.desktop.BrowserLauncher;
import dev.portwatch.core.desktop.ColorScheme;
import dev.portwatch.core.desktop.DesktopColorScheme;
import dev.portwatch.core.helper.Elevation;
import dev.portwatch.core.helper.HelperClient;
import dev.portwatch.core.helper.HelperSession;
import dev.portwatch.core.helper.RevealingScanner;
import dev.portwatch.core.remote.SshConnector;
import dev.portwatch.core.service.ContainerNames;
import dev.portwatch.core.settings.SettingsStore;
import dev.portwatch.core.watch.LocalhostNames;
import dev.portwatch.os.DockerContainers;
import dev.portwatch.os.NativeEnvironment;
import dev.portwatch.os.ProcessReader;
import dev.portwatch.os.Scanners;
import dev.portwatch.os.SocketScanner;
import dev.portwatch.ui.actions.ActionsFeature;
import dev.portwatch.ui.actions.ActionsViewModel;
import dev.portwatch.ui.autostart.AutostartFeature;
import dev.portwatch.ui.detail.DetailPane;
import dev.portwatch.ui.elevate.ShowAllOwners;
import dev.portwatch.ui.export.TableExport;
import dev.portwatch.ui.help.HelpFeature;
import dev.portwatch.ui.hosts.HostsFeature;
import dev.portwatch.ui.settings.ViewSettings;
import dev.portwatch.ui.tasks.UiTasks;
import dev.portwatch.ui.theme.ThemeFeature;
import dev.portwatch.ui.tray.TrayFeature;
import dev.portwatch.ui.vm.MainViewModel;
import dev.portwatch.ui.watch.WatchFeature;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.SeparatorMenuItem;
import javafx.stage.Screen;
import javafx.stage.Stage;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The JavaFX application: one window with the live table. */
public final class PortwatchApp extends Application {

    private static final Logger LOG = Logger.getLogger(PortwatchApp.class.getName());
    private static volatile LaunchOptions launchOptions = new LaunchOptions(List.of());

    /** Every executor of the window, in start order; {@link #stop()} shuts them all down. */
    private final List<ExecutorService> executors = new ArrayList<>();
    private HostsFeature hosts;
    private MainViewModel model;
    private SettingsStore.Loaded loadedSettings;
    /** File work; shut down last and gracefully, so that the settings saved on close reach the disk. */
    private ExecutorService ioThread;
    private ShowAllOwners showAllOwners;
    private ViewSettings settings;
    private ColorScheme desktopScheme = ColorScheme.LIGHT;
    private LocalhostNames localhost = LocalhostNames.UNKNOWN;
    private TrayFeature tray;

    @Override
    public void init() {
        // Runs on the launcher thread: the settings file is read, and the desktop asked for its colour scheme,
        // before the window exists, off the FX thread.
        loadedSettings = SettingsStore.inUserConfig().load();
        desktopScheme = DesktopColorScheme.detect();
        // A name lookup, so here rather than on the FX thread: split-localhost conflicts say which holder it reaches.
        localhost = LocalhostNames.resolve();
    }

    /**
     * Opens the window and blocks until it is closed; the entry point {@code WindowLayer} calls reflectively, with
     * the {@code --watch} specifications as plain strings.
     */
    public static void launchWindow(List<String> watchSpecs) {
        launchWindow(new LaunchOptions(watchSpecs));
    }

    /** Opens the window and blocks until it is closed. */
    public static void launchWindow(LaunchOptions options) {
        launchOptions = options;
        // Before the toolkit's threads exist: they would each get a malloc heap of their own. See README, Performance.
        NativeEnvironment.limitMallocArenas(2);
        RenderingPipeline.applyDefault();
        Application.launch(PortwatchApp.class);
    }

    @Override
    public void start(Stage stage) {
        Thread.setDefaultUncaughtExceptionHandler(PortwatchApp::onUncaught);
        // The composition root: the OS services and every thread of the window are made here, once, and handed to
        // the features through their constructors.
        ScheduledExecutorService scanThread = own(Executors.newSingleThreadScheduledExecutor(
                DaemonThreads.named("portwatch-scan")));
        ExecutorService actionThread = own(Executors.newSingleThreadExecutor(DaemonThreads.named("portwatch-actions")));
        ExecutorService detailThread = own(Executors.newSingleThreadExecutor(DaemonThreads.named("portwatch-details")));
        ExecutorService exportThread = own(Executors.newSingleThreadExecutor(DaemonThreads.named("portwatch-export")));
        // Settings saves, the event log's export, autostart and the desktop's colour scheme: file work, in order.
        ioThread = Executors.newSingleThreadExecutor(DaemonThreads.named("portwatch-io"));
        // Every result reaches the FX thread this one way.
        Executor fxThread = Platform::runLater;
        // The window's scanner merges owners from the privileged helper once Show all owners started it.
        var revealing = new RevealingScanner(Scanners.create());
        SocketScanner scanner = revealing;
        ProcessReader processes = Scanners.processes();
        Clock clock = Clock.systemUTC();
        // One docker client (its container cache): the table's Service column and the Details tab share it.
        DockerContainers docker = DockerContainers.system();
        model = new MainViewModel(scanner, scanThread, UiTasks.on(scanThread, fxThread), clock,
                new ContainerNames(docker));
        settings = new ViewSettings(SettingsStore.inUserConfig(), loadedSettings.settings(), model,
                UiTasks.on(ioThread, fxThread));
        var view = new MainView(model);
        // Features hook into the view here, one line each.
        settings.bind(view);
        var watch = WatchFeature.install(view, settings, launchOptions.watchSpecs(), loadedSettings.problem());
        watch.setLocalhost(localhost);
        // Each thread that reads connections gets its own netlink socket (one call at a time on each). The
        // desktop's opener rather than HostServices, which only prints a stack trace when there is no browser.
        DetailPane details = DetailPane.install(view, processes, docker, UiTasks.on(detailThread, fxThread),
                BrowserLauncher.forThisOs()::open, Scanners.connections());
        TableExport.install(view, UiTasks.on(exportThread, fxThread));
        // Platform.exit runs stop(): the same exit path as the tray's Quit and closing the last window.
        QuitItem.install(view, Platform::exit);
        // Actions scan on the polling thread, so the window keeps one scanner. Closing a connection the user may
        // not close goes through the privileged helper while Show all owners runs it.
        ActionsViewModel actions = ActionsFeature.install(view, new ConfinedScanner(scanner, scanThread), processes,
                UiTasks.on(actionThread, fxThread), Scanners.connections(),
                () -> revealing.helper().filter(HelperClient::isAlive).map(helper -> helper::closeConnections))
                .model();
        actions.excludeWatchedPorts(watch);
        details.setConnectionCommands(actions.connectionCommands());
        ThemeFeature.install(view, settings, desktopScheme).followDesktopOnFocus(stage);
        view.menu("View").getItems().add(new SeparatorMenuItem());
        AutostartFeature.install(view, settings.io());
        ScheduledExecutorService trayThread = own(Executors.newSingleThreadScheduledExecutor(
                DaemonThreads.named("portwatch-tray")));
        tray = TrayFeature.install(stage, view, watch, settings, UiTasks.on(trayThread, fxThread), trayThread);
        HelpFeature.install(view);
        ScheduledExecutorService hostThread = own(Executors.newSingleThreadScheduledExecutor(
                DaemonThreads.named("portwatch-hosts")));
        ExecutorService hostReaders = own(Executors.newCachedThreadPool(DaemonThreads.named("portwatch-ssh")));
        ExecutorService sshErrors = own(Executors.newCachedThreadPool(DaemonThreads.named("portwatch-ssh-stderr")));
        hosts = HostsFeature.install(view, settings, SshConnector.fromEnvironment(sshErrors), hostThread, hostReaders,
                UiTasks.on(hostReaders, fxThread));
        ExecutorService elevationThread = own(Executors.newSingleThreadExecutor(
                DaemonThreads.named("portwatch-elevation")));
        showAllOwners = new ShowAllOwners(view, revealing, UiTasks.on(elevationThread, fxThread),
                () -> Elevation.choose(false)).install();
        // Kill and Move of other users' processes go through the helper Show all owners started.
        actions.useHelper(() -> revealing.helper().map(HelperSession.class::cast), showAllOwners::start);
        model.setHiddenOwnerRemedy(OwnerVisibility.WINDOW_REMEDY);
        // A saved or default size larger than this screen (a laptop after an external monitor) would put the
        // window's edges out of reach, so it is fitted to the screen's usable area.
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        var scene = new Scene(hosts.root(), Math.min(settings.current().windowWidth(), screen.getWidth()),
                Math.min(settings.current().windowHeight(), screen.getHeight()));
        scene.getStylesheets().add(PortwatchApp.class.getResource("portwatch.css").toExternalForm());
        stage.setTitle("portwatch");
        stage.setScene(scene);
        StartupProbe.install(scene, model.snapshotProperty());
        stage.show();
        // After show: every feature has added its buttons and menu items, and the panes have their skins.
        Icons.decorate(view);
        model.start();
    }

    @Override
    public void stop() {
        if (tray != null) {
            tray.close();
        }
        if (settings != null) {
            settings.close();
        }
        if (model != null) {
            model.close();
        }
        if (hosts != null) {
            hosts.close();
        }
        // Quitting ends the privileged helper (its input closes).
        if (showAllOwners != null) {
            showAllOwners.close();
        }
        executors.forEach(ExecutorService::shutdownNow);
        if (ioThread != null) {
            ioThread.shutdown();
            try {
                if (!ioThread.awaitTermination(3, TimeUnit.SECONDS)) {
                    LOG.warning("settings were still being saved when portwatch closed");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private <T extends ExecutorService> T own(T executor) {
        executors.add(executor);
        return executor;
    }

    /** The single handler for exceptions nobody caught: log the trace, show the user one sentence. */
    private static void onUncaught(Thread thread, Throwable error) {
        LOG.log(Level.SEVERE, "Uncaught exception on " + thread.getName(), error);
        Runnable show = () -> {
            var alert = new Alert(Alert.AlertType.ERROR);
            alert.setTitle("portwatch");
            alert.setHeaderText("Something went wrong");
            alert.setContentText(shortMessage(error) + "\nportwatch keeps running; details are in the log.");
            alert.show();
        };
        if (Platform.isFxApplicationThread()) {
            show.run();
        } else {
            Platform.runLater(show);
        }
    }

    static String shortMessage(Throwable error) {
        String message = error.getMessage();
        return error.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }

    /** Options the command line passed for this run. */
    static LaunchOptions launchOptions() {
        return launchOptions;
    }
}
