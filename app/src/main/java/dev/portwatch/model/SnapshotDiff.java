package dev.portwatch.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What changed between two scans, keyed by {@link SocketKey}.
 *
 * @param added   sockets in the new scan whose key was not in the old one
 * @param removed sockets of the old scan whose key is gone
 * @param changed sockets whose key is in both scans but whose other details (state, owner's details) differ;
 *                holds the new values
 */
public record SnapshotDiff(List<Listener> added, List<Listener> removed, List<Listener> changed) {

    /** Copies the lists. */
    public SnapshotDiff {
        added = List.copyOf(added);
        removed = List.copyOf(removed);
        changed = List.copyOf(changed);
    }

    /**
     * Compares two lists of sockets. Runs in linear time; when a key occurs more than once in a list (which a
     * well-behaved scanner never produces) the last occurrence wins.
     */
    public static SnapshotDiff between(List<Listener> before, List<Listener> after) {
        if (sameInstances(before, after)) {
            // Incremental scanners hand back the very same objects for unchanged sockets: no hashing needed.
            return new SnapshotDiff(List.of(), List.of(), List.of());
        }
        Map<SocketKey, Listener> old = new HashMap<>(before.size() * 2);
        for (Listener listener : before) {
            old.put(listener.key(), listener);
        }
        List<Listener> added = new ArrayList<>();
        List<Listener> changed = new ArrayList<>();
        Map<SocketKey, Listener> seen = new HashMap<>(after.size() * 2);
        for (Listener listener : after) {
            SocketKey key = listener.key();
            seen.put(key, listener);
            Listener previous = old.get(key);
            if (previous == null) {
                added.add(listener);
            } else if (!previous.equals(listener)) {
                changed.add(listener);
            }
        }
        List<Listener> removed = new ArrayList<>();
        for (Map.Entry<SocketKey, Listener> entry : old.entrySet()) {
            if (!seen.containsKey(entry.getKey())) {
                removed.add(entry.getValue());
            }
        }
        return new SnapshotDiff(added, removed, changed);
    }

    private static boolean sameInstances(List<Listener> before, List<Listener> after) {
        if (before.size() != after.size()) {
            return false;
        }
        for (int i = 0; i < before.size(); i++) {
            if (before.get(i) != after.get(i)) {
                return false;
            }
        }
        return true;
    }

    /** True when nothing changed. */
    public boolean isEmpty() {
        return added.isEmpty() && removed.isEmpty() && changed.isEmpty();
    }
}
