package dev.portwatch.core.remote;

import dev.portwatch.core.DaemonThreads;
import dev.portwatch.core.ScanPoller;
import dev.portwatch.core.jsonlines.FramingException;
import dev.portwatch.core.jsonlines.JsonLines;
import dev.portwatch.os.ScanException;
import dev.portwatch.os.SocketScanner;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The remote end of the protocol, run by {@code portwatch remote --protocol N} on the host an SSH session reached:
 * says hello, then serves one request read from standard input (a {@link RemoteMessage.Run} or a
 * {@link RemoteMessage.Stream}) until standard input closes.
 *
 * <p>A run executes one of {@link #COMMANDS} with this host's own guards (pid 1, its own pid, pid reuse,
 * permissions): the remote portwatch decides, not the caller. It refuses {@code --host}, so a session never hops on.
 */
public final class RemoteServer {

    /** The subcommands a remote caller may run. */
    public static final Set<String> COMMANDS = Set.of("list", "status", "kill", "rebind", "close", "free-port");
    /** Requests are small; a longer line is not a request. */
    static final int MAX_REQUEST_BYTES = 64 * 1024;

    private static final Logger LOG = Logger.getLogger(RemoteServer.class.getName());

    /** Runs one subcommand as if typed on this host. */
    @FunctionalInterface
    public interface Commands {
        /**
         * @param argv the subcommand and its arguments
         * @param out  its standard output
         * @param err  its standard error
         * @param ask  asks the remote user a yes/no question; empty when nobody can answer
         * @return the exit code
         */
        int run(List<String> argv, PrintWriter out, PrintWriter err, Function<String, Optional<Boolean>> ask);
    }

    private final Supplier<SocketScanner> scanners;
    private final Commands commands;
    private final String version;

    /**
     * @param scanners creates this host's scanner, for streams
     * @param commands runs subcommands
     * @param version  this portwatch's version, for the hello
     */
    public RemoteServer(Supplier<SocketScanner> scanners, Commands commands, String version) {
        this.scanners = Objects.requireNonNull(scanners, "scanners");
        this.commands = Objects.requireNonNull(commands, "commands");
        this.version = Objects.requireNonNull(version, "version");
    }

    /**
     * Serves one session.
     *
     * @param requestedProtocol the version the caller asked for on the command line
     * @return the exit status: 0 after a normal end, 2 for another protocol version or a bad request, 1 when the
     *         channel failed
     */
    public int serve(int requestedProtocol, InputStream in, OutputStream out) {
        var writer = new JsonLines.Writer(out);
        var reader = new JsonLines.Reader<>(in, RemoteMessage.class, MAX_REQUEST_BYTES);
        try {
            writer.write(new RemoteMessage.Hello(RemoteMessage.PROTOCOL, version));
            if (requestedProtocol != RemoteMessage.PROTOCOL) {
                writer.write(new RemoteMessage.Failure("this portwatch, version " + version
                        + ", speaks remote protocol " + RemoteMessage.PROTOCOL + ", not " + requestedProtocol));
                return 2;
            }
            Optional<RemoteMessage> request = reader.read();
            if (request.isEmpty()) {
                return 0;
            }
            if (request.get() instanceof RemoteMessage.Run run) {
                return run(run.argv(), reader, writer);
            }
            if (request.get() instanceof RemoteMessage.Stream stream) {
                stream(stream, reader, writer);
                return 0;
            }
            writer.write(new RemoteMessage.Failure("expected a run or stream request, not "
                    + request.get().getClass().getSimpleName()));
            return 2;
        } catch (FramingException e) {
            failQuietly(writer, "the request is malformed: " + e.getMessage());
            return 2;
        } catch (IOException | UncheckedIOException e) {
            // The caller went away (the SSH session dropped): nothing to tell anyone.
            LOG.log(Level.FINE, "remote session ended", e);
            return 1;
        }
    }

