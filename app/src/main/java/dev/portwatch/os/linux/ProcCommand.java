package dev.portwatch.os.linux;

import dev.portwatch.model.ByteString;
import dev.portwatch.model.ExactCommand;
import dev.portwatch.model.ProcessOwner;
import dev.portwatch.os.ExactCommandException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a process's exact command from {@code /proc/PID}: {@code cmdline} and {@code environ} as raw bytes split on
 * NUL (empty arguments, newlines and bytes that are not UTF-8 kept), the working directory, and the owner from
 * {@code status}. Refuses, with a sentence, whatever it cannot read exactly: a process that rewrote its argument
 * area (its {@code cmdline} no longer ends with NUL), another user's environment without rights, a working directory
 * whose name is not valid UTF-8. Stateless.
 */
final class ProcCommand {

    private ProcCommand() {
    }

    /**
     * @param proc the proc file system's root, {@code /proc}
     * @param pid  the process
     * @param who  how to name the process in a sentence: {@code node (pid 12)}
     */
    static ExactCommand read(Path proc, int pid, String who) throws ExactCommandException {
        Path dir = proc.resolve(Integer.toString(pid));
        byte[] cmdline = readBytes(dir.resolve("cmdline"), who, "command line");
        if (cmdline.length == 0) {
            throw new ExactCommandException(who + " has no command line (a kernel thread, or it is exiting).");
        }
        List<ByteString> arguments;
        try {
            arguments = ByteString.splitNulTerminated(cmdline);
        } catch (IllegalArgumentException e) {
            // setproctitle() and friends overwrite the argument area: what is there now is a title, not the argv
            // the program was started with, so a restart from it would run something else.
            throw new ExactCommandException(who + " rewrote its own command line (it now reads '"
                    + new String(cmdline, StandardCharsets.UTF_8).strip() + "'), so portwatch can't know the exact "
                    + "command to restart; restart it by hand.");
        }
        byte[] environ = readBytes(dir.resolve("environ"), who, "environment");
        List<ByteString> environment;
        try {
            environment = ByteString.splitNulTerminated(environ);
        } catch (IllegalArgumentException e) {
            throw new ExactCommandException(who + " changed its environment block in place, so portwatch can't "
                    + "read it exactly; restart it by hand.");
        }
        // The split must give the bytes back exactly, or something was lost on the way.
        if (!Arrays.equals(ByteString.joinNulTerminated(arguments), cmdline)
                || !Arrays.equals(ByteString.joinNulTerminated(environment), environ)) {
            throw new ExactCommandException("portwatch could not read the command line of " + who
                    + " exactly; restart it by hand.");
        }
        String workingDirectory = workingDirectory(dir, who);
        checkProgram(dir, arguments.get(0), environment, workingDirectory, who);
        return new ExactCommand(arguments, environment, workingDirectory, owner(dir, who));
    }

    /**
     * Checks that {@code argv[0]}, looked up as {@code execvp} would (in the process's own {@code PATH}, or relative
     * to its working directory), is the program the process runs. A process that wrote a title over its argument
     * area ({@code $0 = "..."} in Perl, {@code setproctitle}) fails here: starting its "command" would run
     * something else, or nothing.
     */
    private static void checkProgram(Path dir, ByteString program, List<ByteString> environment,
                                     String workingDirectory, String who) throws ExactCommandException {
        String name = program.text();
        Path exe = dir.resolve("exe");
        List<Path> candidates = new ArrayList<>();
        if (name.contains("/")) {
            candidates.add(Path.of(workingDirectory).resolve(name));
        } else if (!name.isEmpty()) {
            String path = environment.stream().map(ByteString::text).filter(e -> e.startsWith("PATH=")).findFirst()
                    .map(e -> e.substring("PATH=".length())).orElse("/usr/local/bin:/usr/bin:/bin");
            for (String entry : path.split(":", -1)) {
                candidates.add(Path.of(workingDirectory).resolve(entry.isEmpty() ? "." : entry).resolve(name));
            }
        }
        for (Path candidate : candidates) {
            try {
                if (Files.isExecutable(candidate) && Files.isSameFile(candidate, exe)) {
                    return;
                }
            } catch (IOException | RuntimeException e) {
                // not this one
            }
        }
        String runs;
        try {
            runs = Files.readSymbolicLink(exe).toString();
        } catch (IOException e) {
            runs = "unknown";
        }
        throw new ExactCommandException(who + " rewrote its own command line (it now reads '"
                + name.strip() + "', which is not the program it runs, " + runs + "), so portwatch can't know the "
                + "exact command to restart; restart it by hand.");
    }

    private static byte[] readBytes(Path file, String who, String what) throws ExactCommandException {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ExactCommandException(who + " is not running any more; refresh.", e);
        } catch (AccessDeniedException e) {
            throw new ExactCommandException("portwatch may not read the " + what + " of " + who
                    + " (another user's process); run portwatch as that user or with sudo.", e);
        } catch (IOException e) {
            throw new ExactCommandException("portwatch could not read the " + what + " of " + who + " ("
                    + e.getMessage() + ").", e);
        }
    }

    private static String workingDirectory(Path dir, String who) throws ExactCommandException {
        Path link = dir.resolve("cwd");
        Path target;
        try {
            target = Files.readSymbolicLink(link);
        } catch (NoSuchFileException e) {
            throw new ExactCommandException(who + " is not running any more; refresh.", e);
        } catch (IOException e) {
            throw new ExactCommandException("portwatch may not read the working directory of " + who
                    + " (another user's process); run portwatch as that user or with sudo.", e);
        }
        String text = target.toString();
        // A name that is not valid UTF-8 comes back altered; then the path no longer leads to the same directory.
        try {
            if (!Files.isSameFile(Path.of(text), link)) {
                throw new ExactCommandException("The working directory of " + who + " (" + text
                        + ") can't be named exactly (deleted, or not UTF-8); restart it by hand.");
            }
        } catch (IOException e) {
            throw new ExactCommandException("The working directory of " + who + " (" + text
                    + ") is gone or can't be named exactly; restart it by hand.", e);
        }
        return text;
    }

    private static ProcessOwner owner(Path dir, String who) throws ExactCommandException {
        List<String> lines;
        try {
            lines = Files.readAllLines(dir.resolve("status"), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new ExactCommandException("portwatch could not read who runs " + who + "; refresh.", e);
        }
        int uid = -1;
        int gid = -1;
        List<Integer> groups = new ArrayList<>();
        for (String line : lines) {
            String[] fields = line.split("\\s+");
            if (line.startsWith("Uid:") && fields.length > 1) {
                uid = Integer.parseInt(fields[1]);
            } else if (line.startsWith("Gid:") && fields.length > 1) {
                gid = Integer.parseInt(fields[1]);
            } else if (line.startsWith("Groups:")) {
                for (int i = 1; i < fields.length; i++) {
                    groups.add(Integer.parseInt(fields[i]));
                }
            }
        }
        if (uid < 0 || gid < 0) {
            throw new ExactCommandException("portwatch could not read who runs " + who + "; refresh.");
        }
        return new ProcessOwner(uid, gid, groups);
    }
}
