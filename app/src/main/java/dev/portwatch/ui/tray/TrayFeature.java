package dev.portwatch.ui.tray;

import dev.portwatch.core.service.ServiceIdentifier;
import dev.portwatch.model.Listener;
import dev.portwatch.model.WatchRule;
import dev.portwatch.ui.Icons;
import dev.portwatch.ui.MainView;
import dev.portwatch.ui.settings.ViewSettings;
import dev.portwatch.ui.tasks.UiTasks;
import dev.portwatch.ui.vm.WatchViewModel;
import javafx.application.Platform;
import javafx.beans.InvalidationListener;
import javafx.scene.control.CheckMenuItem;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;

import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Predicate;
import java.util.logging.Logger;

/**
 * The tray icon, where the desktop has a tray: shows the worst watched state, and a menu with the watched ports and
 * their holders, Show window, Pause and Quit. With View ▸ Keep running in the tray (offered only when there is a
 * tray), closing the window hides it and portwatch keeps watching. FX thread, except what {@link AwtTray} does.
 */
public final class TrayFeature {

    private static final Logger LOG = Logger.getLogger(TrayFeature.class.getName());

    private final Stage stage;
    private final MainView view;
    private final WatchViewModel watch;
    private final ViewSettings settings;
    private final TrayViewModel trayModel;
    private final Runnable quit;
    private Optional<TrayIconView> tray = Optional.empty();

    TrayFeature(Stage stage, MainView view, WatchViewModel watch, ViewSettings settings, Runnable quit) {
        this.stage = stage;
        this.view = view;
        this.watch = watch;
        this.settings = settings;
        this.quit = quit;
        ServiceIdentifier services = ServiceIdentifier.standard();
        this.trayModel = new TrayViewModel(services::identify);
    }

    /**
     * Looks for a tray in the background and, when there is one, adds the icon and the setting. FX thread.
     *
     * @param fx     reaches the JavaFX thread from AWT's threads
     * @param search looks for the tray (every 5 s for 2 minutes); owned by the caller
     */
    public static TrayFeature install(Stage stage, MainView view, WatchViewModel watch, ViewSettings settings,
                                      UiTasks fx, ScheduledExecutorService search) {
        var feature = new TrayFeature(stage, view, watch, settings, Platform::exit);
        AwtTray.open(command -> fx.onFx(() -> feature.run(command)), search)
                .thenAccept(found -> found.ifPresent(awt -> fx.onFx(() -> feature.attach(awt))));
        return feature;
    }

    /** True once the tray icon is shown. */
    public boolean hasTray() {
        return tray.isPresent();
    }

    /** Removes the icon. FX thread. */
    public void close() {
        tray.ifPresent(TrayIconView::close);
    }

    /** Starts showing the watched ports' state in a tray, and offers the keep-in-tray setting. FX thread. */
    void attach(TrayIconView awt) {
        tray = Optional.of(awt);
        LOG.info("tray icon added");
        // The window may now be hidden with portwatch still running; quitting is explicit (tray menu, last close).
        Platform.setImplicitExit(false);
        stage.addEventHandler(WindowEvent.WINDOW_CLOSE_REQUEST, e -> {
            if (settings.current().desktop().keepInTray()) {
                e.consume();
                stage.hide();
            } else {
                quit.run();
            }
        });
        var keep = new CheckMenuItem("Keep running in the tray when the window closes");
        keep.setId("keepInTray");
        // The menus got their icons when the window opened; the tray turned up later.
        Icons.forId(keep.getId()).ifPresent(ikon -> keep.setGraphic(Icons.icon(ikon)));
        keep.setSelected(settings.current().desktop().keepInTray());
        keep.setOnAction(e -> settings.update(s -> s.withDesktop(s.desktop().withKeepInTray(keep.isSelected()))));
        view.menu("View").getItems().add(keep);

        InvalidationListener refresh = o -> awt.show(trayModel.model(watch.statuses(), view.model().pausedProperty()
                .get()));
        watch.revisionProperty().addListener(refresh);
        view.model().pausedProperty().addListener(refresh);
        refresh.invalidated(null);
    }

    /** Carries out a tray menu command. FX thread. */
    void run(TrayCommand command) {
        if (command instanceof TrayCommand.ShowWatch entry) {
            showWindow();
            view.selectFirst(holds(entry.rule()));
        } else if (command instanceof TrayCommand.TogglePause) {
            view.model().setPaused(!view.model().pausedProperty().get());
        } else if (command instanceof TrayCommand.Quit) {
            quit.run();
        } else {
            showWindow();
        }
    }

    private static Predicate<Listener> holds(WatchRule rule) {
        return socket -> rule.ports().contains(socket.port()) && rule.watches(socket.protocol());
    }

    private void showWindow() {
        stage.show();
        stage.setIconified(false);
        stage.toFront();
    }
}
