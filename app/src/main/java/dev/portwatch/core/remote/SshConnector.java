package dev.portwatch.core.remote;

import dev.portwatch.core.actions.ShellQuoting;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Opens sessions with the system OpenSSH client, so its keys, agent, {@code known_hosts} and {@code ~/.ssh/config}
 * apply, and portwatch stores no password: {@code BatchMode=yes} makes ssh fail rather than prompt.
 *
 * <p>The remote command is a constant, {@code portwatch remote --protocol 1}, quoted for the remote shell; the
 * user's arguments never appear on it (they travel as JSON). The destination is one argument after {@code --}.
 */
public final class SshConnector implements RemoteConnection.Connector {

    /** Environment variable naming another ssh config file ({@code ssh -F}), e.g. a dedicated key for portwatch. */
    public static final String CONFIG_VARIABLE = "PORTWATCH_SSH_CONFIG";

    /** The program the remote host must have on its PATH. */
    public static final String REMOTE_PROGRAM = "portwatch";

    private final Optional<Path> config;
    private final Executor stderrReaders;

    /**
     * @param config        an ssh config file to use instead of the user's, or empty
     * @param stderrReaders reads each session's standard error until ssh exits (one blocked task per open session);
     *                      owned by the caller
     */
    public SshConnector(Optional<Path> config, Executor stderrReaders) {
        this.config = config;
        this.stderrReaders = Objects.requireNonNull(stderrReaders, "stderrReaders");
    }

    /** A connector honouring {@value #CONFIG_VARIABLE}; see {@link #SshConnector} for {@code stderrReaders}. */
    public static SshConnector fromEnvironment(Executor stderrReaders) {
        String file = System.getenv(CONFIG_VARIABLE);
        return new SshConnector(file == null || file.isBlank() ? Optional.empty() : Optional.of(Path.of(file)),
                stderrReaders);
    }

    /** The full ssh argument vector for a destination. */
    public List<String> command(SshDestination destination) {
        List<String> command = new ArrayList<>(List.of("ssh",
                "-o", "BatchMode=yes",
                "-o", "ConnectTimeout=10",
                // A dropped network shows as a dropped session within ~30 s instead of a silent stall.
                "-o", "ServerAliveInterval=10",
                "-o", "ServerAliveCountMax=3",
                "-o", "LogLevel=ERROR",
                "-T"));
        config.ifPresent(file -> command.addAll(List.of("-F", file.toString())));
        command.add("--");
        command.add(destination.text());
        // ssh joins the words after the destination with spaces for the remote shell: pass one quoted string.
        command.add(ShellQuoting.join(List.of(REMOTE_PROGRAM, "remote", "--protocol",
                String.valueOf(RemoteMessage.PROTOCOL))));
        return command;
    }

    @Override
    public RemoteConnection open(SshDestination destination) throws IOException {
        Process process = new ProcessBuilder(command(destination)).start();
        var connection = new SshProcess(process);
        stderrReaders.execute(connection::drainErrors);
        return connection;
    }

    private static final class SshProcess implements RemoteConnection {
        private final Process process;
        private volatile String lastLine = "";
        private final CompletableFuture<Void> errorsRead = new CompletableFuture<>();

        SshProcess(Process process) {
            this.process = process;
        }

        void drainErrors() {
            try (InputStream errors = process.getErrorStream()) {
                byte[] buffer = new byte[4096];
                var tail = new StringBuilder();
                int n;
                while ((n = errors.read(buffer)) >= 0) {
                    tail.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                    if (tail.length() > 8192) {
                        tail.delete(0, tail.length() - 4096);
                    }
                    lastLine = tail.toString().strip().lines().reduce((a, b) -> b).orElse("");
                }
            } catch (IOException e) {
                // The process ended; what was read is kept.
            } finally {
                errorsRead.complete(null);
            }
        }

        @Override
        public InputStream input() {
            return process.getInputStream();
        }

        @Override
        public OutputStream output() {
            return process.getOutputStream();
        }

        @Override
        public OptionalInt awaitExit(Duration timeout) throws InterruptedException {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                return OptionalInt.empty();
            }
            // The error reader sees the end of the stream right after the exit; its last line names the cause.
            try {
                errorsRead.get(1, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                // A grandchild still holds stderr open; the line read so far will do.
            }
            return OptionalInt.of(process.exitValue());
        }

        @Override
        public String lastDiagnostic() {
            return lastLine;
        }

        @Override
        public void close() {
            process.destroy();
        }
    }
}
