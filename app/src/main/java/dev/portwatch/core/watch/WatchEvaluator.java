package dev.portwatch.core.watch;

import dev.portwatch.model.Addresses;
import dev.portwatch.model.ConflictKind;
import dev.portwatch.model.Listener;
import dev.portwatch.model.ProcessInfo;
import dev.portwatch.model.Snapshot;
import dev.portwatch.model.WatchRule;
import dev.portwatch.model.WatchState;
import dev.portwatch.model.WatchStatus;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Decides the state of each watched entry from one snapshot: a pure function, safe on any thread.
 *
 * <p>A port is held until a plain {@code bind} would succeed (see {@link PortHolders}): listeners hold it, and so does
 * a connected socket whose process no longer listens there (a JDWP agent with a debugger attached); closed
 * connections lingering in TIME_WAIT hold nothing but are named in the reasons. TCP and UDP are judged apart: a TCP
 * server and a UDP server on the same number are not a conflict. Sockets whose owner the OS hid all count as one
 * "unknown" process, since portwatch cannot tell them apart.
 */
public final class WatchEvaluator {

    /** Orders holders by port, protocol, address, then pid (unknown last). */
    public static final Comparator<Listener> HOLDER_ORDER = Comparator.comparingInt(Listener::port)
            .thenComparing(Listener::protocol)
            .thenComparing(Listener::address)
            .thenComparingInt(l -> l.pid().orElse(Integer.MAX_VALUE));

    private WatchEvaluator() {
    }

    /** The status of every rule, in the rules' order, not knowing what localhost resolves to. */
    public static List<WatchStatus> evaluate(Snapshot snapshot, List<WatchRule> rules) {
        return evaluate(snapshot, rules, LocalhostNames.UNKNOWN);
    }

    /**
     * The status of every rule, in the rules' order.
     *
     * @param localhost what {@code localhost} resolves to here, so a split-localhost conflict says which holder it
     *                  reaches first
     */
    public static List<WatchStatus> evaluate(Snapshot snapshot, List<WatchRule> rules, LocalhostNames localhost) {
        Map<Integer, List<Listener>> byPort = new HashMap<>();
        for (Listener socket : snapshot.listeners()) {
            byPort.computeIfAbsent(socket.port(), p -> new ArrayList<>(2)).add(socket);
        }
        List<WatchStatus> statuses = new ArrayList<>(rules.size());
        for (WatchRule rule : rules) {
            List<Listener> onPorts = new ArrayList<>();
            for (int port = rule.ports().from(); port <= rule.ports().to(); port++) {
                for (Listener socket : byPort.getOrDefault(port, List.of())) {
                    if (rule.watches(socket.protocol())) {
                        onPorts.add(socket);
                    }
                }
            }
            statuses.add(evaluate(rule, onPorts, snapshot.privileged(), localhost));
        }
        return List.copyOf(statuses);
    }

    /** The status of one rule against the sockets of a snapshot (any, or only those on the rule's ports). */
    static WatchStatus evaluate(WatchRule rule, List<Listener> sockets, boolean privileged) {
        return evaluate(rule, sockets, privileged, LocalhostNames.UNKNOWN);
    }

    static WatchStatus evaluate(WatchRule rule, List<Listener> sockets, boolean privileged, LocalhostNames localhost) {
        List<Listener> onPorts = sockets.stream()
                .filter(l -> rule.watches(l.protocol()) && rule.ports().contains(l.port()))
                .toList();
        List<Listener> holders = PortHolders.holding(onPorts, privileged).stream().sorted(HOLDER_ORDER).toList();
        Optional<String> lingering = PortHolders.lingerReason(PortHolders.lingering(onPorts, privileged));
        if (holders.isEmpty()) {
            List<String> reasons = new ArrayList<>();
            reasons.add("nothing is bound on " + rule.ports() + "/" + rule.protocolLabel());
            lingering.ifPresent(reasons::add);
            return new WatchStatus(rule, WatchState.FREE, false, reasons, holders);
        }
        List<String> conflicts = new ArrayList<>();
        EnumSet<ConflictKind> kinds = EnumSet.noneOf(ConflictKind.class);
        List<String> wrongOwners = wrongOwners(rule, holders);
        if (!wrongOwners.isEmpty()) {
            kinds.add(ConflictKind.UNEXPECTED_OWNER);
        }
        conflicts.addAll(wrongOwners);
        conflicts.addAll(sharedPorts(holders, kinds, localhost));
        List<String> exposures = holders.stream()
                .filter(l -> l.state().isListening() && Addresses.isNetworkExposed(l.address()))
                .map(l -> "exposed to the network: " + who(l.owner()) + " listens on " + where(l))
                .toList();
        List<String> reasons = new ArrayList<>(conflicts);
        reasons.addAll(exposures);
        if (conflicts.isEmpty()) {
            reasons.add(inUse(holders));
        }
        holders.stream().filter(PortHolders::isConnection).map(PortHolders::connectionReason)
                .filter(reason -> !reasons.contains(reason)).forEach(reasons::add);
        lingering.ifPresent(reasons::add);
        WatchState state = conflicts.isEmpty() ? WatchState.IN_USE : WatchState.CONFLICT;
        return new WatchStatus(rule, state, !exposures.isEmpty(), reasons, holders, kinds);
    }

