package dev.portwatch.os.oshi;

import dev.portwatch.model.ProcessDetails;
import dev.portwatch.model.ProcessInfo;
import dev.portwatch.os.ProcessReader;
import oshi.SystemInfo;
import oshi.software.os.OSProcess;
import oshi.software.os.OperatingSystem;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link ProcessReader} backed by OSHI, whose {@code OperatingSystem} is documented as thread-safe; one instance
 * serves the whole application. The only class that turns OSHI's process sentinels ({@code null} process, {@code -1}
 * or {@code 0} values, {@code null} strings) into portwatch's values.
 */
public final class OshiProcessReader implements ProcessReader {

    private final OperatingSystem os;

    /** Creates a reader over this machine's OS. */
    public OshiProcessReader() {
        this.os = new SystemInfo().getOperatingSystem();
    }

    @Override
    public Optional<ProcessDetails> process(int pid) {
        if (pid <= 0) {
            return Optional.empty();
        }
        OSProcess process = os.getProcess(pid);
        if (process == null) {
            return Optional.empty();
        }
        return Optional.of(new ProcessDetails(toInfo(process), nonNull(process.getCurrentWorkingDirectory()),
                environment(process), nonNull(process.getPath())));
    }

    /**
     * The environment OSHI read, without entries it could not split into a name and a value: a process that wrote
     * a title over its argument area ({@code $0} in Perl) may have overwritten the environment block too.
     */
    private static Map<String, String> environment(OSProcess process) {
        Map<String, String> environment = new HashMap<>();
        process.getEnvironmentVariables().forEach((name, value) -> {
            if (name != null && value != null) {
                environment.put(name, value);
            }
        });
        return environment;
    }

    @Override
    public boolean isRunning(int pid) {
        if (pid <= 0) {
            return false;
        }
        OSProcess process = os.getProcess(pid);
        return process != null && process.getState() != OSProcess.State.ZOMBIE
                && process.getState() != OSProcess.State.INVALID;
    }

    @Override
    public List<ProcessInfo> children(int pid) {
        if (pid <= 0) {
            return List.of();
        }
        return os.getChildProcesses(pid, null, null, 0).stream().map(OshiProcessReader::toInfo).toList();
    }

    @Override
    public Map<Integer, ProcessInfo> readProcesses(Collection<Integer> pids) {
        Map<Integer, ProcessInfo> owners = new HashMap<>();
        if (pids.isEmpty()) {
            return owners;
        }
        for (OSProcess process : os.getProcesses(pids)) {
            owners.put(process.getProcessID(), toInfo(process));
        }
        return owners;
    }

    @Override
    public boolean isPrivileged() {
        try {
            return os.isElevated();
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * User names by user id. OSHI looks the name up afresh for every process (about 2 ms each here), which would
     * dominate scans; names of user ids do not change while portwatch runs.
     */
    private static final Map<String, String> USER_NAMES = new ConcurrentHashMap<>();
    private static final int MAX_USER_NAMES = 1_024;

    static String userOf(OSProcess process) {
        String uid = process.getUserID();
        if (uid == null || uid.isEmpty()) {
            return nonNull(process.getUser());
        }
        String cached = USER_NAMES.get(uid);
        if (cached != null) {
            return cached;
        }
        String name = nonNull(process.getUser());
        if (USER_NAMES.size() < MAX_USER_NAMES) {
            USER_NAMES.put(uid, name);
        }
        return name;
    }

    static ProcessInfo toInfo(OSProcess process) {
        long startMillis = process.getStartTime();
        Optional<Instant> started = startMillis > 0 ? Optional.of(Instant.ofEpochMilli(startMillis)) : Optional.empty();
        List<String> arguments = process.getArguments() == null ? List.of() : process.getArguments();
        return new ProcessInfo(process.getProcessID(), nonNull(process.getName()), userOf(process),
                commandLine(process, arguments), arguments, started,
                Math.max(0, process.getParentProcessID()));
    }

    /**
     * OSHI reads a Linux command line only up to its first line break, so an argument holding a newline cuts it
     * short; the argument vector is complete, so it wins when it extends the truncated text.
     */
    private static String commandLine(OSProcess process, List<String> arguments) {
        String text = nonNull(process.getCommandLine()).strip();
        String joined = String.join(" ", arguments);
        return joined.length() > text.length() && joined.startsWith(text) ? joined : text;
    }

    private static String nonNull(String text) {
        return text == null ? "" : text;
    }
}
