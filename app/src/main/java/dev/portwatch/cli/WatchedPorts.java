package dev.portwatch.cli;

import dev.portwatch.core.settings.SettingsStore;
import dev.portwatch.core.watch.WatchSpecException;
import dev.portwatch.core.watch.WatchSpecs;
import dev.portwatch.model.PortRange;
import dev.portwatch.model.WatchRule;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.function.IntPredicate;

/**
 * The watch list a command works with: a {@code --watch} spec, or the saved list; and the saved list's ports, which
 * {@code rebind} and {@code free-port} never suggest.
 */
final class WatchedPorts {

    private WatchedPorts() {
    }

    /**
     * The rules of {@code --watch} when given (a bad spec is a usage error), else the saved watch list; empty when
     * the saved list can't be used (corrupt, unreadable): then the reason has been printed on the command's error
     * stream, and the caller exits 2 rather than check the defaults, which would answer a question nobody asked.
     */
    static Optional<List<WatchRule>> rules(List<String> watch, CommandSpec spec) {
        if (!watch.isEmpty()) {
            try {
                return Optional.of(WatchSpecs.parseAll(watch));
            } catch (WatchSpecException e) {
                throw new ParameterException(spec.commandLine(), "bad --watch: " + e.getMessage());
            }
        }
        SettingsStore.Loaded loaded = SettingsStore.inUserConfig().load();
        if (loaded.problem().isPresent()) {
            PrintWriter err = spec.commandLine().getErr();
            err.println(loaded.problem().get());
            err.println("portwatch: the saved watch list could not be used, so nothing was checked; fix the "
                    + "settings file or give --watch SPEC.");
            err.flush();
            return Optional.empty();
        }
        return Optional.of(loaded.settings().watchRules());
    }

    /**
     * True for a port inside any saved watch rule; reads the settings file once, and tells the user on {@code err}
     * when it could not be used (then the defaults' ports are avoided, and a corrupt file was moved aside).
     */
    static IntPredicate saved(PrintWriter err) {
        SettingsStore.Loaded loaded = SettingsStore.inUserConfig().load();
        loaded.problem().ifPresent(problem -> {
            err.println(problem);
            err.flush();
        });
        List<PortRange> ranges = loaded.settings().watchRules().stream()
                .map(WatchRule::ports)
                .distinct()
                .toList();
        return port -> ranges.stream().anyMatch(range -> range.contains(port));
    }
}
