package dev.portwatch.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What portwatch knows about the process that owns a socket, read once per scan.
 *
 * <p>Fields the OS would not tell (another user's process without elevated rights) are empty strings or empty
 * optionals, never {@code null}.
 *
 * @param pid         the process id, always positive
 * @param name        the executable's short name ({@code java}, {@code node}); empty when unknown
 * @param user        the owning user's name; empty when unknown
 * @param commandLine the full command line, arguments separated by spaces; empty when unknown
 * @param arguments   the argument vector including {@code argv[0]}; empty when unknown
 * @param startTime   when the process started; empty when unknown. With the pid it identifies the process
 *                    across pid reuse.
 * @param parentPid   the parent's pid, or 0 when unknown
 */
public record ProcessInfo(int pid, String name, String user, String commandLine, List<String> arguments,
                          Optional<Instant> startTime, int parentPid) {

    /** Validates the fields and copies the argument list. */
    public ProcessInfo {
        if (pid <= 0) {
            throw new IllegalArgumentException("pid must be positive: " + pid);
        }
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(commandLine, "commandLine");
        arguments = List.copyOf(arguments);
        Objects.requireNonNull(startTime, "startTime");
    }

    /** A process known only by its pid: its details could not be read. */
    public static ProcessInfo pidOnly(int pid) {
        return new ProcessInfo(pid, "", "", "", List.of(), Optional.empty(), 0);
    }
}
