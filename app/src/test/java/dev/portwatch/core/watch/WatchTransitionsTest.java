package dev.portwatch.core.watch;

import dev.portwatch.core.watch.WatchEvent.Kind;
import dev.portwatch.model.Listener;
import dev.portwatch.model.PortRange;
import dev.portwatch.model.WatchRule;
import dev.portwatch.model.WatchStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static dev.portwatch.testing.Sockets.snapshot;
import static dev.portwatch.testing.Sockets.tcp;
import static org.assertj.core.api.Assertions.assertThat;

class WatchTransitionsTest {

    private static final int P = 62893;
    private static final WatchRule RULE = WatchRule.tcp(PortRange.of(P));
    private static final Instant AT = Instant.parse("2026-01-02T03:04:05Z");

    private static List<WatchStatus> eval(Listener... listeners) {
        return WatchEvaluator.evaluate(snapshot(listeners), List.of(RULE));
    }

    private static List<Kind> kinds(List<WatchStatus> before, List<WatchStatus> after) {
        return WatchTransitions.between(before, after, AT).stream().map(WatchEvent::kind).toList();
    }

    @Test
    void takenThenFreed() {
        var java = tcp("127.0.0.1", P, 1, "java", "java");

        assertThat(kinds(eval(), eval(java))).containsExactly(Kind.OPENED, Kind.TAKEN);
        assertThat(kinds(eval(java), eval())).containsExactly(Kind.CLOSED, Kind.FREED);
        assertThat(kinds(eval(java), eval(java))).isEmpty();
    }

    @Test
    void becomesConflictAndResolves() {
        var java = tcp("127.0.0.1", P, 1, "java", "java");
        var node = tcp("::1", P, 2, "node", "node");

        assertThat(kinds(eval(java), eval(java, node))).containsExactly(Kind.OPENED, Kind.CONFLICT);
        assertThat(kinds(eval(java, node), eval(java))).containsExactly(Kind.CLOSED, Kind.RESOLVED);
        assertThat(kinds(eval(), eval(java, node)))
                .containsExactly(Kind.OPENED, Kind.OPENED, Kind.TAKEN, Kind.CONFLICT);
    }

    @Test
    void becomesExposedAndNot() {
        var local = tcp("127.0.0.1", P, 1, "java", "java");
        var wild = tcp("0.0.0.0", P, 1, "java", "java");

        assertThat(kinds(eval(local), eval(local, wild))).containsExactly(Kind.OPENED, Kind.EXPOSED);
        assertThat(kinds(eval(local, wild), eval(local))).containsExactly(Kind.CLOSED, Kind.UNEXPOSED);
    }

    @Test
    void eventsCarryTimeRuleAndWords() {
        List<WatchEvent> events = WatchTransitions.between(eval(), eval(tcp("0.0.0.0", P, 7, "nc", "nc -l")), AT);

        assertThat(events).allSatisfy(e -> {
            assertThat(e.time()).isEqualTo(AT);
            assertThat(e.rule()).isEqualTo(RULE);
        });
        assertThat(events).extracting(WatchEvent::message).containsExactly(
                "opened: nc (pid 7) listens on 0.0.0.0:62893/tcp",
                "62893/tcp taken: exposed to the network: nc (pid 7) listens on 0.0.0.0:62893/tcp",
                "62893/tcp exposed to the network: nc (pid 7) listens on 0.0.0.0:62893/tcp");
        assertThat(events).extracting(e -> e.kind().notifies()).containsExactly(false, true, true);
    }

    @Test
    void entriesAddedOrRemovedGiveNoEvents() {
        var other = WatchRule.tcp(PortRange.of(9));
        var java = tcp("127.0.0.1", P, 1, "java", "java");
        List<WatchStatus> before = WatchEvaluator.evaluate(snapshot(), List.of(other));

        assertThat(WatchTransitions.between(before, eval(java), AT)).isEmpty();
    }
}
