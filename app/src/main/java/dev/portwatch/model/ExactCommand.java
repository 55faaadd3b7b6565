package dev.portwatch.model;

import java.util.List;
import java.util.Objects;

/**
 * A process's command exactly as the kernel holds it, for starting it again: not the display form in
 * {@link ProcessInfo}, which may have lost empty arguments, newlines and bytes that are not UTF-8.
 *
 * @param arguments        the argument vector, {@code argv[0]} first, byte for byte; never empty
 * @param environment      the environment entries ({@code NAME=VALUE}) in the process's order, byte for byte
 * @param workingDirectory the working directory, checked to name the same directory the process is in
 * @param owner            the user, group and supplementary groups the process runs as
 */
public record ExactCommand(List<ByteString> arguments, List<ByteString> environment, String workingDirectory,
                           ProcessOwner owner) {

    /** Validates and copies. */
    public ExactCommand {
        arguments = List.copyOf(arguments);
        if (arguments.isEmpty()) {
            throw new IllegalArgumentException("an argument vector has at least argv[0]");
        }
        environment = List.copyOf(environment);
        Objects.requireNonNull(workingDirectory, "workingDirectory");
        Objects.requireNonNull(owner, "owner");
    }
}
