package dev.portwatch.core.actions;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * How a rebind ended.
 *
 * @param plan     what was asked for; its old command line stays available to copy
 * @param success  whether the new process listens on the new port
 * @param newPid   the started process's pid; empty when nothing was started
 * @param log      the file receiving the new process's output
 * @param logTail  the last lines of that log, for a failure report; empty on success
 * @param sentence one sentence for users
 */
public record RebindOutcome(RebindPlan plan, boolean success, OptionalLong newPid, Path log, List<String> logTail,
                            String sentence) {

    /** Validates and copies. */
    public RebindOutcome {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(newPid, "newPid");
        Objects.requireNonNull(log, "log");
        logTail = List.copyOf(logTail);
        Objects.requireNonNull(sentence, "sentence");
    }
}
