package dev.portwatch.ui.vm;

import dev.portwatch.core.ListenerFilter;
import dev.portwatch.core.OwnerVisibility;
import dev.portwatch.core.service.ContainerNames;
import dev.portwatch.model.Endpoint;
import dev.portwatch.model.IpVersion;
import dev.portwatch.model.Listener;
import dev.portwatch.model.ProcessInfo;
import dev.portwatch.model.Protocol;
import dev.portwatch.model.SocketState;
import dev.portwatch.testing.FakeScanner;
import dev.portwatch.testing.ManualScheduler;
import dev.portwatch.ui.tasks.UiTasks;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drives the view model through its public behaviour: a fake scanner reports sockets, {@code refreshNow()} scans,
 * and a scheduler on virtual time runs the highlight timer, all on the test's thread ({@link UiTasks#direct()}).
 * JavaFX collections and properties need no toolkit.
 */
class MainViewModelTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    private final ManualScheduler scheduler = new ManualScheduler(T0);
    private final FakeScanner scanner = new FakeScanner();
    private final MainViewModel model = new MainViewModel(scanner, scheduler, UiTasks.direct(), scheduler.clock(),
            ContainerNames.none());

    private static Listener tcp(int port, int pid, String name) {
        return new Listener(Protocol.TCP, IpVersion.V4, new Endpoint("127.0.0.1", port), Optional.empty(),
                SocketState.LISTEN, Optional.of(new ProcessInfo(pid, name, "dev", name, List.of(name),
                Optional.empty(), 1)));
    }

    private void scan(Listener... listeners) {
        scanner.willReport(List.of(listeners));
        model.refreshNow();
    }

    private List<Integer> ports() {
        return model.visibleRows().stream().map(r -> r.getListener().port()).sorted().toList();
    }

    @Test
    void theFirstScanIsTheBaselineAndOnlyLaterSocketsAreNew() {
        scan(tcp(8080, 10, "java"), tcp(3000, 20, "node"));
        assertThat(model.visibleRows()).hasSize(2).extracting(ListenerRow::getPhase).containsOnly(RowPhase.STEADY);
        assertThat(model.highlightingProperty().get()).isFalse();

        scheduler.advance(Duration.ofSeconds(1));
        scan(tcp(8080, 10, "java"), tcp(3000, 20, "node"), tcp(5005, 30, "java"));

        assertThat(model.visibleRows()).filteredOn(r -> r.getListener().port() == 5005)
                .extracting(ListenerRow::getPhase).containsExactly(RowPhase.NEW);
        assertThat(model.visibleRows()).hasSize(3).filteredOn(r -> r.getListener().port() != 5005)
                .extracting(ListenerRow::getPhase).containsOnly(RowPhase.STEADY);
        assertThat(model.highlightingProperty().get()).isTrue();
    }

    @Test
    void newRowsAreMarkedNewThenTurnSteady() {
        scan();
        scan(tcp(8080, 10, "java"));
        ListenerRow row = model.visibleRows().get(0);
        assertThat(row.getPhase()).isEqualTo(RowPhase.NEW);
        assertThat(model.highlightingProperty().get()).isTrue();

        scheduler.advance(ListenerRow.HIGHLIGHT.minusMillis(1));
        assertThat(row.getPhase()).isEqualTo(RowPhase.NEW);
        scheduler.advance(Duration.ofMillis(1));

        assertThat(row.getPhase()).isEqualTo(RowPhase.STEADY);
        assertThat(model.highlightingProperty().get()).isFalse();
        assertThat(model.lastScanMillisProperty().get()).isEqualTo(1);
    }

    @Test
    void theHighlightTimerStopsWithTheLastHighlight() {
        scan();
        scan(tcp(8080, 10, "java"));
        assertThat(scheduler.nextDue()).contains(T0.plus(MainViewModel.HIGHLIGHT_TICK));

        scheduler.advance(ListenerRow.HIGHLIGHT);

        // Nothing is highlighted, so nothing ticks: an idle window schedules no work.
        assertThat(scheduler.pending()).isZero();
    }

    @Test
    void closedRowsStayAsClosingThenLeave() {
        scan(tcp(8080, 10, "java"), tcp(3000, 20, "node"));
        scheduler.advance(Duration.ofSeconds(1));
        scan(tcp(8080, 10, "java"));

        ListenerRow closing = model.visibleRows().stream().filter(r -> r.getListener().port() == 3000)
                .findFirst().orElseThrow();
        assertThat(closing.getPhase()).isEqualTo(RowPhase.CLOSING);
        assertThat(ports()).containsExactly(3000, 8080);

        scheduler.advance(ListenerRow.HIGHLIGHT.minusMillis(1));
        assertThat(ports()).containsExactly(3000, 8080);
        scheduler.advance(Duration.ofMillis(1));

        assertThat(ports()).containsExactly(8080);
        assertThat(model.totalCountProperty().get()).isEqualTo(1);
    }

    @Test
    void aSocketReopenedWhileClosingGetsItsRowBack() {
        scan(tcp(3000, 20, "node"));
        ListenerRow row = model.visibleRows().get(0);
        scan();
        assertThat(row.getPhase()).isEqualTo(RowPhase.CLOSING);

        scan(tcp(3000, 20, "node"));

        assertThat(model.visibleRows()).containsExactly(row);
        assertThat(row.getPhase()).isEqualTo(RowPhase.STEADY);
    }

    @Test
    void changedSocketsUpdateTheSameRowInPlace() {
        scan(tcp(62893, 30, "java"));
        ListenerRow row = model.visibleRows().get(0);
        List<Listener> seen = new ArrayList<>();
        row.listenerProperty().addListener((obs, old, value) -> seen.add(value));

        scan(tcp(62893, 30, "idea"));

        assertThat(model.visibleRows()).containsExactly(row);
        assertThat(row.getListener().owner().orElseThrow().name()).isEqualTo("idea");
        assertThat(seen).hasSize(1);
    }

    @Test
    void aFailedScanKeepsTheRowsAndSaysWhy() {
        scanner.failEvery(2, "Could not read the socket table: permission denied");
        scan(tcp(8080, 10, "java"));

        scan(tcp(8080, 10, "java"), tcp(3000, 20, "node"));

        assertThat(ports()).containsExactly(8080);
        assertThat(model.lastErrorProperty().get()).contains("permission denied");

        scan(tcp(8080, 10, "java"));
        assertThat(model.lastErrorProperty().get()).isEmpty();
    }

    @Test
    void pollingScansOnEveryInterval() {
        scanner.willReport(List.of(tcp(8080, 10, "java")));
        model.setInterval(Duration.ofSeconds(2));
        model.start();
        assertThat(scanner.scans()).isZero();

        scheduler.advance(Duration.ZERO);
        assertThat(ports()).containsExactly(8080);
        scanner.willReport(List.of(tcp(8080, 10, "java"), tcp(3000, 20, "node")));
        scheduler.advance(Duration.ofSeconds(2));

        assertThat(ports()).containsExactly(3000, 8080);
        model.setPaused(true);
        scheduler.advance(Duration.ofSeconds(10));
        assertThat(scanner.scans()).isEqualTo(2);
        assertThat(model.pausedProperty().get()).isTrue();
    }

    @Test
    void filterNarrowsVisibleRowsAndCounts() {
        scan(tcp(8080, 10, "java"), tcp(3000, 20, "node"), tcp(5432, 30, "postgres"));

        model.filterProperty().set(ListenerFilter.DEFAULT.withText("node"));

        assertThat(model.visibleRows()).extracting(r -> r.getListener().port()).containsExactly(3000);
        assertThat(model.shownCountProperty().get()).isEqualTo(1);
        assertThat(model.totalCountProperty().get()).isEqualTo(3);
    }

    @Test
    void unknownOwnersAreCountedWithTheReason() {
        var hidden = new Listener(Protocol.TCP, IpVersion.V4, new Endpoint("0.0.0.0", 2024), Optional.empty(),
                SocketState.LISTEN, Optional.empty());

        scan(hidden, tcp(8080, 10, "java"));

        assertThat(model.ownersNoteProperty().get())
                .isEqualTo("1 owner hidden: another user's process (" + OwnerVisibility.GENERIC_REMEDY + ")");

        // This machine's window offers Show all owners instead of "run with elevated rights".
        model.setHiddenOwnerRemedy(OwnerVisibility.WINDOW_REMEDY);
        assertThat(model.ownersNoteProperty().get())
                .isEqualTo("1 owner hidden: another user's process (Show all owners reveals it)");
    }

    @Test
    void scansArrivingAfterCloseAreDropped() {
        scan(tcp(8080, 10, "java"));

        model.close();
        scan(tcp(8080, 10, "java"), tcp(3000, 20, "node"));

        assertThat(ports()).containsExactly(8080);
    }

    @Test
    void aScanReachingTheFxThreadAfterTheExecutorShutDownStillApplies() {
        List<Runnable> fxQueue = new ArrayList<>();
        var closing = new MainViewModel(scanner, scheduler, UiTasks.on(Runnable::run, fxQueue::add),
                scheduler.clock(), ContainerNames.none());
        scanner.willReport(List.of(tcp(8080, 10, "java")));
        closing.refreshNow();
        // The window closes: its executors shut down while the scan is still on its way to the FX thread.
        scheduler.shutdownNow();

        fxQueue.forEach(Runnable::run);

        assertThat(closing.visibleRows()).hasSize(1);
        assertThat(scheduler.pending()).isZero();
    }
}
