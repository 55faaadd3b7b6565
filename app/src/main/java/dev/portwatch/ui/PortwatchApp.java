package dev.portwatch.ui;

import dev.portwatch.core.DaemonThreads;
import dev.portwatch.core.LaunchOptions;
import dev.portwatch.core.remote.SshConnector;
import dev.portwatch.core.settings.SettingsStore;
import dev.portwatch.core.helper.Elevation;
import dev.portwatch.core.helper.RevealingScanner;
import dev.portwatch.os.Scanners;
import dev.portwatch.core.desktop.ColorScheme;
import dev.portwatch.core.desktop.DesktopColorScheme;
import dev.portwatch.ui.actions.ActionsFeature;
import dev.portwatch.ui.hosts.HostsFeature;
import dev.portwatch.ui.elevate.ShowAllOwners;
import dev.portwatch.ui.settings.ViewSettings;
import dev.portwatch.ui.autostart.AutostartFeature;
import dev.portwatch.ui.help.HelpFeature;
import dev.portwatch.ui.tray.TrayFeature;
import dev.portwatch.ui.theme.ThemeFeature;
import dev.portwatch.ui.vm.MainViewModel;
import dev.portwatch.ui.watch.WatchFeature;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.stage.Screen;
import javafx.scene.control.Alert;
import javafx.scene.control.SeparatorMenuItem;
import javafx.stage.Stage;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The JavaFX application: one window with the live table. */
public final class PortwatchApp extends Application {

    private static final Logger LOG = Logger.getLogger(PortwatchApp.class.getName());
    private static volatile LaunchOptions launchOptions = new LaunchOptions(List.of());

    private ScheduledExecutorService scanExecutor;
    private ScheduledExecutorService hostExecutor;
    private ExecutorService hostReaders;
    private HostsFeature hosts;
    private MainViewModel model;
    private SettingsStore.Loaded loadedSettings;
    private ExecutorService elevationExecutor;
    private ShowAllOwners showAllOwners;
    private ViewSettings settings;
    private ColorScheme desktopScheme = ColorScheme.LIGHT;
    private TrayFeature tray;

    @Override
    public void init() {
        // Runs on the launcher thread: the settings file is read, and the desktop asked for its colour scheme,
        // before the window exists, off the FX thread.
        loadedSettings = SettingsStore.inUserConfig().load();
        desktopScheme = DesktopColorScheme.detect();
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
        RenderingPipeline.applyDefault();
        Application.launch(PortwatchApp.class);
    }

    @Override
    public void start(Stage stage) {
        Thread.setDefaultUncaughtExceptionHandler(PortwatchApp::onUncaught);
        scanExecutor = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("portwatch-scan"));
        Clock clock = Clock.systemUTC();
        // The window's scanner merges owners from the privileged helper once Show all owners started it.
        var scanner = new RevealingScanner(Scanners.create());
        model = new MainViewModel(scanner, scanExecutor, Platform::runLater, clock);
        settings = new ViewSettings(SettingsStore.inUserConfig(), loadedSettings.settings(), model);
        var view = new MainView(model);
        // Features hook into the view here, one line each.
        settings.bind(view);
        var watch = WatchFeature.install(view, settings, launchOptions.watchSpecs(), loadedSettings.problem());
        dev.portwatch.ui.detail.DetailPane.install(view, getHostServices()::showDocument);
        dev.portwatch.ui.export.TableExport.install(view);
        ThemeFeature.install(view, settings, desktopScheme).followDesktopOnFocus(stage);
        view.menu("View").getItems().add(new SeparatorMenuItem());
        AutostartFeature.install(view, settings.io());
        tray = TrayFeature.install(stage, view, watch, settings);
        HelpFeature.install(view);
        hostExecutor = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("portwatch-hosts"));
        hostReaders = Executors.newCachedThreadPool(DaemonThreads.named("portwatch-ssh"));
        hosts = HostsFeature.install(view, settings, SshConnector.fromEnvironment(), hostExecutor, hostReaders);
        elevationExecutor = Executors.newSingleThreadExecutor(DaemonThreads.named("portwatch-elevation"));
        showAllOwners = new ShowAllOwners(view, scanner, elevationExecutor, () -> Elevation.choose(false)).install();
        var actions = ActionsFeature.install(view);
        actions.excludeWatchedPorts(watch);
        actions.useHelper(showAllOwners::helper);
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
        if (scanExecutor != null) {
            scanExecutor.shutdownNow();
        }
        if (hostExecutor != null) {
            hostExecutor.shutdownNow();
        }
        if (hostReaders != null) {
            hostReaders.shutdownNow();
        }
        // Quitting ends the privileged helper (its input closes).
        if (showAllOwners != null) {
            showAllOwners.close();
        }
        if (elevationExecutor != null) {
            elevationExecutor.shutdownNow();
        }
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
