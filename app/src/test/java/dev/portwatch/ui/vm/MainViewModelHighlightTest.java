package dev.portwatch.ui.vm;

import dev.portwatch.core.service.ContainerNames;
import dev.portwatch.model.Listener;
import dev.portwatch.model.ProcessInfo;
import dev.portwatch.testing.FakeScanner;
import dev.portwatch.testing.ManualScheduler;
import dev.portwatch.ui.tasks.UiTasks;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Applying diffs keeps row identity, highlights new and closed rows, and expires them only after the highlight. */
class MainViewModelHighlightTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    private final ManualScheduler scheduler = new ManualScheduler(T0);
    private final FakeScanner scanner = new FakeScanner();
    private final MainViewModel model = new MainViewModel(scanner, scheduler, UiTasks.direct(), scheduler.clock(),
            ContainerNames.none());

    @Test
    void newRowsTurnSteadyAndClosedRowsLeaveOnlyAfterTheHighlight() {
        ProcessInfo owner = SyntheticListeners.owner(4242, "node");
        List<Listener> three = SyntheticListeners.listeners(40_000, 3, owner);
        scan(List.of());
        scan(three);
        assertThat(model.visibleRows()).extracting(ListenerRow::getPhase).containsOnly(RowPhase.NEW);
        assertThat(model.totalCountProperty().get()).isEqualTo(3);
        assertThat(model.highlightingProperty().get()).isTrue();

        scheduler.advance(ListenerRow.HIGHLIGHT.minusMillis(1));
        assertThat(model.visibleRows()).extracting(ListenerRow::getPhase).containsOnly(RowPhase.NEW);
        scheduler.advance(Duration.ofMillis(1));
        assertThat(model.visibleRows()).extracting(ListenerRow::getPhase).containsOnly(RowPhase.STEADY);
        assertThat(model.highlightingProperty().get()).isFalse();

        ListenerRow kept = model.visibleRows().get(0);
        scan(List.of(three.get(0), three.get(1)));
        assertThat(model.visibleRows()).hasSize(3);
        assertThat(model.visibleRows().get(2).getPhase()).isEqualTo(RowPhase.CLOSING);

        scheduler.advance(ListenerRow.HIGHLIGHT);
        assertThat(model.visibleRows()).hasSize(2).extracting(ListenerRow::key).doesNotContain(three.get(2).key());
        assertThat(model.visibleRows().get(0)).isSameAs(kept);
        assertThat(model.totalCountProperty().get()).isEqualTo(2);
        assertThat(model.shownCountProperty().get()).isEqualTo(2);
    }

    @Test
    void changedSocketUpdatesItsRowInPlaceAndCountsHiddenOwners() {
        ProcessInfo owner = SyntheticListeners.owner(4242, "node");
        Listener withOwner = SyntheticListeners.listener(40_000, owner);
        Listener other = SyntheticListeners.listener(40_001, owner);
        scan(List.of(withOwner, other));
        ListenerRow row = model.visibleRows().get(1);
        assertThat(model.ownersNoteProperty().get()).isEmpty();

        Listener ownerless = new Listener(other.protocol(), other.ipVersion(), other.local(), other.remote(),
                other.state(), Optional.empty());
        scan(List.of(withOwner, ownerless));

        // Without an owner the key changes (pid 0): a new row, and the old one closes.
        assertThat(model.visibleRows()).hasSize(3);
        assertThat(row.getPhase()).isEqualTo(RowPhase.CLOSING);
        assertThat(model.ownersNoteProperty().get()).contains("1 owner hidden");
    }

    private void scan(List<Listener> next) {
        scanner.willReport(next);
        model.refreshNow();
    }
}
