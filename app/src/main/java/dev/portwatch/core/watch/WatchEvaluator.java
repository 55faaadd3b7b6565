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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Decides the state of each watched entry from one snapshot: a pure function, safe on any thread.
 *
 * <p>Only listening sockets count as holders (TCP LISTEN, unconnected UDP); connections never hold a port for
 * others. TCP and UDP are judged apart: a TCP server and a UDP server on the same number are not a conflict.
 * Sockets whose owner the OS hid all count as one "unknown" process, since portwatch cannot tell them apart.
 */
public final class WatchEvaluator {

    /** Orders holders by port, protocol, address, then pid (unknown last). */
    public static final Comparator<Listener> HOLDER_ORDER = Comparator.comparingInt(Listener::port)
            .thenComparing(Listener::protocol)
            .thenComparing(Listener::address)
            .thenComparingInt(l -> l.pid().orElse(Integer.MAX_VALUE));

    private WatchEvaluator() {
    }

    /** The status of every rule, in the rules' order. */
    public static List<WatchStatus> evaluate(Snapshot snapshot, List<WatchRule> rules) {
        List<Listener> listening = snapshot.listeners().stream().filter(l -> l.state().isListening()).toList();
        List<WatchStatus> statuses = new ArrayList<>(rules.size());
        for (WatchRule rule : rules) {
            statuses.add(evaluate(rule, listening));
        }
        return List.copyOf(statuses);
    }

    /** The status of one rule against the listening sockets of a snapshot. */
    static WatchStatus evaluate(WatchRule rule, List<Listener> listening) {
        List<Listener> holders = listening.stream()
                .filter(l -> rule.watches(l.protocol()) && rule.ports().contains(l.port()))
                .sorted(HOLDER_ORDER)
                .toList();
        if (holders.isEmpty()) {
            return new WatchStatus(rule, WatchState.FREE, false,
                    List.of("nothing is bound on " + rule.ports() + "/" + rule.protocolLabel()), holders);
        }
        List<String> conflicts = new ArrayList<>();
        EnumSet<ConflictKind> kinds = EnumSet.noneOf(ConflictKind.class);
        List<String> wrongOwners = wrongOwners(rule, holders);
        if (!wrongOwners.isEmpty()) {
            kinds.add(ConflictKind.UNEXPECTED_OWNER);
        }
        conflicts.addAll(wrongOwners);
        conflicts.addAll(sharedPorts(holders, kinds));
        List<String> exposures = holders.stream()
                .filter(l -> Addresses.isNetworkExposed(l.address()))
                .map(l -> "exposed to the network: " + who(l.owner()) + " listens on " + where(l))
                .toList();
        List<String> reasons = new ArrayList<>(conflicts);
        reasons.addAll(exposures);
        if (conflicts.isEmpty()) {
            reasons.add(inUse(holders));
        }
        WatchState state = conflicts.isEmpty() ? WatchState.IN_USE : WatchState.CONFLICT;
        return new WatchStatus(rule, state, !exposures.isEmpty(), reasons, holders, kinds);
    }

    /** True when this socket, listening, would be a holder of the rule. */
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
     * One reason per port and protocol held by two or more distinct processes; adds {@link ConflictKind#SPLIT_LOCALHOST}
     * or {@link ConflictKind#SHARED_PORT} to {@code kinds} for each.
     */
    private static List<String> sharedPorts(List<Listener> holders, EnumSet<ConflictKind> kinds) {
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
                    + (localhostHolders >= 2 ? "; localhost:" + entry.getValue().get(0).port()
                    + " may reach either" : ""));
        }
        return reasons;
    }

    private static String inUse(List<Listener> holders) {
        Map<Integer, List<Listener>> byProcess = holders.stream().collect(Collectors.groupingBy(
                l -> l.pid().orElse(0), LinkedHashMap::new, Collectors.toList()));
        return "in use by " + byProcess.values().stream()
                .map(sockets -> who(sockets.get(0).owner()) + " on " + sockets.stream()
                        .map(WatchEvaluator::where).collect(Collectors.joining(", ")))
                .collect(Collectors.joining("; "));
    }

    /** {@code java (pid 4242)}, or {@code an unknown process}. */
    static String who(Optional<ProcessInfo> owner) {
        return owner.map(p -> (p.name().isEmpty() ? "process" : p.name()) + " (pid " + p.pid() + ")")
                .orElse("an unknown process");
    }

    /** {@code 127.0.0.1:62893/tcp}. */
    static String where(Listener listener) {
        return listener.local() + "/" + listener.protocol().label();
    }
}
