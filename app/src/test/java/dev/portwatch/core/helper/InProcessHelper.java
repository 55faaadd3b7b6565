package dev.portwatch.core.helper;

import dev.portwatch.core.actions.KillService;
import dev.portwatch.core.actions.RebindService;
import dev.portwatch.os.Scanners;
import dev.portwatch.os.SocketScanner;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A helper session served by a real {@link HelperServer} in this JVM (root in CI): every request passes the helper's
 * own guards and acts on real processes, and is recorded so a test can say what was asked. The real elevation path
 * (sudo, a separate process) is {@link ElevationEndToEndTest}'s.
 */
public final class InProcessHelper implements HelperSession {

    private final HelperServer server;
    private final List<HelperRequest> requests = new ArrayList<>();

    /**
     * @param scanner the helper's scanner
     * @param dir     where the audit log and moved servers' logs go
     */
    public InProcessHelper(SocketScanner scanner, Path dir) {
        var killer = new KillService(scanner, Scanners.processes());
        long self = ProcessHandle.current().pid();
        this.server = new HelperServer(scanner, Scanners.connections(), killer, new RebindService(killer, dir),
                Set.of(self), new HelperServer.Caller(4242, self), dir.resolve("audit.log"));
    }

    /** The requests sent so far, in order. */
    public List<HelperRequest> requests() {
        return List.copyOf(requests);
    }

    @Override
    public String mechanism() {
        return "test";
    }

    @Override
    public HelperReply stop(int pid, long started, int port, boolean force, boolean tree, Duration timeout) {
        return handle(new HelperRequest.StopProcess(pid, started, port, force, tree, timeout.toMillis()));
    }

    @Override
    public HelperReply move(int pid, long started, int port, int newPort) {
        return handle(new HelperRequest.MoveHolder(pid, started, port, newPort));
    }

    private HelperReply handle(HelperRequest request) {
        requests.add(request);
        return server.handle(request);
    }
}
