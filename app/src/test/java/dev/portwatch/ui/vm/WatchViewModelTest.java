package dev.portwatch.ui.vm;

import dev.portwatch.core.watch.WatchEvent;
import dev.portwatch.model.Listener;
import dev.portwatch.model.PortRange;
import dev.portwatch.model.Protocol;
import dev.portwatch.model.Snapshot;
import dev.portwatch.model.WatchRule;
import dev.portwatch.model.WatchState;
import javafx.beans.property.SimpleObjectProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static dev.portwatch.testing.Sockets.tcp;
import static org.assertj.core.api.Assertions.assertThat;

/** The watch view model without a screen: a plain property stands in for the live snapshot. */
class WatchViewModelTest {

    private static final int P = 62893;
    private static final Set<Protocol> TCP = Set.of(Protocol.TCP);

    private final SimpleObjectProperty<Snapshot> snapshots = new SimpleObjectProperty<>(Snapshot.empty());
    private final List<List<WatchRule>> saved = new ArrayList<>();
    private final List<WatchEvent> notified = new ArrayList<>();
    private int scans;

    private WatchViewModel model(List<WatchRule> savedRules, List<WatchRule> session) {
        var model = new WatchViewModel(snapshots, savedRules, session, saved::add);
        model.setNotifier(notified::add);
        return model;
    }

    private void scan(Listener... listeners) {
        snapshots.set(new Snapshot(Instant.EPOCH.plusSeconds(++scans), List.of(listeners), Duration.ZERO, false));
    }

    @Test
    void theFirstScanLogsNothingThenTransitionsAreLoggedAndNotified() {
        var model = model(List.of(WatchRule.tcp(PortRange.of(P))), List.of());
        var java = tcp("127.0.0.1", P, 1, "java", "java");

        scan(java);
        assertThat(model.events()).isEmpty();
        assertThat(model.statuses()).singleElement().extracting(s -> s.state()).isEqualTo(WatchState.IN_USE);

        scan();
        assertThat(model.events()).extracting(WatchEvent::kind)
                .containsExactly(WatchEvent.Kind.CLOSED, WatchEvent.Kind.FREED);
        assertThat(notified).extracting(WatchEvent::kind).containsExactly(WatchEvent.Kind.FREED);
    }

    @Test
    void rowsAreRepaintedOnlyWhenAWatchedPortsMarksChange() {
        var model = model(List.of(WatchRule.tcp(PortRange.of(P))), List.of());
        var java = tcp("127.0.0.1", P, 1, "java", "java");
        scan(java);
        long marked = model.revisionProperty().get();

        // Another port's socket comes and goes: the watched port's mark is the same, no repaint.
        scan(java, tcp("127.0.0.1", P + 1, 2, "node", "node"));
        scan(java);
        assertThat(model.revisionProperty().get()).isEqualTo(marked);

        scan(java, tcp("127.0.0.1", P, 2, "node", "node"));
        assertThat(model.revisionProperty().get()).isGreaterThan(marked);
    }

    @Test
    void mutedLogsButDoesNotNotify() {
        var model = model(List.of(WatchRule.tcp(PortRange.of(P))), List.of());
        model.mutedProperty().set(true);
        scan();

        scan(tcp("0.0.0.0", P, 1, "java", "java"));

        assertThat(model.events()).extracting(WatchEvent::kind).contains(WatchEvent.Kind.TAKEN,
                WatchEvent.Kind.EXPOSED);
        assertThat(notified).isEmpty();
    }

    @Test
    void thePanelReadsTheGrammarOfWatch() {
        var model = model(List.of(), List.of());

        assertThat(model.validate("80,", TCP, Optional.empty())).hasValueSatisfying(m -> assertThat(m)
                .contains("'80,' has an empty entry"));
        assertThat(model.add("80,", "", "", TCP)).isFalse();
        assertThat(model.add(" 80, 81", "web", "", TCP)).isTrue();

        assertThat(model.savedRules()).containsExactly(new WatchRule(PortRange.of(80), "web", "", TCP),
                new WatchRule(PortRange.of(81), "web", "", TCP));
        assertThat(model.replace(model.savedRules().get(0), "82, 83", "", "", TCP)).isFalse();
        assertThat(model.validate("90, 90", TCP, Optional.empty())).hasValueSatisfying(m -> assertThat(m)
                .contains("duplicates"));
    }

