package dev.portwatch.core.remote;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.OptionalInt;

/**
 * A byte channel to {@code portwatch remote} on another host, normally an {@code ssh} process. Tests provide
 * in-memory connections.
 */
public interface RemoteConnection extends AutoCloseable {

    /** Opens connections to hosts; one call is one SSH session. */
    @FunctionalInterface
    interface Connector {
        /**
         * Starts a session; does not wait for the remote side to answer.
         *
         * @throws IOException when the session could not even be started (no {@code ssh} program)
         */
        RemoteConnection open(SshDestination destination) throws IOException;
    }

    /** What the remote side writes. */
    InputStream input();

    /** What the remote side reads. */
    OutputStream output();

    /**
     * Waits at most {@code timeout} for the session to end.
     *
     * @return the exit status ({@code ssh} passes on the remote command's; 255 is its own failure), or empty when it
     *         did not end in time
     */
    OptionalInt awaitExit(Duration timeout) throws InterruptedException;

    /** The last line of diagnostics the session wrote (ssh's standard error), empty when none. */
    String lastDiagnostic();

    /** Ends the session at once. */
    @Override
    void close();
}
