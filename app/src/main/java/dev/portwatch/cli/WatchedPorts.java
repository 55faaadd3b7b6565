package dev.portwatch.cli;

import dev.portwatch.core.settings.SettingsStore;
import dev.portwatch.model.PortRange;
import dev.portwatch.model.WatchRule;

import java.util.List;
import java.util.function.IntPredicate;

/** The saved watch list's ports, which {@code rebind} and {@code free-port} never suggest. */
final class WatchedPorts {

    private WatchedPorts() {
    }

    /** True for a port inside any saved watch rule; reads the settings file once. */
    static IntPredicate saved() {
        List<PortRange> ranges = SettingsStore.inUserConfig().load().settings().watchRules().stream()
                .map(WatchRule::ports)
                .distinct()
                .toList();
        return port -> ranges.stream().anyMatch(range -> range.contains(port));
    }
}
