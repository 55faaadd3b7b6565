package dev.portwatch.core.actions;

import dev.portwatch.model.TcpConnection;
import dev.portwatch.os.TcpConnections.CloseResult;

import java.util.List;
import java.util.Objects;

/**
 * What closing a port's connections did, verified by reading the connections again afterwards.
 *
 * @param port    the local port whose connections were aimed at
 * @param results one entry per matched connection, in the order they were closed
 */
public record CloseOutcome(int port, List<Closed> results) {

    /**
     * One connection and what became of it.
     *
     * @param connection the connection as it was before closing
     * @param result     what the kernel answered
     * @param stillOpen  true when the connection was still there on the rescan after closing
     */
    public record Closed(TcpConnection connection, CloseResult result, boolean stillOpen) {

        /** Validates the fields. */
        public Closed {
            Objects.requireNonNull(connection, "connection");
            Objects.requireNonNull(result, "result");
        }

        /** True when the connection is gone after the request (closed now, or already gone). */
        public boolean gone() {
            return !stillOpen && (result == CloseResult.CLOSED || result == CloseResult.GONE);
        }
    }

    /** Validates the fields and copies the list. */
    public CloseOutcome {
        results = List.copyOf(results);
    }

    /** True when no connection matched, so nothing was done. */
    public boolean noneMatched() {
        return results.isEmpty();
    }

    /** True when every matched connection is gone afterwards. */
    public boolean allClosed() {
        return !results.isEmpty() && results.stream().allMatch(Closed::gone);
    }

    /** True when the OS refused at least one close for lack of rights. */
    public boolean refused() {
        return results.stream().anyMatch(r -> r.result() == CloseResult.NOT_PERMITTED);
    }

    /** True when this kernel cannot close sockets from outside. */
    public boolean unsupported() {
        return results.stream().anyMatch(r -> r.result() == CloseResult.UNSUPPORTED);
    }

    /** One sentence for the user: what was closed, or why not and what to do. */
    public String summary() {
        if (noneMatched()) {
            return "No established connection on port " + port + " matched; nothing was closed.";
        }
        long closed = results.stream().filter(Closed::gone).count();
        if (closed == results.size()) {
            return (closed == 1 ? "Closed 1 connection" : "Closed " + closed + " connections") + " on port " + port
                    + "; the listener keeps listening.";
        }
        if (unsupported()) {
            return "This kernel cannot close connections from outside (it was built without "
                    + "CONFIG_INET_DIAG_DESTROY); nothing was closed. Stop the client or the server instead.";
        }
        if (refused()) {
            return "Closing a connection needs CAP_NET_ADMIN: use --elevate (or Show all owners in the window), or "
                    + "run as root. Closed " + closed + " of " + results.size() + ".";
        }
        return "Closed " + closed + " of " + results.size() + " connections on port " + port + "; the rest are "
                + "still open.";
    }
}
