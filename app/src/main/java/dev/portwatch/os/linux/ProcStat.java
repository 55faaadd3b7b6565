package dev.portwatch.os.linux;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The few fields of {@code /proc/<pid>/stat} that tell whether a process is still the one portwatch cached.
 *
 * <p>The pid with the start time identifies a process across pid reuse; the short name changes on {@code exec} and
 * the parent pid on re-parenting, both of which change what a scan reports about the process.
 *
 * @param pid        the process id
 * @param name       the short name ({@code comm}), at most 15 characters
 * @param parentPid  the parent's pid, 0 for none
 * @param startTicks the start time in clock ticks since boot
 * @param state      the state letter: {@code R}, {@code S}, ..., {@code Z} for a zombie (exited, not yet reaped)
 */
record ProcStat(int pid, String name, int parentPid, long startTicks, char state) {

    /** True for a process that has exited (a zombie not yet reaped, or dead): it holds no descriptors any more. */
    boolean exited() {
        return state == 'Z' || state == 'X' || state == 'x';
    }

    /**
     * Reads one process's stat file.
     *
     * @return the fields, or empty when the process is gone or the file could not be parsed
     */
    static Optional<ProcStat> read(Path proc, int pid) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(proc.resolve(Integer.toString(pid)).resolve("stat"));
        } catch (IOException e) {
            return Optional.empty();
        }
        return parse(pid, new String(bytes, StandardCharsets.ISO_8859_1));
    }

    /** Parses the text of a stat file; the name may hold spaces and parentheses, so it ends at the last ')'. */
    static Optional<ProcStat> parse(int pid, String text) {
        int open = text.indexOf('(');
        int close = text.lastIndexOf(')');
        if (open < 0 || close < open) {
            return Optional.empty();
        }
        String[] rest = text.substring(close + 2).trim().split(" ");
        // rest[0] is field 3 (state); parent pid is field 4 and start time field 22.
        if (rest.length < 20) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ProcStat(pid, text.substring(open + 1, close), Integer.parseInt(rest[1]),
                    Long.parseLong(rest[19]), rest[0].isEmpty() ? '?' : rest[0].charAt(0)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
