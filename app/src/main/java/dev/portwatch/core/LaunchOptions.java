package dev.portwatch.core;

import java.util.List;

/**
 * What the command line passes to the window when no subcommand is given.
 *
 * @param watchSpecs extra watch specifications for this run ({@code 62893,3000-3010}), unparsed
 */
public record LaunchOptions(List<String> watchSpecs) {

    /** Copies the list. */
    public LaunchOptions {
        watchSpecs = List.copyOf(watchSpecs);
    }
}
