package dev.portwatch.core.actions;

import dev.portwatch.model.ProcessInfo;

import java.util.Objects;

/**
 * A checked rebind, ready to confirm: which process, where it runs and what it will be started as.
 *
 * @param process          the holder as scanned; its start time guards the stop against pid reuse
 * @param workingDirectory the holder's working directory, where the new process starts
 * @param rewrite          the old and new command line and environment
 */
public record RebindPlan(ProcessInfo process, String workingDirectory, PortRewrite rewrite) {

    /** Validates the fields. */
    public RebindPlan {
        Objects.requireNonNull(process, "process");
        Objects.requireNonNull(workingDirectory, "workingDirectory");
        Objects.requireNonNull(rewrite, "rewrite");
    }

    /** The port the holder listens on now. */
    public int oldPort() {
        return rewrite.oldPort();
    }

    /** The port the new process will listen on. */
    public int newPort() {
        return rewrite.newPort();
    }
}
