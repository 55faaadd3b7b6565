package dev.portwatch.core.actions;

import dev.portwatch.model.Listener;
import dev.portwatch.model.ProcessInfo;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What a kill achieved, checked by a rescan after the signals.
 *
 * @param process   the process that was asked to stop, as scanned
 * @param exited    whether it (and the children that were included) exited
 * @param forced    whether a forced stop (SIGKILL) was sent
 * @param waited    how long portwatch waited for the exit
 * @param ports     the listening ports the process (and included children) held before the kill, ascending
 * @param stillHeld listening sockets on those ports seen by the rescan after the kill (by whatever process)
 * @param children  the children that were signalled too; empty when children were not included
 * @param sharers   the other processes that held the same listening socket (after {@code fork}), signalled too
 */
public record KillOutcome(ProcessInfo process, boolean exited, boolean forced, Duration waited, List<Integer> ports,
                          List<Listener> stillHeld, List<ProcessInfo> children, List<ProcessInfo> sharers) {

    /** Validates and copies. */
    public KillOutcome {
        Objects.requireNonNull(process, "process");
        Objects.requireNonNull(waited, "waited");
        ports = List.copyOf(ports);
        stillHeld = List.copyOf(stillHeld);
        children = List.copyOf(children);
        sharers = List.copyOf(sharers);
    }

    /** True when the process is gone and none of its ports is held any more. */
    public boolean succeeded() {
        return exited && stillHeld.isEmpty();
    }

    /** One sentence for users: "62893 is free now.", or what still holds it, or that the process still runs. */
    public String sentence() {
        String who = describe(process);
        if (!exited) {
            return who + " is still running after " + seconds(waited) + "; force it to stop, or wait.";
        }
        if (!stillHeld.isEmpty()) {
            return stillHeld.stream()
                    .map(l -> l.port() + " is still held by " + l.owner().map(KillOutcome::describe)
                            .orElse("a process portwatch can't see"))
                    .distinct()
                    .collect(Collectors.joining("; ", "", "."));
        }
        if (ports.isEmpty()) {
            return who + " stopped" + (forced ? " (forced)." : ".");
        }
        String list = ports.stream().map(String::valueOf).collect(Collectors.joining(", "));
        return list + (ports.size() == 1 ? " is" : " are") + " free now" + (forced ? " (forced)." : ".");
    }

    /** {@code node (pid 1234)}, or {@code pid 1234} when the name is unknown. */
    public static String describe(ProcessInfo process) {
        return process.name().isEmpty() ? "pid " + process.pid() : process.name() + " (pid " + process.pid() + ")";
    }

    private static String seconds(Duration duration) {
        long tenths = Math.round(duration.toMillis() / 100.0);
        return (tenths % 10 == 0 ? String.valueOf(tenths / 10) : (tenths / 10) + "." + (tenths % 10)) + " s";
    }
}