    private int run(List<String> argv, JsonLines.Reader<RemoteMessage> reader, JsonLines.Writer writer)
            throws IOException {
        Optional<String> refusal = refusal(argv);
        if (refusal.isPresent()) {
            writer.write(new RemoteMessage.Failure(refusal.get()));
            return 2;
        }
        var out = new PrintWriter(new MessageWriter(writer, RemoteMessage.Out::new), true);
        var err = new PrintWriter(new MessageWriter(writer, RemoteMessage.Err::new), true);
        Function<String, Optional<Boolean>> ask = question -> {
            try {
                out.flush();
                err.flush();
                writer.write(new RemoteMessage.Ask(question));
                Optional<RemoteMessage> answer = reader.read();
                if (answer.isPresent() && answer.get() instanceof RemoteMessage.Answer a) {
                    return Optional.ofNullable(a.yes());
                }
                return Optional.empty();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
        int code = commands.run(argv, out, err, ask);
        out.flush();
        err.flush();
        writer.write(new RemoteMessage.Exit(code));
        return 0;
    }

    /** Why a run request is refused, or empty when it may run. */
    static Optional<String> refusal(List<String> argv) {
        if (argv.isEmpty() || !COMMANDS.contains(argv.get(0))) {
            return Optional.of("only " + String.join(", ", COMMANDS.stream().sorted().toList())
                    + " run remotely, not " + (argv.isEmpty() ? "nothing" : "'" + argv.get(0) + "'"));
        }
        if (argv.stream().anyMatch(a -> a.equals("--host") || a.startsWith("--host="))) {
            return Optional.of("--host does not hop from one remote host to another");
        }
        return Optional.empty();
    }

    private void stream(RemoteMessage.Stream request, JsonLines.Reader<RemoteMessage> reader,
                        JsonLines.Writer writer) throws IOException {
        SocketScanner scanner = scanners.get();
        BlockingQueue<Optional<RemoteMessage.Control>> controls = new LinkedBlockingQueue<>();
        ExecutorService listener = Executors.newSingleThreadExecutor(DaemonThreads.named("portwatch-remote-in"));
        listener.execute(() -> readControls(reader, controls));
        try {
            Duration interval = ScanPoller.clamp(Duration.ofMillis(request.intervalMillis()));
            boolean paused = false;
            boolean scanNow = true;
            while (true) {
                if (scanNow || !paused) {
                    writer.write(scanOnce(scanner));
                }
                Optional<RemoteMessage.Control> control = controls.poll(paused ? Long.MAX_VALUE
                        : interval.toMillis(), TimeUnit.MILLISECONDS);
                scanNow = false;
                if (control == null) {
                    continue;
                }
                if (control.isEmpty()) {
                    return;
                }
                interval = ScanPoller.clamp(Duration.ofMillis(control.get().intervalMillis()));
                paused = control.get().paused();
                scanNow = control.get().scanNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            listener.shutdownNow();
        }
    }

    private static RemoteMessage scanOnce(SocketScanner scanner) {
        try {
            return new RemoteMessage.Scan(SnapshotWire.of(scanner.scan()));
        } catch (ScanException e) {
            return new RemoteMessage.ScanFailed(e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "scan failed unexpectedly", e);
            return new RemoteMessage.ScanFailed("Scan failed: " + e);
        }
    }

    /** Reads controls until standard input ends, then queues an empty value: the caller hung up. */
    private static void readControls(JsonLines.Reader<RemoteMessage> reader,
                                     BlockingQueue<Optional<RemoteMessage.Control>> controls) {
        try {
            Optional<RemoteMessage> message;
            while ((message = reader.read()).isPresent()) {
                if (message.get() instanceof RemoteMessage.Control control) {
                    controls.add(Optional.of(control));
                }
            }
        } catch (IOException e) {
            LOG.log(Level.FINE, "stream control channel failed", e);
        }
        controls.add(Optional.empty());
    }

    private static void failQuietly(JsonLines.Writer writer, String message) {
        try {
            writer.write(new RemoteMessage.Failure(message));
        } catch (IOException e) {
            LOG.log(Level.FINE, "could not report a failure", e);
        }
    }

    /** Turns a command's printed text into {@link RemoteMessage.Out}/{@link RemoteMessage.Err} lines on flush. */
    private static final class MessageWriter extends Writer {
        private final JsonLines.Writer writer;
        private final Function<String, RemoteMessage> wrap;
        private final StringBuilder pending = new StringBuilder();

        MessageWriter(JsonLines.Writer writer, Function<String, RemoteMessage> wrap) {
            this.writer = writer;
            this.wrap = wrap;
        }

        @Override
        public synchronized void write(char[] buffer, int offset, int length) {
            pending.append(buffer, offset, length);
        }

        @Override
        public synchronized void flush() throws IOException {
            if (!pending.isEmpty()) {
                writer.write(wrap.apply(pending.toString()));
                pending.setLength(0);
            }
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
