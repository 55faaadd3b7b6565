package dev.portwatch.ui.watch;

import dev.portwatch.core.watch.WatchEvent;
import javafx.scene.Node;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;

import java.util.function.Consumer;

/** Shows watch transitions as ControlsFX notifications in the corner of the window. FX thread only. */
final class WatchNotifications implements Consumer<WatchEvent> {

    private final Node anchor;
    private final String titlePrefix;

    WatchNotifications(Node anchor) {
        this(anchor, "");
    }

    /** Notifications whose titles start with {@code titlePrefix}, e.g. a remote host's name and a colon. */
    WatchNotifications(Node anchor, String titlePrefix) {
        this.anchor = anchor;
        this.titlePrefix = titlePrefix;
    }

    @Override
    public void accept(WatchEvent event) {
        String title = switch (event.kind()) {
            case TAKEN -> "Watched port taken";
            case FREED -> "Watched port free";
            case CONFLICT -> "Port conflict";
            case EXPOSED -> "Port exposed to the network";
            default -> "portwatch";
        };
        boolean warning = event.kind() == WatchEvent.Kind.CONFLICT || event.kind() == WatchEvent.Kind.EXPOSED;
        show(titlePrefix + title, event.message(), warning);
    }

    /** Shows one notification; does nothing before the window is shown. */
    void show(String title, String text, boolean warning) {
        if (anchor.getScene() == null || anchor.getScene().getWindow() == null) {
            return;
        }
        Notifications notification = Notifications.create().title(title).text(text)
                .owner(anchor.getScene().getWindow()).hideAfter(Duration.seconds(8));
        if (warning) {
            notification.showWarning();
        } else {
            notification.showInformation();
        }
    }
}
