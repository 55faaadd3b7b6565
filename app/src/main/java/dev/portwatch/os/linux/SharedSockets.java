package dev.portwatch.os.linux;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which other processes hold a listening socket of a given process: after {@code fork} a parent and its children
 * share one socket (one inode in several descriptor tables), and the port is free only once all of them closed it.
 * Reads {@code /proc/net/{tcp,tcp6,udp,udp6}} for the listening inodes and every {@code /proc/PID/fd}; meant for a
 * kill, not for every scan. Stateless.
 */
final class SharedSockets {

    private static final String TCP_LISTEN = "0A";
    private static final String UDP_UNCONNECTED = "07";

    private SharedSockets() {
    }

    /**
     * @param proc the proc file system's root
     * @param pid  the process
     * @return the other live processes (not zombies) holding one of its listening sockets, ascending
     */
    static Set<Integer> sharers(Path proc, int pid) {
        Set<Long> mine = socketInodes(proc, pid);
        mine.retainAll(listeningInodes(proc));
        Set<Integer> sharers = new TreeSet<>();
        if (mine.isEmpty()) {
            return sharers;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(proc)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (name.isEmpty() || !name.chars().allMatch(Character::isDigit) || name.length() > 9) {
                    continue;
                }
                int other = Integer.parseInt(name);
                if (other == pid || zombie(proc, other)) {
                    continue;
                }
                Set<Long> held = socketInodes(proc, other);
                held.retainAll(mine);
                if (!held.isEmpty()) {
                    sharers.add(other);
                }
            }
        } catch (IOException e) {
            // /proc unreadable: no sharers known; the rescan after the kill says what still holds the port.
        }
        return sharers;
    }

    /** True for a process that has exited but is not reaped yet: it holds nothing any more. */
    static boolean zombie(Path proc, int pid) {
        return ProcStat.read(proc, pid).map(stat -> stat.exited() && !threadsLeft(proc, pid)).orElse(true);
    }

    /**
     * True while threads other than the leader still run. The leader's state is the process's in {@code stat}, and
     * it shows Z as soon as the leader thread exits, while the other threads (a JVM's) may still be tearing down and
     * holding the descriptor table, sockets included.
     */
    static boolean threadsLeft(Path proc, int pid) {
        try (var tasks = Files.list(proc.resolve(Integer.toString(pid)).resolve("task"))) {
            return tasks.anyMatch(task -> !task.getFileName().toString().equals(Integer.toString(pid)));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static Set<Long> socketInodes(Path proc, int pid) {
        Set<Long> inodes = new HashSet<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(proc.resolve(Integer.toString(pid)).resolve("fd"))) {
            for (Path fd : fds) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[") && target.endsWith("]")) {
                        inodes.add(Long.parseLong(target.substring("socket:[".length(), target.length() - 1)));
                    }
                } catch (IOException | NumberFormatException e) {
                    // closed meanwhile, or not a socket
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone, or another user's process without rights
        }
        return inodes;
    }

    private static Set<Long> listeningInodes(Path proc) {
        Set<Long> inodes = new HashSet<>();
        for (String table : List.of("tcp", "tcp6", "udp", "udp6")) {
            String wanted = table.startsWith("tcp") ? TCP_LISTEN : UDP_UNCONNECTED;
            List<String> lines;
            try {
                lines = Files.readAllLines(proc.resolve("net").resolve(table), StandardCharsets.ISO_8859_1);
            } catch (IOException e) {
                continue;
            }
            for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                String[] fields = line.trim().split("\\s+");
                if (fields.length > 9 && fields[3].equals(wanted)) {
                    try {
                        inodes.add(Long.parseLong(fields[9]));
                    } catch (NumberFormatException e) {
                        // a malformed line
                    }
                }
            }
        }
        return inodes;
    }
}
