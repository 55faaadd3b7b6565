package dev.portwatch.core.helper;

import dev.portwatch.core.actions.DataDirectory;
import dev.portwatch.core.actions.KillService;
import dev.portwatch.core.actions.RebindService;
import dev.portwatch.os.Scanners;
import dev.portwatch.os.SocketScanner;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Wires the helper process: the OS services, the pids it must never touch, and who called it, all found out by the
 * helper itself from the process tree (nothing the caller says is trusted for them).
 */
public final class HelperMain {

    /** The audit log when the helper runs as root. */
    public static final Path AUDIT_LOG = Path.of("/var/log/portwatch-helper.log");
    /**
     * Where a moved holder's output goes when the helper runs as root: a directory of root's (0700), never the
     * caller's home (sudo may keep {@code HOME}, and root must not create files in a user's directories).
     */
    public static final Path MOVE_LOGS = Path.of("/var/log/portwatch-helper");

    /** Programs that stand between the caller and the helper; the caller is the first ancestor not one of them. */
    private static final Set<String> LAUNCHERS = Set.of("sudo", "pkexec", "portwatch-helper", "sh", "dash", "bash");

    private HelperMain() {
    }

    /**
     * Serves requests on standard input and output until the input ends.
     *
     * @return the exit code: 0 when the caller closed the input
     * @throws IOException when standard input or output fails
     */
    public static int serve() throws IOException {
        // Replies are the only thing on stdout: anything else a library might print goes to stderr.
        PrintStream replies = new PrintStream(new FileOutputStream(FileDescriptor.out), false);
        System.setOut(System.err);
        SocketScanner scanner = Scanners.create();
        var killer = new KillService(scanner, Scanners.processes());
        var rebinder = new RebindService(killer, Files.isWritable(MOVE_LOGS.getParent()) ? MOVE_LOGS
                : DataDirectory.logs());
        Set<Long> protectedPids = new HashSet<>();
        ProcessHandle self = ProcessHandle.current();
        protectedPids.add(self.pid());
        Optional<ProcessHandle> parent = self.parent();
        long callerPid = -1;
        while (parent.isPresent() && parent.get().pid() > 1) {
            ProcessHandle ancestor = parent.get();
            protectedPids.add(ancestor.pid());
            if (callerPid < 0 && !LAUNCHERS.contains(executableName(ancestor.pid()))) {
                callerPid = ancestor.pid();
            }
            parent = ancestor.parent();
        }
        int callerUid = callerPid > 0 ? HelperServer.ownerUid((int) callerPid) : -1;
        var server = new HelperServer(scanner, Scanners.connections(), killer, rebinder, protectedPids,
                new HelperServer.Caller(callerUid, callerPid), auditLog());
        server.serve(System.in, replies);
        return 0;
    }

    private static Path auditLog() {
        return Files.isWritable(AUDIT_LOG.getParent()) ? AUDIT_LOG
                : Path.of(System.getProperty("java.io.tmpdir"), "portwatch-helper-" + ProcessHandle.current().pid()
                        + ".log");
    }

    /** The file name of a process's executable, read from {@code /proc/PID/exe} (root can read any). */
    private static String executableName(long pid) {
        try {
            return Files.readSymbolicLink(Path.of("/proc", String.valueOf(pid), "exe")).getFileName().toString();
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
