package dev.portwatch.core.settings;

import dev.portwatch.model.WatchRule;

import java.util.List;
import java.util.Objects;

/**
 * A remote host the window shows (Hosts ▸ Add host…), with its own watch list.
 *
 * @param destination the SSH destination as the user typed it ({@code dev-vm}, {@code user@host},
 *                    {@code ssh://user@host:2222}); checked with {@code SshDestination.check} before it is saved
 * @param watchRules  the ports watched on that host
 */
public record SavedHost(String destination, List<WatchRule> watchRules) {

    /** Validates the fields and copies the list. */
    public SavedHost {
        Objects.requireNonNull(destination, "destination");
        watchRules = List.copyOf(watchRules);
    }

    /** A copy with another watch list. */
    public SavedHost withWatchRules(List<WatchRule> rules) {
        return new SavedHost(destination, rules);
    }
}
