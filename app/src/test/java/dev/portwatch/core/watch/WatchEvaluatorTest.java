package dev.portwatch.core.watch;

import dev.portwatch.model.ConflictKind;
import dev.portwatch.model.PortRange;
import dev.portwatch.model.Protocol;
import dev.portwatch.model.Snapshot;
import dev.portwatch.model.SocketState;
import dev.portwatch.model.WatchRule;
import dev.portwatch.model.WatchState;
import dev.portwatch.model.WatchStatus;
import dev.portwatch.testing.Sockets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import static dev.portwatch.testing.Sockets.connection;
import static dev.portwatch.testing.Sockets.hidden;
import static dev.portwatch.testing.Sockets.snapshot;
import static dev.portwatch.testing.Sockets.tcp;
import static dev.portwatch.testing.Sockets.udp;
import static org.assertj.core.api.Assertions.assertThat;

/** The state function, table-driven: one row per state and reason. */
class WatchEvaluatorTest {

    private static final int P = 62893;

    static WatchRule rule(String ports, String owner, Protocol... protocols) {
        String[] bounds = ports.split("-");
        var range = new PortRange(Integer.parseInt(bounds[0]), Integer.parseInt(bounds[bounds.length - 1]));
        return new WatchRule(range, "", owner, protocols.length == 0 ? Set.of(Protocol.TCP) : Set.of(protocols));
    }

    @Test
    void aSplitLocalhostConflictSaysWhichHolderLocalhostReachesFirstHere() {
        var java = tcp("127.0.0.1", P, 100, "java", "java -jar api.jar");
        var node = tcp("::1", P, 200, "node", "node server.js");
        var rules = List.of(rule("62893", ""));

        String v4First = WatchEvaluator.evaluate(snapshot(java, node), rules,
                new LocalhostNames(List.of("127.0.0.1", "::1"))).get(0).reasons().get(0);
        assertThat(v4First).isEqualTo("2 processes hold 62893/tcp: java (pid 100) on 127.0.0.1, node (pid 200) on "
                + "::1; localhost resolves to 127.0.0.1 and ::1 here, so localhost:62893 reaches java (pid 100) on "
                + "127.0.0.1 first; clients that try IPv6 first (browsers, curl, Node.js 17+) may reach node (pid 200)"
                + " on ::1");

        String v6First = WatchEvaluator.evaluate(snapshot(java, node), rules,
                new LocalhostNames(List.of("0:0:0:0:0:0:0:1", "127.0.0.1"))).get(0).reasons().get(0);
        assertThat(v6First).contains("so localhost:62893 reaches node (pid 200) on ::1 first; clients that try IPv4 "
                + "first (Java, Node.js before 17) may reach java (pid 100) on 127.0.0.1");

        // A wildcard bind answers for its family: localhost's 127.0.0.1 reaches python3 on 0.0.0.0.
        var wildcard = tcp("0.0.0.0", P, 300, "python3", "python3 -m http.server");
        assertThat(WatchEvaluator.evaluate(snapshot(wildcard, node), rules,
                new LocalhostNames(List.of("127.0.0.1"))).get(0).reasons().get(0))
                .contains("reaches python3 (pid 300) on 0.0.0.0 first");

        // Not resolved: the old, vaguer sentence.
        assertThat(WatchEvaluator.evaluate(snapshot(java, node), rules, LocalhostNames.UNKNOWN).get(0).reasons()
                .get(0)).endsWith("localhost:62893 may reach either");
    }

