package dev.portwatch.core.actions;

import dev.portwatch.model.ExactCommand;
import dev.portwatch.model.ProcessInfo;

import java.util.Objects;
import java.util.Set;

/**
 * A checked rebind, ready to confirm: which process, its exact command, who the new process will run as, and what
 * it will be started as.
 *
 * @param process the holder as scanned; its start time guards the stop against pid reuse
 * @param command the holder's exact command: argument vector, environment, working directory and owner
 * @param rewrite the old and new command line and environment
 * @param bindAddresses the addresses the holder listens on with the old port, which name this machine in its command
 * @param root    whether portwatch runs as root, so it sets the owner's ids on the new process
 */
public record RebindPlan(ProcessInfo process, ExactCommand command, PortRewrite rewrite, Set<String> bindAddresses,
                         boolean root) {

    /** Validates the fields. */
    public RebindPlan {
        Objects.requireNonNull(process, "process");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(rewrite, "rewrite");
        bindAddresses = Set.copyOf(bindAddresses);
    }

    /** The port the holder listens on now. */
    public int oldPort() {
        return rewrite.oldPort();
    }

    /** The port the new process will listen on. */
    public int newPort() {
        return rewrite.newPort();
    }

    /** The holder's working directory, where the new process starts. */
    public String workingDirectory() {
        return command.workingDirectory();
    }

    /** The user the new process runs as, the holder's own: {@code dev (uid 1000, gid 1000, groups 1000, 27)}. */
    public String runsAs() {
        return ExactLauncher.user(command.owner(), process.user());
    }

    /**
     * The same plan for another new port: the same exact command rewritten again.
     *
     * @throws IllegalArgumentException when the port is outside 1..65535
     */
    public RebindPlan withNewPort(int newPort) {
        return new RebindPlan(process, command, PortRewriter.rewrite(command.arguments(), command.environment(),
                oldPort(), newPort, bindAddresses), bindAddresses, root);
    }
}
