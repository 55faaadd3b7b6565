package dev.portwatch.ui.vm;

import dev.portwatch.core.remote.HostStatus;
import dev.portwatch.core.remote.RemoteConnection;
import dev.portwatch.core.remote.RemoteScanFeed;
import dev.portwatch.core.remote.SshDestination;
import dev.portwatch.core.service.ContainerNames;
import dev.portwatch.ui.tasks.UiTasks;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * One remote host in the window: its table's view model, fed by the host's {@link RemoteScanFeed} (one SSH
 * session streaming scans), and its reachability for the status bar. When the host drops, the table keeps its last
 * rows and {@link #offlineProperty()} turns true, so the view greys it; the text says since when and why.
 *
 * <p>Properties are read and written on the JavaFX thread, which {@code fx} reaches.
 */
public final class HostViewModel implements AutoCloseable {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final SshDestination destination;
    private final MainViewModel table;
    private final ZoneId zone;
    private final ReadOnlyObjectWrapper<HostStatus> status;
    private final ReadOnlyBooleanWrapper offline = new ReadOnlyBooleanWrapper(this, "offline");
    private final ReadOnlyStringWrapper reachability = new ReadOnlyStringWrapper(this, "reachability");
    private RemoteScanFeed feed;

    /**
     * @param destination the host
     * @param connector   opens its SSH sessions
     * @param executor    single-threaded: receives the stream's scans, computes diffs, schedules reconnects
     * @param readers     runs each session's blocking reads
     * @param fx          delivers scans and status changes to the JavaFX application thread
     * @param clock       time source for highlights and the status's times
     * @param firstRetry  the first reconnect backoff
     * @param zone        the zone the times are shown in
     */
    public HostViewModel(SshDestination destination, RemoteConnection.Connector connector,
                         ScheduledExecutorService executor, Executor readers, UiTasks fx, Clock clock,
                         Duration firstRetry, ZoneId zone) {
        this.destination = destination;
        this.zone = zone;
        this.status = new ReadOnlyObjectWrapper<>(this, "status", HostStatus.connecting(clock.instant()));
        this.table = new MainViewModel(sink -> {
            feed = new RemoteScanFeed(connector, destination, executor, readers, sink,
                    next -> fx.onFx(() -> show(next)), clock, firstRetry);
            return feed;
        }, executor, fx, clock, ContainerNames.none());
        show(status.get());
    }

    /** The host's destination. */
    public SshDestination destination() {
        return destination;
    }

    /** The view model of the host's table; {@link MainViewModel#start()} opens the session. */
    public MainViewModel table() {
        return table;
    }

    /** The host's stream state. */
    public ReadOnlyObjectProperty<HostStatus> statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** True while the host is down: the table shows its last rows, greyed. */
    public ReadOnlyBooleanProperty offlineProperty() {
        return offline.getReadOnlyProperty();
    }

    /**
     * One short line for the status bar: connecting, up since, or down since when and the next try; why it is down
     * is in {@link #statusProperty()} and, as the table's last error, on the status bar's left.
     */
    public ReadOnlyStringProperty reachabilityProperty() {
        return reachability.getReadOnlyProperty();
    }

    /** How many SSH sessions the host's feed opened so far. */
    public int sessionsOpened() {
        return feed.sessionsOpened();
    }

    @Override
    public void close() {
        table.close();
    }

    private void show(HostStatus next) {
        status.set(next);
        offline.set(next.state() == HostStatus.State.DOWN);
        reachability.set(switch (next.state()) {
            case CONNECTING -> destination + ": connecting\u2026";
            case UP -> destination + ": connected since " + time(next.since());
            case DOWN -> destination + ": down since " + time(next.since())
                    + next.nextTry().map(at -> " \u00b7 next try " + time(at)).orElse("");
        });
    }

    private String time(Instant instant) {
        return TIME.format(instant.atZone(zone));
    }
}
