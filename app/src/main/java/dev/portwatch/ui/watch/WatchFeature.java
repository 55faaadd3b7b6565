package dev.portwatch.ui.watch;

import dev.portwatch.core.watch.WatchSpecException;
import dev.portwatch.core.watch.WatchSpecs;
import dev.portwatch.model.WatchRule;
import dev.portwatch.ui.MainView;
import dev.portwatch.ui.settings.ViewSettings;
import dev.portwatch.ui.vm.WatchViewModel;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Wires watched ports into the window: side panel, row marks, notifications and the event log tab. */
public final class WatchFeature {

    private static final Logger LOG = Logger.getLogger(WatchFeature.class.getName());

    private WatchFeature() {
    }

    /**
     * Adds the watch feature to the view. FX thread only.
     *
     * @param view            the main view
     * @param settings        the window's settings: the saved watch list is read from and saved to them
     * @param launchSpecs     {@code --watch} specifications for this run; they are not saved
     * @param settingsProblem why the settings file was set aside, shown once as a notification
     * @return the watch view model, for tests
     */
    public static WatchViewModel install(MainView view, ViewSettings settings, List<String> launchSpecs,
                                         Optional<String> settingsProblem) {
        var watch = new WatchViewModel(view.model().snapshotProperty(), settings.current().watchRules(),
                sessionRules(launchSpecs), rules -> settings.update(s -> s.withWatchRules(rules)));
        var notifications = wire(view, settings, watch, new WatchNotifications(view));
        settings.setOnSaveFailed(message -> notifications.show("Settings not saved", message, true));
        // After start() returns, so the window exists to own the notification.
        settingsProblem.ifPresent(problem -> settings.io().onFx(() ->
                notifications.show("Settings reset", problem, true)));
        return watch;
    }

    /**
     * Adds the watch feature to a remote host's view: the host's own watch list (saved with the host), its own
     * panel, row marks, event log and notifications titled with the host's name. FX thread only.
     *
     * @param view     the host's view
     * @param settings the window's settings: the mute switch is shared with this machine's
     * @param host     the host's name, for notification titles
     * @param saved    the host's saved watch list
     * @param save     persists the host's new watch list
     * @return the host's watch view model
     */
    public static WatchViewModel installForHost(MainView view, ViewSettings settings, String host,
                                                List<WatchRule> saved, Consumer<List<WatchRule>> save) {
        var watch = new WatchViewModel(view.model().snapshotProperty(), saved, List.of(), save);
        wire(view, settings, watch, new WatchNotifications(view, host + ": "));
        return watch;
    }

    private static WatchNotifications wire(MainView view, ViewSettings settings, WatchViewModel watch,
                                           WatchNotifications notifications) {
        watch.mutedProperty().set(settings.current().notificationsMuted());
        watch.mutedProperty().addListener((obs, old, muted) ->
                settings.update(s -> s.withNotificationsMuted(muted)));
        watch.setNotifier(notifications);
        view.addSidePanel(new WatchPanel(watch, view));
        view.addBottomTab(new EventLogTab(watch, settings.io()));
        view.addRowDecorator(new WatchRowMarks(watch));
        watch.revisionProperty().addListener((obs, old, revision) -> view.refreshRows());
        return notifications;
    }

    private static List<WatchRule> sessionRules(List<String> specs) {
        if (specs.isEmpty()) {
            return List.of();
        }
        try {
            return WatchSpecs.parseAll(specs);
        } catch (WatchSpecException e) {
            // The command line refuses bad specs before the window opens; this is a programming error.
            LOG.log(Level.WARNING, "ignoring --watch", e);
            return List.of();
        }
    }
}
