package dev.portwatch.core.remote;

import dev.portwatch.core.jsonlines.FramingException;
import dev.portwatch.core.jsonlines.JsonLines;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The local end of one session with {@code portwatch remote} on a host: checks the hello, then exchanges messages.
 * Every failure becomes a {@link RemoteException} with one sentence naming the host: unreachable, no portwatch on
 * its PATH, another protocol version, or a malformed answer.
 *
 * <p>Blocking: use it off the JavaFX thread. One thread reads; {@link #send} may be called from another.
 */
public final class RemoteSession implements AutoCloseable {

    /** ssh's own exit status for a failed connection or authentication. */
    static final int SSH_FAILED = 255;
    /** A POSIX shell's exit status for a command it could not find. */
    static final int COMMAND_NOT_FOUND = 127;
    private static final Duration EXIT_WAIT = Duration.ofSeconds(5);

    private final SshDestination destination;
    private final RemoteConnection connection;
    private final JsonLines.Reader<RemoteMessage> reader;
    private final JsonLines.Writer writer;
    private RemoteMessage.Hello hello;

    private RemoteSession(SshDestination destination, RemoteConnection connection, int maxLineBytes) {
        this.destination = destination;
        this.connection = connection;
        this.reader = new JsonLines.Reader<>(connection.input(), RemoteMessage.class, maxLineBytes);
        this.writer = new JsonLines.Writer(connection.output());
    }

    /**
     * Connects and reads the remote side's hello.
     *
     * @throws RemoteException when the host cannot be used; the session is closed then
     */
    public static RemoteSession open(RemoteConnection.Connector connector, SshDestination destination)
            throws RemoteException {
        return open(connector, destination, JsonLines.DEFAULT_MAX_LINE_BYTES);
    }

    /** As {@link #open(RemoteConnection.Connector, SshDestination)}, with another line limit (tests). */
    static RemoteSession open(RemoteConnection.Connector connector, SshDestination destination, int maxLineBytes)
            throws RemoteException {
        RemoteConnection connection;
        try {
            connection = connector.open(destination);
        } catch (IOException e) {
            throw new RemoteException("Could not start ssh to reach " + destination + ": " + e.getMessage()
                    + " (is the OpenSSH client installed?)", e);
        }
        var session = new RemoteSession(destination, connection, maxLineBytes);
        try {
            session.readHello();
            return session;
        } catch (RemoteException e) {
            session.close();
            throw e;
        }
    }

    /** The remote side's hello: its protocol and portwatch version. */
    public RemoteMessage.Hello hello() {
        return hello;
    }

    /** The host this session talks to. */
    public SshDestination destination() {
        return destination;
    }

    /** Sends one message. */
    public void send(RemoteMessage message) throws RemoteException {
        try {
            writer.write(message);
        } catch (IOException e) {
            throw ended(true, e);
        }
    }

    /**
     * Blocks until the next message.
     *
     * @throws RemoteException when the session ended or the answer was malformed
     */
    public RemoteMessage read() throws RemoteException {
        RemoteMessage message = next(true);
        if (message instanceof RemoteMessage.Failure failure) {
            throw new RemoteException(destination + " refused: " + failure.message());
        }
        return message;
    }

    private RemoteMessage next(boolean afterHello) throws RemoteException {
        Optional<RemoteMessage> message;
        try {
            message = reader.read();
        } catch (FramingException e) {
            throw malformed(e);
        } catch (IOException e) {
            throw ended(afterHello, e);
        }
        return message.orElseThrow(() -> ended(afterHello, null));
    }

    /**
     * Runs a subcommand remotely: prints what it prints, forwards its questions, returns its exit code.
     *
     * @param argv the subcommand and its arguments, sent as JSON (never through a shell)
     * @param out  receives standard output text
     * @param err  receives standard error text
     * @param ask  answers a yes/no question (empty: no terminal to ask on)
     */
    public int run(List<String> argv, Consumer<String> out, Consumer<String> err,
                   Function<String, Optional<Boolean>> ask) throws RemoteException {
        send(new RemoteMessage.Run(argv));
        while (true) {
            RemoteMessage message = read();
            if (message instanceof RemoteMessage.Out o) {
                out.accept(o.text());
            } else if (message instanceof RemoteMessage.Err e) {
                err.accept(e.text());
            } else if (message instanceof RemoteMessage.Ask a) {
                send(new RemoteMessage.Answer(ask.apply(a.question()).orElse(null)));
            } else if (message instanceof RemoteMessage.Exit exit) {
                return exit.code();
            } else {
                throw unexpected(message);
            }
        }
    }

    /** A sentence for a message that has no place here, e.g. a scan in answer to a run. */
    RemoteException unexpected(RemoteMessage message) {
        return new RemoteException(destination + " answered out of turn (" + message.getClass().getSimpleName()
                + "); its portwatch may be a different build.");
    }

    @Override
    public void close() {
        connection.close();
    }

    private void readHello() throws RemoteException {
        if (!(next(false) instanceof RemoteMessage.Hello h)) {
            throw new RemoteException(destination + " did not start with portwatch's hello; its portwatch may be"
                    + " a different build.");
        }
        if (h.protocol() != RemoteMessage.PROTOCOL) {
            throw new RemoteException(destination + " runs portwatch " + h.version() + ", which speaks remote"
                    + " protocol " + h.protocol() + "; this portwatch speaks protocol " + RemoteMessage.PROTOCOL
                    + ". Install the same portwatch version on both.");
        }
        hello = h;
    }

    private RemoteException malformed(FramingException e) {
        return new RemoteException(destination + " answered something that is not portwatch's remote protocol: "
                + e.getMessage() + ".", e);
    }

    /** Explains the end of the session from ssh's exit status and last diagnostic. */
    private RemoteException ended(boolean afterHello, Exception cause) {
        OptionalInt status;
        try {
            status = connection.awaitExit(EXIT_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = OptionalInt.empty();
        }
        connection.close();
        String diagnostic = connection.lastDiagnostic();
        String why = diagnostic.isEmpty() ? "" : ": " + diagnostic;
        int code = status.orElse(-1);
        if (code == SSH_FAILED) {
            return new RemoteException((afterHello ? "Lost the SSH session to " : "Could not reach ") + destination
                    + " over SSH" + why, cause);
        }
        if (code == COMMAND_NOT_FOUND || diagnostic.contains(SshConnector.REMOTE_PROGRAM + ": not found")
                || diagnostic.contains("command not found")) {
            return new RemoteException(destination + " has no portwatch on its PATH (for non-interactive SSH"
                    + " sessions); install portwatch there.", cause);
        }
        if (!afterHello) {
            return new RemoteException(destination + "'s portwatch does not speak the remote protocol (an older"
                    + " version?)" + (why.isEmpty() ? "" : why) + ". Install the same portwatch version on both.",
                    cause);
        }
        return new RemoteException("The SSH session to " + destination + " ended"
                + (code >= 0 ? " (exit status " + code + ")" : "") + why, cause);
    }

    /** For the window: the connection's diagnostics, to name why a stream stopped. */
    String lastDiagnostic() {
        return Objects.requireNonNullElse(connection.lastDiagnostic(), "");
    }
}
