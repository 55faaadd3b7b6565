package dev.portwatch.cli;

import dev.portwatch.core.settings.SettingsStore;
import dev.portwatch.core.watch.WatchSpecException;
import dev.portwatch.core.watch.WatchSpecs;
import dev.portwatch.model.PortRange;
import dev.portwatch.model.WatchRule;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

import java.util.List;
import java.util.function.IntPredicate;

/**
 * The watch list a command works with: a {@code --watch} spec, or the saved list; and the saved list's ports, which
 * {@code rebind} and {@code free-port} never suggest.
 */
final class WatchedPorts {

    private WatchedPorts() {
    }

    /**
     * The rules of {@code --watch} when given (a bad spec is a usage error), else the saved watch list (a problem
     * reading it is printed once on the command's error stream).
     */
    static List<WatchRule> rules(List<String> watch, CommandSpec spec) {
        if (!watch.isEmpty()) {
            try {
                return WatchSpecs.parseAll(watch);
            } catch (WatchSpecException e) {
                throw new ParameterException(spec.commandLine(), "bad --watch: " + e.getMessage());
            }
        }
        SettingsStore.Loaded loaded = SettingsStore.inUserConfig().load();
        loaded.problem().ifPresent(spec.commandLine().getErr()::println);
        return loaded.settings().watchRules();
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
