package dev.portwatch.ui.vm;

import dev.portwatch.model.Listener;
import dev.portwatch.model.ProcessInfo;
import dev.portwatch.model.Snapshot;
import dev.portwatch.model.SnapshotDiff;
import dev.portwatch.os.SocketScanner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static org.assertj.core.api.Assertions.assertThat;

/** Applying diffs keeps row identity, highlights new and closed rows, and expires them only after the highlight. */
class MainViewModelHighlightTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
    /** The view model's own timer ticks land here and are never run: the tests drive time themselves. */
    private final Queue<Runnable> fxTicks = new ConcurrentLinkedQueue<>();
    private final MainViewModel model = new MainViewModel(new NoScanner(), executor, fxTicks::add,
            Clock.fixed(T0, ZoneOffset.UTC));
    private List<Listener> current = List.of();

    @AfterEach
    void stop() {
        model.close();
        executor.shutdownNow();
    }

    @Test
    void newRowsTurnSteadyAndClosedRowsLeaveOnlyAfterTheHighlight() {
        ProcessInfo owner = SyntheticListeners.owner(4242, "node");
        List<Listener> three = SyntheticListeners.listeners(40_000, 3, owner);
        apply(List.of());
        apply(three);
        assertThat(model.rows()).extracting(ListenerRow::getPhase).containsOnly(RowPhase.NEW);
        assertThat(model.totalCountProperty().get()).isEqualTo(3);
        assertThat(model.highlightingProperty().get()).isTrue();

        model.expireHighlights(T0.plus(ListenerRow.HIGHLIGHT).minusMillis(1));
        assertThat(model.rows()).extracting(ListenerRow::getPhase).containsOnly(RowPhase.NEW);
        model.expireHighlights(T0.plus(ListenerRow.HIGHLIGHT));
        assertThat(model.rows()).extracting(ListenerRow::getPhase).containsOnly(RowPhase.STEADY);
        assertThat(model.highlightingProperty().get()).isFalse();

        ListenerRow kept = model.rows().get(0);
        apply(List.of(three.get(0), three.get(1)));
        assertThat(model.rows()).hasSize(3);
        assertThat(model.rows().get(2).getPhase()).isEqualTo(RowPhase.CLOSING);

        model.expireHighlights(T0.plus(ListenerRow.HIGHLIGHT.multipliedBy(2)));
        assertThat(model.rows()).hasSize(2).extracting(ListenerRow::key).doesNotContain(three.get(2).key());
        assertThat(model.rows().get(0)).isSameAs(kept);
        assertThat(model.totalCountProperty().get()).isEqualTo(2);
        assertThat(model.shownCountProperty().get()).isEqualTo(2);
    }

    @Test
    void changedSocketUpdatesItsRowInPlaceAndCountsHiddenOwners() {
        ProcessInfo owner = SyntheticListeners.owner(4242, "node");
        Listener withOwner = SyntheticListeners.listener(40_000, owner);
        Listener other = SyntheticListeners.listener(40_001, owner);
        apply(List.of(withOwner, other));
        ListenerRow row = model.rows().get(1);
        assertThat(model.ownersNoteProperty().get()).isEmpty();

        Listener ownerless = new Listener(other.protocol(), other.ipVersion(), other.local(), other.remote(),
                other.state(), Optional.empty());
        apply(List.of(withOwner, ownerless));

        // Without an owner the key changes (pid 0): a new row, and the old one closes.
        assertThat(model.rows()).hasSize(3);
        assertThat(row.getPhase()).isEqualTo(RowPhase.CLOSING);
        assertThat(model.ownersNoteProperty().get()).contains("1 owner hidden");
    }

    private void apply(List<Listener> next) {
        SnapshotDiff diff = SnapshotDiff.between(current, next);
        current = new ArrayList<>(next);
        model.apply(new Snapshot(T0, next, Duration.ofMillis(3), false), diff);
    }

    /** The poller is never started in these tests; applying is driven directly. */
    private static final class NoScanner implements SocketScanner {
        @Override
        public Snapshot scan() {
            return Snapshot.empty();
        }
    }
}
