package dev.portwatch.ui.vm;

import dev.portwatch.core.ListenerFilter;
import dev.portwatch.core.OwnerVisibility;
import dev.portwatch.model.Endpoint;
import dev.portwatch.model.IpVersion;
import dev.portwatch.model.Listener;
import dev.portwatch.model.ProcessInfo;
import dev.portwatch.model.Protocol;
import dev.portwatch.model.Snapshot;
import dev.portwatch.model.SnapshotDiff;
import dev.portwatch.model.SocketState;
import dev.portwatch.testing.FakeScanner;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/** Drives the view model with synthetic scans; JavaFX collections and properties need no toolkit. */
class MainViewModelTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    private Instant now = T0;
    private final MainViewModel model = new MainViewModel(new FakeScanner(),
            Executors.newSingleThreadScheduledExecutor(),
            Runnable::run, new Clock() {
                @Override
                public ZoneOffset getZone() {
                    return ZoneOffset.UTC;
                }

                @Override
                public Clock withZone(ZoneId zone) {
                    return this;
                }

                @Override
                public Instant instant() {
                    return now;
                }
            });

    private List<Listener> current = List.of();

    private static Listener tcp(int port, int pid, String name) {
        return new Listener(Protocol.TCP, IpVersion.V4, new Endpoint("127.0.0.1", port), Optional.empty(),
                SocketState.LISTEN, Optional.of(new ProcessInfo(pid, name, "dev", name, List.of(name),
                Optional.empty(), 1)));
    }

    private void scan(Listener... listeners) {
        List<Listener> next = List.of(listeners);
        model.apply(new Snapshot(now, next, Duration.ofMillis(7), false), SnapshotDiff.between(current, next));
        current = next;
    }

    private List<Integer> ports() {
        return model.rows().stream().map(r -> r.getListener().port()).sorted().toList();
    }

    @Test
    void theFirstScanIsTheBaselineAndOnlyLaterSocketsAreNew() {
        scan(tcp(8080, 10, "java"), tcp(3000, 20, "node"));
        assertThat(model.rows()).extracting(ListenerRow::getPhase).containsOnly(RowPhase.STEADY);
        assertThat(model.highlightingProperty().get()).isFalse();

        now = now.plusSeconds(1);
        scan(tcp(8080, 10, "java"), tcp(3000, 20, "node"), tcp(5005, 30, "java"));

        assertThat(model.rows()).filteredOn(r -> r.getListener().port() == 5005)
                .extracting(ListenerRow::getPhase).containsExactly(RowPhase.NEW);
        assertThat(model.rows()).filteredOn(r -> r.getListener().port() != 5005)
                .extracting(ListenerRow::getPhase).containsOnly(RowPhase.STEADY);
        assertThat(model.highlightingProperty().get()).isTrue();
    }

    @Test
    void newRowsAreMarkedNewThenTurnSteady() {
        scan();
        scan(tcp(8080, 10, "java"));
        ListenerRow row = model.rows().get(0);
        assertThat(row.getPhase()).isEqualTo(RowPhase.NEW);

        now = T0.plus(ListenerRow.HIGHLIGHT);
        model.expireHighlights(now);

        assertThat(row.getPhase()).isEqualTo(RowPhase.STEADY);
        assertThat(model.lastScanMillisProperty().get()).isEqualTo(7);
    }

    @Test
    void closedRowsStayAsClosingThenLeave() {
        scan(tcp(8080, 10, "java"), tcp(3000, 20, "node"));
        now = now.plusSeconds(1);
        scan(tcp(8080, 10, "java"));

        ListenerRow closing = model.rows().stream().filter(r -> r.getListener().port() == 3000)
                .findFirst().orElseThrow();
        assertThat(closing.getPhase()).isEqualTo(RowPhase.CLOSING);
        assertThat(ports()).containsExactly(3000, 8080);

        now = now.plus(ListenerRow.HIGHLIGHT);
        model.expireHighlights(now);

        assertThat(ports()).containsExactly(8080);
    }

    @Test
    void aSocketReopenedWhileClosingGetsItsRowBack() {
        scan(tcp(3000, 20, "node"));
        ListenerRow row = model.rows().get(0);
        scan();
        assertThat(row.getPhase()).isEqualTo(RowPhase.CLOSING);

        scan(tcp(3000, 20, "node"));

        assertThat(model.rows()).containsExactly(row);
        assertThat(row.getPhase()).isEqualTo(RowPhase.STEADY);
    }

    @Test
    void changedSocketsUpdateTheSameRowInPlace() {
        scan(tcp(62893, 30, "java"));
        ListenerRow row = model.rows().get(0);
        List<Listener> seen = new ArrayList<>();
        row.listenerProperty().addListener((obs, old, value) -> seen.add(value));

        scan(tcp(62893, 30, "idea"));

        assertThat(model.rows()).containsExactly(row);
        assertThat(row.getListener().owner().orElseThrow().name()).isEqualTo("idea");
        assertThat(seen).hasSize(1);
    }

    @Test
    void aFailedScanKeepsTheRowsAndSaysWhy() {
        scan(tcp(8080, 10, "java"));

        model.applyFailure("Could not read the socket table: permission denied");

        assertThat(ports()).containsExactly(8080);
        assertThat(model.lastErrorProperty().get()).contains("permission denied");

        scan(tcp(8080, 10, "java"));
        assertThat(model.lastErrorProperty().get()).isEmpty();
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
        List<Listener> next = List.of(hidden, tcp(8080, 10, "java"));

        model.apply(new Snapshot(now, next, Duration.ofMillis(5), false), SnapshotDiff.between(List.of(), next));

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
    void aShutDownExecutorDoesNotBreakApplyingAScan() {
        var executor = Executors.newSingleThreadScheduledExecutor();
        var orphan = new MainViewModel(new FakeScanner(), executor, Runnable::run, Clock.systemUTC());
        executor.shutdownNow();
        List<Listener> next = List.of(tcp(8080, 10, "java"));

        orphan.apply(new Snapshot(now, next, Duration.ofMillis(1), false), SnapshotDiff.between(List.of(), next));

        assertThat(orphan.rows()).hasSize(1);
    }
}
