package dev.portwatch.ui.vm;

import dev.portwatch.core.ListenerFilter;
import dev.portwatch.core.OwnerVisibility;
import dev.portwatch.core.ScanFeed;
import dev.portwatch.core.ScanPoller;
import dev.portwatch.core.ScanResult;
import dev.portwatch.core.service.ContainerNames;
import dev.portwatch.core.service.ServiceIdentifier;
import dev.portwatch.core.watch.AcceptedConnections;
import dev.portwatch.model.Listener;
import dev.portwatch.model.Protocol;
import dev.portwatch.model.Snapshot;
import dev.portwatch.model.SnapshotDiff;
import dev.portwatch.model.SocketKey;
import dev.portwatch.model.SocketState;
import dev.portwatch.os.SocketScanner;
import dev.portwatch.ui.tasks.UiTasks;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * State of the main window: the live rows, the filter and the status line. Owns the poller.
 *
 * <p>Scans run on the injected scheduled executor; the diff against the previous scan is computed there too, so
 * the JavaFX thread only applies the changes. All properties and lists are read and written on the JavaFX thread,
 * which {@link UiTasks#onFx} reaches. Tests pass {@link UiTasks#direct()} and a scheduler on virtual time, so scans,
 * highlight ticks and the clock all run on the test's thread.
 */
public final class MainViewModel implements AutoCloseable {

    private final UiTasks fx;
    private final ScheduledExecutorService executor;
    /** The highlight timer's next tick while rows are highlighted; FX thread only. */
    private ScheduledFuture<?> highlightTick;
    private final Clock clock;
    private final ScanFeed poller;

    /** Unchanged scans whose median time is shown, at most, instead of each one's. */
    static final int UNCHANGED_SCANS_PER_TIME = 10;

    /** How often highlights are checked for expiry while some rows are highlighted. */
    public static final Duration HIGHLIGHT_TICK = Duration.ofMillis(250);

    private final RowList rows = new RowList();
    private final FilteredList<ListenerRow> visibleRows = new FilteredList<>(rows);
    private final Map<SocketKey, ListenerRow> rowsByKey = new HashMap<>();
    /** Rows in the NEW or CLOSING phase: the only ones the highlight timer has to look at. */
    private final Set<ListenerRow> highlighted = new HashSet<>();
    /** The visible rows' sockets as a list view, so counting hidden owners copies nothing. */
    private final List<Listener> visibleListeners = new AbstractList<>() {
        @Override
        public Listener get(int index) {
            return visibleRows.get(index).getListener();
        }

        @Override
        public int size() {
            return visibleRows.size();
        }
    };

    private final ObjectProperty<ListenerFilter> filter = new SimpleObjectProperty<>(this, "filter",
            ListenerFilter.DEFAULT);
    private final ReadOnlyObjectWrapper<Snapshot> snapshot = new ReadOnlyObjectWrapper<>(this, "snapshot",
            Snapshot.empty());
    private final ReadOnlyIntegerWrapper shownCount = new ReadOnlyIntegerWrapper(this, "shownCount");
    private final ReadOnlyIntegerWrapper totalCount = new ReadOnlyIntegerWrapper(this, "totalCount");
    private final ReadOnlyLongWrapper lastScanMillis = new ReadOnlyLongWrapper(this, "lastScanMillis", -1);
    private final ReadOnlyStringWrapper ownersNote = new ReadOnlyStringWrapper(this, "ownersNote", "");
    private String hiddenOwnerRemedy = OwnerVisibility.GENERIC_REMEDY;
    private final ReadOnlyStringWrapper lastError = new ReadOnlyStringWrapper(this, "lastError", "");
    private final ReadOnlyBooleanWrapper paused = new ReadOnlyBooleanWrapper(this, "paused");
    private final ReadOnlyBooleanWrapper highlighting = new ReadOnlyBooleanWrapper(this, "highlighting");
    private final ReadOnlyObjectWrapper<Duration> interval = new ReadOnlyObjectWrapper<>(this, "interval",
            ScanPoller.DEFAULT_INTERVAL);

    private final ContainerNames containers;

    /** Set once by {@link #close()}, from any thread. */
    private volatile boolean closed;

    /**
     * Whether a good scan was applied yet; FX thread only. The first one is the baseline: its sockets were there
     * before the window opened, so none of them is shown as new (a green flood of every row at start said nothing).
     */
    private boolean baselined;

    /** Owned by the scan executor's thread: the last snapshot the diff was computed against. */
    private List<Listener> lastScanned = List.of();
    /** Owned by the scan executor's thread: the last snapshot handed to the FX thread; null after a failure. */
    private Snapshot delivered;
    /** Owned by the scan executor's thread: the scan time last handed to the FX thread. */
    private long deliveredMillis = -1;
    /** Owned by the scan executor's thread: the times of unchanged scans since the last time handed over. */
    private final long[] unchangedMillis = new long[UNCHANGED_SCANS_PER_TIME];
    private int unchangedCount;
    /** Whether unchanged scans are counted in {@link #unchangedScansProperty()}. */
    private volatile boolean everyScanWanted;
    private final ReadOnlyLongWrapper unchangedScans = new ReadOnlyLongWrapper(this, "unchangedScans");
    /** Owned by the scan executor's thread: each TCP listener's connection count in {@link #lastScanned}. */
    private Map<SocketKey, Integer> lastCounts = Map.of();
    /** FX thread: the counts the rows show. */
    private Map<SocketKey, Integer> shownCounts = Map.of();

    /**
     * @param scanner    reads the OS; called only on {@code executor}
     * @param executor   runs scans; single-threaded
     * @param fx         delivers each scan to the JavaFX application thread ({@link UiTasks#onFx})
     * @param clock      the time source for highlights
     * @param containers names the containers behind docker-proxy rows; refreshed on {@code executor}
     *                   ({@link ContainerNames#none()} where docker is not the point)
     */
    public MainViewModel(SocketScanner scanner, ScheduledExecutorService executor, UiTasks fx, Clock clock,
                         ContainerNames containers) {
        this(sink -> new ScanPoller(scanner, executor, sink), executor, fx, clock, containers);
    }

    /**
     * A view model fed by another source of scans, such as a remote host's stream.
     *
     * @param feeds      creates the feed, given the consumer it must deliver to on {@code executor}'s thread
     * @param executor   the feed's single thread; the highlight timer runs there too
     * @param fx         delivers each scan to the JavaFX application thread ({@link UiTasks#onFx})
     * @param clock      the time source for highlights
     * @param containers names the containers behind docker-proxy rows ({@link ContainerNames#none()} for a host
     *                   whose docker this machine cannot ask)
     */
    public MainViewModel(Function<Consumer<ScanResult>, ScanFeed> feeds, ScheduledExecutorService executor,
                         UiTasks fx, Clock clock, ContainerNames containers) {
        this.containers = Objects.requireNonNull(containers, "containers");
        this.fx = Objects.requireNonNull(fx, "fx");
        this.executor = executor;
        this.clock = clock;
        this.poller = feeds.apply(this::onScanned);
        visibleRows.setPredicate(rowFilter(filter.get()));
        filter.addListener((obs, old, now) -> {
            visibleRows.setPredicate(rowFilter(now));
            refreshCounts();
        });
    }

    /** The filter over rows, through each row's subject, worked out once per socket rather than per keystroke. */
    private static Predicate<ListenerRow> rowFilter(ListenerFilter filter) {
        Predicate<ListenerFilter.Subject> test = filter.forSubjects();
        return row -> test.test(row.subject());
    }

    /**
     * Names the service on a row, with the container names the scans learnt; never blocks. The table, the details
     * and the exports all use this one, so they agree with each other and with {@code portwatch list}.
     */
    public ServiceIdentifier services() {
        return containers.identifier();
    }

    /** Starts polling. */
    public void start() {
        poller.start();
        paused.set(false);
    }

    /** Pauses or resumes polling. */
    public void setPaused(boolean pause) {
        if (pause) {
            poller.pause();
        } else {
            poller.start();
        }
        paused.set(pause);
    }

    /** Scans once now, paused or not. */
    public void refreshNow() {
        poller.refreshNow();
    }

    /** Sets the poll interval; clamped to 0.5–10 s. */
    public void setInterval(Duration wished) {
        poller.setInterval(wished);
        interval.set(poller.interval());
    }

    /** Stops polling and the highlight timer; scans still on their way to the FX thread are then dropped. */
    @Override
    public void close() {
        closed = true;
        poller.close();
        if (highlightTick != null) {
            highlightTick.cancel(false);
        }
    }

    /**
     * Runs on the scan thread: diff against the previous scan, then hand the changes to the FX thread. A scan in
     * which nothing changed (the scanner returned the very list of the scan before) hands it nothing, or only a
     * new scan time worth showing: at one scan a second, an idle window's FX thread would otherwise wake, evaluate
     * and lay out every second for nothing.
     */
    private void onScanned(ScanResult result) {
        if (result.snapshot().isPresent()) {
            Snapshot fresh = result.snapshot().get();
            // Before the rows reach the table, so a docker-proxy row shows its container from its first paint.
            containers.refreshFor(fresh.listeners());
            if (sameAsDelivered(fresh)) {
                // The time of unchanged scans, as the median of a few: one scan's time jitters with the machine's
                // load, and each label change costs a repaint.
                unchangedMillis[unchangedCount++] = fresh.scanDuration().toMillis();
                if (unchangedCount == unchangedMillis.length) {
                    unchangedCount = 0;
                    long[] sorted = unchangedMillis.clone();
                    Arrays.sort(sorted);
                    long median = sorted[sorted.length / 2];
                    if (worthShowing(deliveredMillis, median)) {
                        deliveredMillis = median;
                        fx.onFx(() -> showScanMillis(median));
                    }
                }
                if (everyScanWanted) {
                    fx.onFx(() -> unchangedScans.set(unchangedScans.get() + 1));
                }
                return;
            }
            SnapshotDiff diff = SnapshotDiff.between(lastScanned, fresh.listeners());
            lastScanned = fresh.listeners();
            delivered = fresh;
            deliveredMillis = fresh.scanDuration().toMillis();
            unchangedCount = 0;
            // Counted here, off the FX thread, and only when a socket came, went or changed.
            if (!diff.isEmpty()) {
                lastCounts = AcceptedConnections.count(fresh.listeners());
            }
            Map<SocketKey, Integer> counts = lastCounts;
            fx.onFx(() -> apply(fresh, diff, counts));
        } else {
            delivered = null;
            String error = result.error().orElse("scan failed");
            fx.onFx(() -> applyFailure(error));
        }
    }

    /** Whether a snapshot says nothing the last one handed to the FX thread did not (with no failure since). */
    private boolean sameAsDelivered(Snapshot fresh) {
        return delivered != null && fresh.listeners() == delivered.listeners()
                && fresh.privileged() == delivered.privileged()
                && fresh.unknownReasons().equals(delivered.unknownReasons());
    }

    /**
     * Applies one scan's changes to the rows. FX thread only. Rows of closed sockets stay, marked
     * {@link RowPhase#CLOSING}, until {@link #expireHighlights} removes them; a socket that reopens in that time
     * gets its row back.
     */
    private void apply(Snapshot fresh, SnapshotDiff diff, Map<SocketKey, Integer> counts) {
        if (closed) {
            return;
        }
        Instant now = clock.instant();
        RowPhase newPhase = baselined ? RowPhase.NEW : RowPhase.STEADY;
        baselined = true;
        List<ListenerRow> added = new ArrayList<>(diff.added().size());
        for (Listener listener : diff.added()) {
            ListenerRow existing = rowsByKey.get(listener.key());
            if (existing != null) {
                existing.update(listener);
                existing.enter(RowPhase.STEADY, now);
                highlighted.remove(existing);
            } else {
                var row = new ListenerRow(listener, newPhase, now);
                rowsByKey.put(row.key(), row);
                if (newPhase == RowPhase.NEW) {
                    highlighted.add(row);
                }
                added.add(row);
            }
        }
        Set<ListenerRow> changed = new HashSet<>();
        for (Listener listener : diff.changed()) {
            ListenerRow row = rowsByKey.get(listener.key());
            if (row != null) {
                row.update(listener);
                changed.add(row);
            }
        }
        for (Listener listener : diff.removed()) {
            ListenerRow row = rowsByKey.get(listener.key());
            if (row != null && row.getPhase() != RowPhase.CLOSING) {
                row.enter(RowPhase.CLOSING, now);
                highlighted.add(row);
            }
        }
        if (!added.isEmpty() || !counts.equals(shownCounts)) {
            Set<ListenerRow> fresher = new HashSet<>(added);
            for (ListenerRow row : rowsByKey.values()) {
                if (row.connections(connectionsOf(row.getListener(), counts)) && !fresher.contains(row)) {
                    changed.add(row);
                }
            }
            shownCounts = counts;
        }
        // Cells repaint from the row's property; the list change makes the filter and the sort look again.
        rows.changed(changed);
        if (!added.isEmpty()) {
            rows.addAll(added);
        }
        snapshot.set(fresh);
        showScanMillis(fresh.scanDuration().toMillis());
        lastError.set("");
        removeExpired(now);
        refreshCounts();
        updateHighlighting();
    }

    private static Integer connectionsOf(Listener socket, Map<SocketKey, Integer> counts) {
        if (socket.protocol() != Protocol.TCP || socket.state() != SocketState.LISTEN) {
            return null;
        }
        return counts.getOrDefault(socket.key(), 0);
    }

    /** Keeps the last good rows and shows why the scan failed. FX thread only. */
    private void applyFailure(String error) {
        lastError.set(error);
    }

    /**
     * Ends highlights older than {@link ListenerRow#HIGHLIGHT}: new rows turn steady, closing rows leave. FX thread
     * only; the highlight timer calls it a few times a second.
     */
    private void expireHighlights(Instant now) {
        if (removeExpired(now)) {
            refreshCounts();
        }
        updateHighlighting();
    }

    /**
     * Runs the highlight timer (every {@link #HIGHLIGHT_TICK}) only while rows are highlighted. It ticks on the scan
     * executor and hops to the FX thread, rather than as a JavaFX animation, which would make JavaFX pulse 60 times a
     * second for as long as it runs.
     */
    private void updateHighlighting() {
        boolean on = !highlighted.isEmpty();
        highlighting.set(on);
        if (on && highlightTick == null && !closed && !executor.isShutdown()) {
            highlightTick = scheduleTick();
        }
    }

    /** Schedules one highlight tick; empty-handed (null) when the executor was shut down, as the window closed. */
    private ScheduledFuture<?> scheduleTick() {
        try {
            return executor.schedule(() -> fx.onFx(() -> {
                highlightTick = null;
                expireHighlights(clock.instant());
            }), HIGHLIGHT_TICK.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // The executor shut down between the check and the call: the window is closing, nothing to tick for.
            return null;
        }
    }

    /**
     * Ends expired highlights, looking only at highlighted rows so that the timer costs nothing at thousands of
     * steady rows. Returns true when rows left the table.
     */
    private boolean removeExpired(Instant now) {
        if (highlighted.isEmpty()) {
            return false;
        }
        Set<ListenerRow> gone = new HashSet<>();
        for (var it = highlighted.iterator(); it.hasNext(); ) {
            ListenerRow row = it.next();
            if (row.highlightExpired(now)) {
                it.remove();
                if (row.getPhase() == RowPhase.CLOSING) {
                    gone.add(row);
                } else {
                    row.enter(RowPhase.STEADY, now);
                }
            }
        }
        if (gone.isEmpty()) {
            return false;
        }
        for (ListenerRow row : gone) {
            rowsByKey.remove(row.key());
        }
        rows.removeAll(gone);
        return true;
    }

    /**
     * Shows a scan's duration, ignoring jitter of less than 25% (and at least 2 ms) from the value shown: every
     * changed label costs the window a repaint, which at one scan a second was most of its idle cost.
     */
    private void showScanMillis(long millis) {
        if (worthShowing(lastScanMillis.get(), millis)) {
            lastScanMillis.set(millis);
        }
    }

    /** Whether a scan time differs from the one shown (-1: none) by more than 25%, and at least 2 ms. */
    private static boolean worthShowing(long shown, long millis) {
        return shown < 0 || Math.abs(millis - shown) > Math.max(2, shown / 4);
    }

    private void refreshCounts() {
        shownCount.set(visibleRows.size());
        totalCount.set(rows.size());
        String note = OwnerVisibility.explain(visibleListeners, snapshot.get(), hiddenOwnerRemedy).orElse("");
        // Same text, no event: a new String each second would repaint the status bar every scan.
        if (!note.equals(ownersNote.get())) {
            ownersNote.set(note);
        }
    }

    /**
     * Counts the scans that changed nothing (and so did not touch {@link #snapshotProperty()}), while
     * {@link #setEveryScanWanted} is on; for what moves on with time alone, such as a process's uptime. Off, an
     * unchanged scan costs the FX thread nothing.
     */
    public ReadOnlyLongProperty unchangedScansProperty() {
        return unchangedScans.getReadOnlyProperty();
    }

    /** Turns the counting of {@link #unchangedScansProperty()} on or off; any thread. */
    public void setEveryScanWanted(boolean wanted) {
        everyScanWanted = wanted;
    }

    /** The rows that pass the filter, in scan order; the view sorts them. */
    public ObservableList<ListenerRow> visibleRows() {
        return visibleRows;
    }

    /** The filter applied to the rows. */
    public ObjectProperty<ListenerFilter> filterProperty() {
        return filter;
    }

    /** The latest good snapshot. */
    public ReadOnlyObjectProperty<Snapshot> snapshotProperty() {
        return snapshot.getReadOnlyProperty();
    }

    /** How many rows pass the filter. */
    public ReadOnlyIntegerProperty shownCountProperty() {
        return shownCount.getReadOnlyProperty();
    }

    /** How many rows there are before filtering. */
    public ReadOnlyIntegerProperty totalCountProperty() {
        return totalCount.getReadOnlyProperty();
    }

    /**
     * How long the last good scan took, in milliseconds, to within 25% (changes smaller than that, or than 2 ms, are
     * not shown); -1 before the first.
     */
    public ReadOnlyLongProperty lastScanMillisProperty() {
        return lastScanMillis.getReadOnlyProperty();
    }

    /** Why some owners are unknown, or empty. */
    public ReadOnlyStringProperty ownersNoteProperty() {
        return ownersNote.getReadOnlyProperty();
    }

    /**
     * What the status sentence tells the user to do about another user's hidden process, for example
     * {@link OwnerVisibility#WINDOW_REMEDY} where the window offers Show all owners. JavaFX thread.
     */
    public void setHiddenOwnerRemedy(String remedy) {
        this.hiddenOwnerRemedy = Objects.requireNonNull(remedy, "remedy");
        refreshCounts();
    }

    /** The last scan's error, or empty after a good scan. */
    public ReadOnlyStringProperty lastErrorProperty() {
        return lastError.getReadOnlyProperty();
    }

    /** Whether some rows are highlighted as new or closing; the view runs its highlight timer only then. */
    public ReadOnlyBooleanProperty highlightingProperty() {
        return highlighting.getReadOnlyProperty();
    }

    /** Whether polling is paused. */
    public ReadOnlyBooleanProperty pausedProperty() {
        return paused.getReadOnlyProperty();
    }

    /** The poll interval. */
    public ReadOnlyObjectProperty<Duration> intervalProperty() {
        return interval.getReadOnlyProperty();
    }
}
