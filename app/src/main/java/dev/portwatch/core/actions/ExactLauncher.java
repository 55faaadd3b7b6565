package dev.portwatch.core.actions;

import dev.portwatch.model.ByteString;
import dev.portwatch.model.ProcessOwner;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Starts a command with an exact argument vector and environment, as a given user, detached from portwatch, with no
 * shell.
 *
 * <p>Java's {@link ProcessBuilder} encodes every argument and variable from a {@code String} with the JVM's charset,
 * so bytes that are not valid in it (a Latin-1 file name under a UTF-8 locale) cannot reach the new process. So the
 * bytes go through a pipe instead, and standard tools put them in place:
 * <pre>
 *   setsid [setpriv --reuid=U --regid=G --groups=G1,G2 --] xargs -0 -x -- env -i
 *   stdin: --chdir=DIR \0 -- \0 NAME=VALUE \0 ... argv[0] \0 argv[1] \0 ...
 * </pre>
 * {@code setsid} gives the server its own session (it outlives portwatch's terminal); {@code setpriv} (only when
 * portwatch runs as root) sets the owner's exact user, group and supplementary groups; {@code xargs -0} reads the
 * NUL-separated items from the pipe byte for byte, empty ones included, and runs {@code env} with them as its
 * arguments ({@code -x}: all in one command or none); {@code env -i} clears the environment, enters the working
 * directory and execs {@code argv} with exactly the given variables. The server runs as {@code xargs}'s child, which
 * waits for it; its stdin is {@code /dev/null}. Linux (GNU findutils and coreutils, util-linux) only.
 */
final class ExactLauncher {

    private ExactLauncher() {
    }

    /**
     * Why the command can't be started as its owner, or empty when it can.
     *
     * @param owner     who the process to restart runs as
     * @param self      who portwatch runs as
     * @param ownerName the owner's name for the sentence ({@code dev}), or empty
     * @param who       the process, {@code node (pid 12)}
     */
    static Optional<String> refusal(ProcessOwner owner, ProcessOwner self, String ownerName, String who,
                                    List<ByteString> arguments, List<ByteString> environment) {
        for (String tool : List.of("setsid", "xargs", "env")) {
            if (find(tool).isEmpty()) {
                return Optional.of("portwatch needs " + tool + " to start the command exactly, and it is not "
                        + "installed; restart " + who + " by hand.");
            }
        }
        if (self.uid() == 0 && find("setpriv").isEmpty()) {
            return Optional.of("portwatch needs setpriv (util-linux) to start the command as " + user(owner, ownerName)
                    + "; restart " + who + " by hand.");
        }
        if (self.uid() != 0 && owner.uid() != self.uid()) {
            return Optional.of(who + " runs as " + user(owner, ownerName) + ", and portwatch (uid " + self.uid()
                    + ") can't start a command as another user; run portwatch with sudo.");
        }
        if (self.uid() != 0 && (owner.gid() != self.gid()
                || !owner.groups().stream().sorted().toList().equals(self.groups().stream().sorted().toList()))) {
            return Optional.of(who + " runs with groups (gid " + owner.gid() + ", groups " + ids(owner.groups())
                    + ") that portwatch can't give a new process; run portwatch with sudo.");
        }
        if (arguments.get(0).latin1().contains("=") || arguments.get(0).isEmpty()) {
            return Optional.of("The program name of " + who + " ('" + arguments.get(0).text()
                    + "') can't be started exactly; restart it by hand.");
        }
        for (ByteString entry : environment) {
            if (entry.latin1().indexOf('=') <= 0) {
                return Optional.of("The environment of " + who + " holds an entry that is not NAME=VALUE ('"
                        + entry.text() + "'), which can't be passed on exactly; restart it by hand.");
            }
        }
        return Optional.empty();
    }

    /** {@code dev (uid 1000, gid 1000, groups 1000, 27)}. */
    static String user(ProcessOwner owner, String name) {
        String ids = "uid " + owner.uid() + ", gid " + owner.gid()
                + (owner.groups().isEmpty() ? "" : ", groups " + ids(owner.groups()));
        return name.isEmpty() ? ids : name + " (" + ids + ")";
    }

    /**
     * Starts the command. The caller checked {@link #refusal} first.
     *
     * @param root whether portwatch runs as root, so the owner's ids must be set
     * @param log  receives the new process's standard output and error (opened by portwatch, so it may live where
     *             the owner can't write)
     */
    static Process start(List<ByteString> arguments, List<ByteString> environment, String workingDirectory,
                         ProcessOwner owner, boolean root, Path log) throws IOException {
        List<ByteString> items = new ArrayList<>();
        items.add(ByteString.utf8("--chdir=" + workingDirectory));
        items.add(ByteString.utf8("--"));
        items.addAll(environment);
        items.addAll(arguments);
        byte[] block = ByteString.joinNulTerminated(items);

        List<String> command = new ArrayList<>();
        command.add(find("setsid").orElseThrow());
        if (root) {
            command.addAll(List.of(find("setpriv").orElseThrow(), "--reuid=" + owner.uid(), "--regid=" + owner.gid(),
                    owner.groups().isEmpty() ? "--clear-groups" : "--groups=" + owner.groups().stream()
                            .map(String::valueOf).collect(Collectors.joining(",")), "--"));
        }
        // -s: room for the whole command in one exec (xargs caps it at the system's limit, with a warning).
        command.addAll(List.of(find("xargs").orElseThrow(), "-0", "-x", "-s", String.valueOf(block.length + 4096),
                "--", find("env").orElseThrow(), "-i"));
        var builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().put("PATH", "/usr/bin:/bin");
        builder.directory(new File("/"));
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.redirectErrorStream(true);
        Process process = builder.start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(block);
        }
        return process;
    }

    /** What {@code xargs}' exit code says about the command it ran. */
    static String exitReason(int code) {
        return switch (code) {
            case 123, 124 -> "the new process exited with an error";
            case 125 -> "the new process was killed by a signal";
            case 126 -> "the new command could not be run";
            case 127 -> "the new command was not found";
            default -> "the new process exited with code " + code;
        };
    }

    private static String ids(List<Integer> ids) {
        return ids.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }

    private static Optional<String> find(String tool) {
        for (String dir : List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin")) {
            Path candidate = Path.of(dir, tool);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate.toString());
            }
        }
        return Optional.empty();
    }
}
