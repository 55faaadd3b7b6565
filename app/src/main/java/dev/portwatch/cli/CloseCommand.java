package dev.portwatch.cli;

import dev.portwatch.core.actions.CloseOutcome;
import dev.portwatch.core.actions.CloseService;
import dev.portwatch.core.format.Json;
import dev.portwatch.core.helper.HelperClient;
import dev.portwatch.core.helper.HelperException;
import dev.portwatch.core.helper.HelperReply;
import dev.portwatch.model.Addresses;
import dev.portwatch.model.Endpoint;
import dev.portwatch.model.PortRange;
import dev.portwatch.model.TcpConnection;
import dev.portwatch.os.ScanException;
import dev.portwatch.os.TcpConnections;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;

/**
 * {@code portwatch close PORT [--remote ADDR:PORT]}: closes established TCP connections whose local port is PORT
 * (a listener's accepted connections), leaving the listener and both processes running. Exit 0 when every matched
 * connection is gone on the rescan, 1 when none matched (or some stayed), 2 on a usage error, 3 when the OS refused
 * (no right to close, or a kernel that cannot).
 */
@Command(name = "close", mixinStandardHelpOptions = true,
        description = {"Close the established TCP connections on local port PORT (only the one with --remote).",
            "The kernel aborts this side and resets the peer; the listener and both processes keep running.",
            "Exit codes: 0 each closed (verified by a rescan), 1 none matched, 2 usage, 3 the OS refused."})
public final class CloseCommand implements Callable<Integer> {

    static final int NONE_MATCHED = 1;
    static final int REFUSED = 3;

    @ParentCommand
    PortwatchCommand parent;

    @Spec
    CommandSpec spec;

    @Mixin
    RemoteHostOption host = new RemoteHostOption();

    @Parameters(index = "0", paramLabel = "PORT", description = "The local port whose connections to close.")
    int port;

    @Option(names = "--remote", paramLabel = "ADDR:PORT",
            description = "Only the connection with this peer, e.g. 127.0.0.1:51234 or [::1]:51234.")
    String remote;

    @Option(names = "--yes", description = "Do not ask; required when standard input is not a terminal.")
    boolean yes;

    @Option(names = "--json", description = "Print the outcome as JSON.")
    boolean json;

    @Option(names = "--elevate", description = "When your user may not close them (it needs CAP_NET_ADMIN), ask "
            + "portwatch's privileged helper (pkexec or sudo), after the same confirmation.")
    boolean elevate;

    /** The JSON shape of one closed (or not) connection. */
    record ClosedJson(String local, String remote, String user, Long bytesSent, Long bytesReceived, String result,
                      boolean closed) {
    }

    /** The JSON shape of the outcome. */
    record OutcomeJson(int port, boolean success, String message, List<ClosedJson> connections) {
    }

    @Override
    public Integer call() throws ScanException {
        if (host.isSet()) {
            return host.runRemotely(spec, parent);
        }
        if (port < 1 || port > PortRange.MAX_PORT) {
            throw new ParameterException(spec.commandLine(),
                    "PORT must be between 1 and " + PortRange.MAX_PORT + ", not " + port);
        }
        Optional<Endpoint> peer = Optional.empty();
        if (remote != null) {
            peer = Addresses.parseEndpoint(remote);
            if (peer.isEmpty()) {
                throw new ParameterException(spec.commandLine(),
                        "--remote must be ADDR:PORT with a literal address, e.g. 127.0.0.1:51234 or [::1]:51234, not '"
                                + remote + "'");
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<TcpConnections> connections = parent.connections();
        if (connections.isEmpty()) {
            err.println("portwatch: closing connections needs Linux netlink sock_diag, which is not available here.");
            return REFUSED;
        }
        var service = new CloseService(connections.get());
        List<TcpConnection> targets = service.matching(port, peer);
        if (targets.isEmpty()) {
            return finish(new CloseOutcome(port, List.of()), out, err);
        }
        if (!json) {
            targets.forEach(c -> out.println("  " + c.describe()
                    + c.socketUser().map(u -> ", user " + u.name()).orElse("")));
            out.flush();
        }
        String which = targets.size() == 1 ? "this connection" : "these " + targets.size() + " connections";
        OptionalInt stop = Terminal.confirmOrStop(parent.confirmer(), yes,
                "Close " + which + "? The listener on " + port + " stays.", err);
        if (stop.isPresent()) {
            return stop.getAsInt();
        }
        CloseOutcome outcome = service.close(port, targets);
        if (outcome.refused() && elevate) {
            Optional<HelperClient> helper = parent.helper(err);
            if (helper.isPresent()) {
                return closeThroughHelper(helper.get(), peer, out, err);
            }
        }
        return finish(outcome, out, err);
    }

    /** The helper matches the connections again itself, closes them and verifies by its own rescan. */
    private int closeThroughHelper(HelperClient helper, Optional<Endpoint> peer, PrintWriter out, PrintWriter err) {
        try {
            HelperReply reply = helper.closeConnections(port, peer);
            if (json) {
                out.println(Json.write(new OutcomeJson(port, reply.ok(), reply.message(), List.of())));
            } else {
                (reply.ok() ? out : err).println(reply.ok() ? reply.message() : "portwatch: " + reply.message());
            }
            out.flush();
            err.flush();
            return reply.ok() ? 0 : reply.closed() != null && reply.closed() == 0 ? NONE_MATCHED : REFUSED;
        } catch (HelperException e) {
            err.println("portwatch: " + e.getMessage());
            return REFUSED;
        }
    }

    private int finish(CloseOutcome outcome, PrintWriter out, PrintWriter err) {
        int code = outcome.allClosed() ? 0
                : outcome.refused() || outcome.unsupported() ? REFUSED
                : NONE_MATCHED;
        if (json) {
            out.println(Json.write(new OutcomeJson(outcome.port(), code == 0, outcome.summary(),
                    outcome.results().stream().map(CloseCommand::json).toList())));
        } else if (code == 0) {
            out.println(outcome.summary());
        } else {
            err.println("portwatch: " + outcome.summary());
        }
        out.flush();
        err.flush();
        return code;
    }

    private static ClosedJson json(CloseOutcome.Closed closed) {
        TcpConnection c = closed.connection();
        return new ClosedJson(c.local().toString(), c.remote().toString(),
                c.socketUser().map(u -> u.name()).orElse(null),
                c.bytesSent().isPresent() ? c.bytesSent().getAsLong() : null,
                c.bytesReceived().isPresent() ? c.bytesReceived().getAsLong() : null,
                closed.result().name(), closed.gone());
    }
}