    /**
     * True when this socket, listening, would be a holder of the rule. A connection holds a port only when nothing
     * listens there, which one socket cannot tell: use the statuses' holders for that.
     */
    public static boolean holds(WatchRule rule, Listener listener) {
        return listener.state().isListening() && rule.watches(listener.protocol())
                && rule.ports().contains(listener.port());
    }

    private static List<String> wrongOwners(WatchRule rule, List<Listener> holders) {
        if (rule.expectedOwner().isEmpty()) {
            return List.of();
        }
        List<String> reasons = new ArrayList<>();
        for (Listener holder : holders) {
            Optional<ProcessInfo> owner = holder.owner();
            if (owner.isEmpty()) {
                reasons.add("an unknown process holds " + where(holder) + "; expected '" + rule.expectedOwner()
                        + "' but the owner is hidden");
            } else if (!rule.ownerMatches(owner.get())) {
                reasons.add(who(owner) + " holds " + where(holder) + ", expected '" + rule.expectedOwner() + "'");
            }
        }
        return reasons;
    }

    /**
     * One reason per port and protocol held by two or more distinct processes; adds
     * {@link ConflictKind#SPLIT_LOCALHOST} or {@link ConflictKind#SHARED_PORT} to {@code kinds} for each.
     */
    private static List<String> sharedPorts(List<Listener> holders, EnumSet<ConflictKind> kinds,
                                            LocalhostNames localhost) {
        Map<String, List<Listener>> byPort = holders.stream().collect(Collectors.groupingBy(
                l -> l.port() + "/" + l.protocol().label(), LinkedHashMap::new, Collectors.toList()));
        List<String> reasons = new ArrayList<>();
        for (Map.Entry<String, List<Listener>> entry : byPort.entrySet()) {
            Map<Integer, List<Listener>> byProcess = entry.getValue().stream().collect(Collectors.groupingBy(
                    l -> l.pid().orElse(0), LinkedHashMap::new, Collectors.toList()));
            if (byProcess.size() < 2) {
                continue;
            }
            String each = byProcess.values().stream()
                    .map(sockets -> who(sockets.get(0).owner()) + " on " + sockets.stream().map(Listener::address)
                            .distinct().collect(Collectors.joining(" and ")))
                    .collect(Collectors.joining(", "));
            long localhostHolders = byProcess.values().stream()
                    .filter(sockets -> sockets.stream().anyMatch(Listener::isLocalhostReachable)).count();
            String port = entry.getKey();
            kinds.add(localhostHolders >= 2 ? ConflictKind.SPLIT_LOCALHOST : ConflictKind.SHARED_PORT);
            reasons.add(byProcess.size() + " processes hold " + port + ": " + each
                    + (localhostHolders >= 2 ? "; " + whichLocalhost(entry.getValue(), localhost) : ""));
        }
        return reasons;
    }

    /**
     * Which holder {@code localhost:PORT} reaches first on this machine and who other clients may reach instead:
     * "localhost resolves to 127.0.0.1 here, so localhost:62893 reaches java (pid 100) on 127.0.0.1 first; clients
     * that try IPv6 first (browsers, curl, Node.js 17+) may reach node (pid 200) on ::1".
     */
    private static String whichLocalhost(List<Listener> sockets, LocalhostNames localhost) {
        int port = sockets.get(0).port();
        List<Listener> reachable = sockets.stream().filter(Listener::isLocalhostReachable).toList();
        Optional<Listener> first = localhost.reachedFirst(reachable);
        if (first.isEmpty()) {
            return "localhost:" + port + " may reach either";
        }
        int firstPid = first.get().pid().orElse(0);
        String others = reachable.stream().filter(l -> l.pid().orElse(0) != firstPid)
                .map(l -> (l.address().contains(":")
                        ? "clients that try IPv6 first (browsers, curl, Node.js 17+) may reach "
                        : "clients that try IPv4 first (Java, Node.js before 17) may reach ")
                        + who(l.owner()) + " on " + l.address())
                .distinct().collect(Collectors.joining("; "));
        return "localhost resolves to " + localhost.describe() + " here, so localhost:" + port + " reaches "
                + who(first.get().owner()) + " on " + first.get().address() + " first; " + others;
    }

    private static String inUse(List<Listener> holders) {
        Map<Integer, List<Listener>> byProcess = holders.stream().collect(Collectors.groupingBy(
                l -> l.pid().orElse(0), LinkedHashMap::new, Collectors.toList()));
        return "in use by " + byProcess.values().stream()
                .map(sockets -> who(sockets.get(0).owner()) + " on " + sockets.stream()
                        .map(l -> where(l) + (PortHolders.isConnection(l) ? " (a connection, not listening)" : ""))
                        .distinct().collect(Collectors.joining(", ")))
                .collect(Collectors.joining("; "));
    }

    static String who(Optional<ProcessInfo> owner) {
        return PortHolders.who(owner);
    }

    static String where(Listener listener) {
        return PortHolders.where(listener);
    }
}
