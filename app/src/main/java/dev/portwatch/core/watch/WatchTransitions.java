package dev.portwatch.core.watch;

import dev.portwatch.core.watch.WatchEvent.Kind;
import dev.portwatch.model.Listener;
import dev.portwatch.model.SocketKey;
import dev.portwatch.model.WatchRule;
import dev.portwatch.model.WatchState;
import dev.portwatch.model.WatchStatus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Turns two consecutive evaluations into events: sockets opened and closed on watched ports, and state changes.
 * Pure and thread-safe. Entries present in only one evaluation (just added or removed) produce no events, so
 * editing the watch list never looks like a port changing hands.
 */
public final class WatchTransitions {

    private WatchTransitions() {
    }

    /**
     * The events between two evaluations, per entry: opens and closes first, then state changes.
     *
     * @param before the previous statuses
     * @param after  the new statuses
     * @param at     when the new snapshot was taken; the events' time
     */
    public static List<WatchEvent> between(List<WatchStatus> before, List<WatchStatus> after, Instant at) {
        Map<WatchRule, WatchStatus> previous = before.stream()
                .collect(Collectors.toMap(WatchStatus::rule, Function.identity(), (a, b) -> b));
        List<WatchEvent> events = new ArrayList<>();
        for (WatchStatus now : after) {
            WatchStatus then = previous.get(now.rule());
            if (then != null) {
                changes(then, now, at, events);
            }
        }
        return List.copyOf(events);
    }

    private static void changes(WatchStatus then, WatchStatus now, Instant at, List<WatchEvent> events) {
        WatchRule rule = now.rule();
        Set<SocketKey> oldKeys = then.holders().stream().map(Listener::key).collect(Collectors.toSet());
        Set<SocketKey> newKeys = now.holders().stream().map(Listener::key).collect(Collectors.toSet());
        for (Listener opened : now.holders()) {
            if (!oldKeys.contains(opened.key())) {
                events.add(new WatchEvent(at, Kind.OPENED, rule, "opened: " + WatchEvaluator.who(opened.owner())
                        + " listens on " + WatchEvaluator.where(opened)));
            }
        }
        for (Listener closed : then.holders()) {
            if (!newKeys.contains(closed.key())) {
                events.add(new WatchEvent(at, Kind.CLOSED, rule, "closed: " + WatchEvaluator.who(closed.owner())
                        + " stopped listening on " + WatchEvaluator.where(closed)));
            }
        }
        String name = rule.describe();
        if (!then.isTaken() && now.isTaken()) {
            events.add(new WatchEvent(at, Kind.TAKEN, rule, name + " taken: " + now.reasons().get(0)));
        } else if (then.isTaken() && !now.isTaken()) {
            events.add(new WatchEvent(at, Kind.FREED, rule, name + " is free again"));
        }
        if (then.state() != WatchState.CONFLICT && now.state() == WatchState.CONFLICT) {
            events.add(new WatchEvent(at, Kind.CONFLICT, rule, name + " conflict: " + now.reasons().get(0)));
        } else if (then.state() == WatchState.CONFLICT && now.state() == WatchState.IN_USE) {
            events.add(new WatchEvent(at, Kind.RESOLVED, rule, name + " conflict resolved"));
        }
        if (!then.exposed() && now.exposed()) {
            events.add(new WatchEvent(at, Kind.EXPOSED, rule, name + " " + firstExposure(now)));
        } else if (then.exposed() && !now.exposed()) {
            events.add(new WatchEvent(at, Kind.UNEXPOSED, rule, name + " is no longer exposed to the network"));
        }
    }

    private static String firstExposure(WatchStatus status) {
        return status.reasons().stream().filter(r -> r.startsWith("exposed")).findFirst()
                .orElse("exposed to the network");
    }
}