    static Stream<Arguments> cases() {
        var java = tcp("127.0.0.1", P, 100, "java", "java -jar api.jar");
        var javaV6 = tcp("::1", P, 100, "java", "java -jar api.jar");
        var node = tcp("::1", P, 200, "node", "node server.js");
        return Stream.of(
                Arguments.of("nothing bound", rule("62893", ""), snapshot(),
                        WatchState.FREE, false, 0, "nothing is bound on 62893/tcp"),
                Arguments.of("other ports only", rule("62893", ""), snapshot(tcp("127.0.0.1", P + 1, 1, "x", "x")),
                        WatchState.FREE, false, 0, "nothing is bound"),
                Arguments.of("a connection whose process no longer listens holds the port", rule("62893", ""),
                        snapshot(connection("127.0.0.1", P, 7)), WatchState.IN_USE, false, 1,
                        "curl (pid 7) holds 127.0.0.1:62893/tcp through a connection with 10.0.0.9:40000"),
                Arguments.of("a connection beside its process's listener adds no holder", rule("62893", ""),
                        snapshot(tcp("127.0.0.1", P, 7, "curl", "curl"), connection("127.0.0.1", P, 7)),
                        WatchState.IN_USE, false, 1, "in use by curl (pid 7) on 127.0.0.1:62893/tcp"),
                Arguments.of("a connection in another process's accept queue adds no holder", rule("62893", ""),
                        snapshot(tcp("127.0.0.1", P, 7, "curl", "curl"), Sockets.socket(Protocol.TCP,
                                SocketState.ESTABLISHED, "127.0.0.1", P, Optional.empty())),
                        WatchState.IN_USE, false, 1, "in use by curl (pid 7) on 127.0.0.1:62893/tcp"),
                Arguments.of("a hidden owner's connection holds the port when nothing listens", rule("62893", ""),
                        snapshot(Sockets.socket(Protocol.TCP, SocketState.ESTABLISHED, "127.0.0.1", P,
                                Optional.empty())), WatchState.IN_USE, false, 1,
                        "an unknown process holds 127.0.0.1:62893/tcp through a connection"),
                Arguments.of("TIME_WAIT leftovers hold nothing but are named", rule("62893", ""),
                        snapshot(Sockets.socket(Protocol.TCP, SocketState.TIME_WAIT, "127.0.0.1", P,
                                Optional.empty())), WatchState.FREE, false, 0,
                        "1 closed connection lingers on 62893/tcp in TIME_WAIT"),
                Arguments.of("held, no owner expected", rule("62893", ""), snapshot(java),
                        WatchState.IN_USE, false, 1, "in use by java (pid 100) on 127.0.0.1:62893/tcp"),
                Arguments.of("owner matches by name, any case", rule("62893", "JAVA"), snapshot(java),
                        WatchState.IN_USE, false, 1, "in use by java (pid 100)"),
                Arguments.of("owner matches a command-line substring", rule("62893", "api.jar"), snapshot(java),
                        WatchState.IN_USE, false, 1, "in use by java"),
                Arguments.of("one process on 127.0.0.1 and ::1 is fine", rule("62893", ""), snapshot(java, javaV6),
                        WatchState.IN_USE, false, 2, "in use by java (pid 100) on 127.0.0.1:62893/tcp, [::1]"),
                Arguments.of("wrong owner", rule("62893", "node"), snapshot(java),
                        WatchState.CONFLICT, false, 1, "java (pid 100) holds 127.0.0.1:62893/tcp, expected 'node'"),
                Arguments.of("hidden owner cannot be confirmed", rule("62893", "node"), snapshot(hidden("::1", P)),
                        WatchState.CONFLICT, false, 1, "an unknown process holds [::1]:62893/tcp; expected 'node'"),
                Arguments.of("two processes on 127.0.0.1 and ::1", rule("62893", ""), snapshot(java, node),
                        WatchState.CONFLICT, false, 2, "2 processes hold 62893/tcp: java (pid 100) on 127.0.0.1, "
                                + "node (pid 200) on ::1; localhost:62893 may reach either"),
                Arguments.of("two processes, one on 0.0.0.0", rule("62893", ""),
                        snapshot(java, tcp("0.0.0.0", P, 300, "python3", "python3 -m http.server")),
                        WatchState.CONFLICT, true, 2, "2 processes hold 62893/tcp"),
                Arguments.of("exposed on the IPv4 wildcard", rule("62893", ""),
                        snapshot(tcp("0.0.0.0", P, 300, "python3", "python3")),
                        WatchState.IN_USE, true, 1, "exposed to the network: python3 (pid 300) listens on 0.0.0.0"),
                Arguments.of("exposed on the IPv6 wildcard", rule("62893", ""),
                        snapshot(tcp("::", P, 300, "python3", "python3")),
                        WatchState.IN_USE, true, 1, "listens on [::]:62893/tcp"),
                Arguments.of("exposed on a LAN address", rule("62893", ""),
                        snapshot(tcp("192.168.1.20", P, 300, "python3", "python3")),
                        WatchState.IN_USE, true, 1, "exposed to the network"),
                Arguments.of("wrong owner and exposed", rule("62893", "node"),
                        snapshot(tcp("0.0.0.0", P, 300, "python3", "python3")),
                        WatchState.CONFLICT, true, 1, "expected 'node'"),
                Arguments.of("UDP is not watched by a TCP rule", rule("62893", ""),
                        snapshot(udp("0.0.0.0", P, 5, "dns")),
                        WatchState.FREE, false, 0, "nothing is bound on 62893/tcp"),
                Arguments.of("UDP rule sees UDP", rule("62893", "", Protocol.UDP),
                        snapshot(udp("127.0.0.1", P, 5, "dns")),
                        WatchState.IN_USE, false, 1, "in use by dns (pid 5) on 127.0.0.1:62893/udp"),
                Arguments.of("TCP and UDP by different processes are no conflict", rule("62893", "", Protocol.TCP,
                                Protocol.UDP), snapshot(java, udp("127.0.0.1", P, 5, "dns")),
                        WatchState.IN_USE, false, 2, "in use by"),
                Arguments.of("range: any port in it", rule("3000-3010", ""), snapshot(tcp("127.0.0.1", 3007, 9, "vite",
                                "vite")), WatchState.IN_USE, false, 1, "vite (pid 9) on 127.0.0.1:3007/tcp"),
                Arguments.of("range: different processes on different ports are fine", rule("3000-3010", ""),
                        snapshot(tcp("127.0.0.1", 3000, 9, "vite", "vite"), tcp("127.0.0.1", 3001, 10, "node", "node")),
                        WatchState.IN_USE, false, 2, "in use by"),
                Arguments.of("range: two processes on one port of it", rule("3000-3010", ""),
                        snapshot(tcp("127.0.0.1", 3004, 9, "vite", "vite"), tcp("::1", 3004, 10, "node", "node")),
                        WatchState.CONFLICT, false, 2, "2 processes hold 3004/tcp"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decidesStateExposureAndReason(String name, WatchRule rule, Snapshot snapshot, WatchState state,
                                       boolean exposed, int holders, String reason) {
        WatchStatus status = WatchEvaluator.evaluate(snapshot, List.of(rule)).get(0);

        assertThat(status.state()).as("state").isEqualTo(state);
        assertThat(status.exposed()).as("exposed").isEqualTo(exposed);
        assertThat(status.holders()).as("holders").hasSize(holders);
        assertThat(status.reasons()).as("reasons").anySatisfy(r -> assertThat(r).contains(reason));
    }

    @Test
    void keepsTheRulesOrderAndSortsHolders() {
        var b = tcp("::1", P, 2, "b", "b");
        var a = tcp("127.0.0.1", P, 1, "a", "a");
        List<WatchStatus> statuses = WatchEvaluator.evaluate(snapshot(b, a),
                List.of(rule("9", ""), rule("62893", "")));

        assertThat(statuses).extracting(s -> s.rule().ports().from()).containsExactly(9, P);
        assertThat(statuses.get(1).holders()).containsExactly(a, b);
    }

    static Stream<Arguments> conflictKinds() {
        var java = tcp("127.0.0.1", P, 100, "java", "java -jar api.jar");
        var node = tcp("::1", P, 200, "node", "node server.js");
        return Stream.of(
                Arguments.of("free", rule("62893", "node"), snapshot(), Set.of()),
                Arguments.of("held by the expected owner", rule("62893", "java"), snapshot(java), Set.of()),
                Arguments.of("wrong owner", rule("62893", "node"), snapshot(java),
                        Set.of(ConflictKind.UNEXPECTED_OWNER)),
                Arguments.of("hidden owner", rule("62893", "node"), snapshot(hidden("::1", P)),
                        Set.of(ConflictKind.UNEXPECTED_OWNER)),
                Arguments.of("127.0.0.1 and ::1 by two processes", rule("62893", ""), snapshot(java, node),
                        Set.of(ConflictKind.SPLIT_LOCALHOST)),
                Arguments.of("127.0.0.1 and 0.0.0.0 by two processes", rule("62893", ""),
                        snapshot(java, tcp("0.0.0.0", P, 300, "python3", "python3 -m http.server")),
                        Set.of(ConflictKind.SPLIT_LOCALHOST)),
                Arguments.of("127.0.0.1 and a LAN address by two processes", rule("62893", ""),
                        snapshot(java, tcp("192.168.1.5", P, 300, "python3", "python3 -m http.server")),
                        Set.of(ConflictKind.SHARED_PORT)),
                Arguments.of("split and a wrong owner", rule("62893", "java"), snapshot(java, node),
                        Set.of(ConflictKind.SPLIT_LOCALHOST, ConflictKind.UNEXPECTED_OWNER)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("conflictKinds")
    void namesEachKindOfConflict(String name, WatchRule rule, Snapshot snapshot, Set<ConflictKind> kinds) {
        WatchStatus status = WatchEvaluator.evaluate(snapshot, List.of(rule)).get(0);

        assertThat(status.conflicts()).isEqualTo(kinds);
        assertThat(status.state() == WatchState.CONFLICT).isEqualTo(!kinds.isEmpty());
    }
}