    @Test
    void addEditRemoveSaveTheListAndInvalidInputChangesNothing() {
        var model = model(List.of(WatchRule.tcp(PortRange.of(P))), List.of());

        assertThat(model.add("70000", "", "", TCP)).isFalse();
        assertThat(model.add("62890-62899", "", "", TCP)).isFalse();
        assertThat(saved).isEmpty();
        assertThat(model.validate("70000", TCP, Optional.empty())).hasValueSatisfying(m -> assertThat(m)
                .contains("'70000' is above 65535"));
        assertThat(model.validate("62890-62899", TCP, Optional.empty())).hasValueSatisfying(m -> assertThat(m)
                .contains("overlaps the watched entry 62893/tcp"));
        assertThat(model.validate("62890-62899", Set.of(Protocol.UDP), Optional.empty())).isEmpty();

        assertThat(model.add("3000-3010", "web", "vite", TCP)).isTrue();
        var web = new WatchRule(new PortRange(3000, 3010), "web", "vite", TCP);
        assertThat(saved).last().asList().containsExactly(WatchRule.tcp(PortRange.of(P)), web);

        assertThat(model.replace(web, "3000-3020", "web", "", TCP)).isTrue();
        assertThat(saved).last().asList().contains(new WatchRule(new PortRange(3000, 3020), "web", "", TCP));

        model.remove(WatchRule.tcp(PortRange.of(P)));
        assertThat(model.savedRules()).containsExactly(new WatchRule(new PortRange(3000, 3020), "web", "", TCP));
        assertThat(model.statuses()).hasSize(1);
    }

    @Test
    void sessionEntriesAreEvaluatedButNotSavedAndClashingOnesAreDropped() {
        var session = WatchRule.tcp(PortRange.of(4000));
        var model = model(List.of(WatchRule.tcp(PortRange.of(P))), List.of(session,
                WatchRule.tcp(PortRange.of(P))));

        assertThat(model.statuses()).extracting(s -> s.rule()).containsExactly(WatchRule.tcp(PortRange.of(P)),
                session);
        assertThat(model.isSessionOnly(session)).isTrue();
        model.add("5000", "", "", TCP);
        assertThat(saved).last().asList().doesNotContain(session);
    }

    @Test
    void marksConflictAndExposedHoldersOnly() {
        var model = model(List.of(WatchRule.tcp(PortRange.of(P)), WatchRule.tcp(PortRange.of(P + 1))), List.of());
        var java = tcp("127.0.0.1", P, 1, "java", "java");
        var node = tcp("::1", P, 2, "node", "node");
        var wild = tcp("0.0.0.0", P + 1, 3, "nc", "nc");
        var unwatched = tcp("127.0.0.1", 9, 4, "x", "x");

        scan(java, node, wild, unwatched);

        assertThat(model.mark(java)).hasValueSatisfying(m -> {
            assertThat(m.conflict()).isTrue();
            assertThat(m.exposed()).isFalse();
            assertThat(m.tooltip()).contains("62893/tcp: CONFLICT", "may reach either");
        });
        assertThat(model.mark(node)).hasValueSatisfying(m -> assertThat(m.conflict()).isTrue());
        assertThat(model.mark(wild)).hasValueSatisfying(m -> {
            assertThat(m.conflict()).isFalse();
            assertThat(m.exposed()).isTrue();
        });
        assertThat(model.mark(unwatched)).isEmpty();
    }

    @Test
    void theLogKeepsTheNewestEvents() {
        var model = model(List.of(WatchRule.tcp(PortRange.of(P))), List.of());
        scan();
        for (int i = 0; i < WatchViewModel.MAX_EVENTS; i++) {
            scan(tcp("127.0.0.1", P, 1, "java", "java"));
            scan();
        }

        assertThat(model.events()).hasSize(WatchViewModel.MAX_EVENTS);
        assertThat(model.events().get(model.events().size() - 1).kind()).isEqualTo(WatchEvent.Kind.FREED);
        model.clearEvents();
        assertThat(model.events()).isEmpty();
    }
}
