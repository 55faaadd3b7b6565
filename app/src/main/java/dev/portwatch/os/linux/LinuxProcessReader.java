package dev.portwatch.os.linux;

import dev.portwatch.model.ExactCommand;
import dev.portwatch.model.ProcessDetails;
import dev.portwatch.model.ProcessInfo;
import dev.portwatch.os.ExactCommandException;
import dev.portwatch.os.ProcessReader;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Linux process reader: what only {@code /proc} tells exactly (a process's argument and environment bytes and
 * owner, the processes sharing its sockets, whether it has really exited), with the rest (details, children,
 * batched owner reads) from a general reader. Stateless and thread-safe.
 */
public final class LinuxProcessReader implements ProcessReader {

    private final Path proc;
    private final ProcessReader general;

    /**
     * @param proc    the proc file system's root, {@code /proc}
     * @param general reads details, children and owners (OSHI's reader)
     */
    public LinuxProcessReader(Path proc, ProcessReader general) {
        this.proc = proc;
        this.general = general;
    }

    @Override
    public Optional<ProcessDetails> process(int pid) {
        return general.process(pid);
    }

    /**
     * From {@code /proc/PID/stat}: a zombie is not running, but a leader thread that exited while other threads
     * still tear down (a JVM) is, since they still hold its descriptors and sockets.
     */
    @Override
    public boolean isRunning(int pid) {
        return pid > 0 && ProcStat.read(proc, pid).map(stat -> !stat.exited() || SharedSockets.threadsLeft(proc, pid))
                .orElse(false);
    }

    @Override
    public List<ProcessInfo> children(int pid) {
        return general.children(pid);
    }

    @Override
    public Map<Integer, ProcessInfo> readProcesses(Collection<Integer> pids) {
        return general.readProcesses(pids);
    }

    @Override
    public ExactCommand exactCommand(int pid, String who) throws ExactCommandException {
        return ProcCommand.read(proc, pid, who);
    }

    @Override
    public Set<Integer> socketSharers(int pid) {
        return SharedSockets.sharers(proc, pid);
    }

    @Override
    public boolean isPrivileged() {
        return general.isPrivileged();
    }
}
