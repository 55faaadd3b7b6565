package dev.portwatch.core.helper;

import dev.portwatch.core.jsonlines.JsonLines;
import dev.portwatch.model.Endpoint;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The caller's end of the helper protocol: starts the helper process through an elevation mechanism, checks the
 * protocol version, and sends one request at a time. Closing it closes the helper's input, which ends the helper
 * (the caller cannot signal a root process, and does not need to). Thread-safe: requests are serialised.
 */
public final class HelperClient implements Closeable, HelperSession {

    /** The longest reply read (an owner list of many thousand sockets), in bytes. */
    static final int MAX_REPLY_BYTES = 64 * 1024 * 1024;

    private final Process process;
    private final JsonLines.Reader<HelperReply> replies;
    private final JsonLines.Writer requests;
    private final String mechanism;

    private HelperClient(Process process, String mechanism) {
        this.process = process;
        this.mechanism = mechanism;
        this.replies = new JsonLines.Reader<>(process.getInputStream(), HelperReply.class, MAX_REPLY_BYTES);
        this.requests = new JsonLines.Writer(process.getOutputStream());
    }

    /**
     * Starts the helper with {@code choice}'s command and says hello.
     *
     * @throws HelperException when no mechanism is available, the user declined, or the helper speaks another
     *                         version; nothing is left running
     */
    public static HelperClient start(Elevation.Choice choice) throws HelperException {
        if (!choice.available()) {
            throw new HelperException(choice.note());
        }
        Process process;
        try {
            process = new ProcessBuilder(choice.command())
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
        } catch (IOException e) {
            throw new HelperException("Could not start the helper through " + choice.mechanism() + ": "
                    + e.getMessage(), e);
        }
        var client = new HelperClient(process, choice.mechanism());
        try {
            HelperReply hello = client.request(new HelperRequest.Hello(HelperRequest.VERSION));
            if (!hello.ok()) {
                throw new HelperException(hello.message());
            }
            if (hello.uid() == null || hello.uid() != 0) {
                throw new HelperException("The helper started but does not run as root (uid " + hello.uid() + ").");
            }
            return client;
        } catch (HelperException e) {
            client.close();
            throw e;
        }
    }

    @Override
    public String mechanism() {
        return mechanism;
    }

    /** Every socket's owner, as root sees them. */
    public List<HelperReply.Owner> owners() throws HelperException {
        HelperReply reply = request(new HelperRequest.ResolveOwners());
        if (!reply.ok() || reply.owners() == null) {
            throw new HelperException(reply.message());
        }
        return reply.owners();
    }

    @Override
    public HelperReply stop(int pid, long started, int port, boolean force, boolean tree, Duration timeout)
            throws HelperException {
        return request(new HelperRequest.StopProcess(pid, started, port, force, tree, timeout.toMillis()));
    }

    @Override
    public HelperReply move(int pid, long started, int port, int newPort) throws HelperException {
        return request(new HelperRequest.MoveHolder(pid, started, port, newPort));
    }

    /** Asks the helper to close {@code port}'s established connections, only the one with {@code remote} if given. */
    public HelperReply closeConnections(int port, Optional<Endpoint> remote) throws HelperException {
        return request(new HelperRequest.CloseConnections(port, remote.map(Endpoint::toString).orElse(null)));
    }

    /** Sends one request and reads its reply. */
    public synchronized HelperReply request(HelperRequest request) throws HelperException {
        try {
            requests.write(request);
            return replies.read().orElseThrow(() -> new HelperException(
                    "The helper ended" + exitNote() + "; the elevation may have been declined."));
        } catch (IOException e) {
            throw new HelperException("The helper went away" + exitNote() + ": " + e.getMessage(), e);
        }
    }

    private String exitNote() {
        try {
            if (process.waitFor(2, TimeUnit.SECONDS)) {
                return " (exit " + process.exitValue() + ")";
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "";
    }

    /** True while the helper process runs. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** Ends the helper by closing its input, and waits a moment for it to exit. */
    @Override
    public void close() {
        try {
            process.getOutputStream().close();
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            // already gone
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
