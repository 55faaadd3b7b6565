package dev.portwatch.model;

import java.util.Map;
import java.util.Objects;

/**
 * The details of one process that only actions and the detail pane need, read on demand rather than every scan.
 *
 * @param info             the process as a scan would report it
 * @param workingDirectory the current working directory; empty when unknown
 * @param environment      the environment variables; empty when unknown (another user's process)
 * @param executable       the path of the executable; empty when unknown
 */
public record ProcessDetails(ProcessInfo info, String workingDirectory, Map<String, String> environment,
                             String executable) {

    /** Validates the fields and copies the environment. */
    public ProcessDetails {
        Objects.requireNonNull(info, "info");
        Objects.requireNonNull(workingDirectory, "workingDirectory");
        environment = Map.copyOf(environment);
        Objects.requireNonNull(executable, "executable");
    }
}
