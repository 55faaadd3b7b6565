package dev.portwatch.core.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Starts a {@link ListenerHolder} child JVM holding N loopback listeners and stops it, by its pid, on
 * {@link #close()} or, should the benchmark be interrupted (Ctrl+C), from a shutdown hook.
 *
 * <p>Blocking: start it and talk to it from a worker thread, never the JavaFX thread. One caller at a time.
 */
public final class ListenerHolderProcess implements AutoCloseable {

    /**
     * A listener the child opened on request.
     *
     * @param port    its port on 127.0.0.1
     * @param boundAt when the child's bind returned, by the child's wall clock (same machine, same clock)
     */
    public record Opened(int port, Instant boundAt) {
    }

    private final Process process;
    private final BufferedReader out;
    private final PrintWriter in;
    private final Thread killer;
    private final int listeners;

    private ListenerHolderProcess(Process process, int listeners) {
        this.process = process;
        this.listeners = listeners;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        // A shutdown hook must be an unstarted thread; it only kills our own child, by its pid.
        this.killer = Executors.defaultThreadFactory().newThread(process::destroyForcibly);
    }

    /**
     * Starts the child and waits until its listeners are bound.
     *
     * @param listeners how many TCP listeners on 127.0.0.1 it holds
     * @param timeout   how long to wait for them
     * @throws IOException when the child could not start or bind them all (the message says why, often the
     *                     descriptor limit); the child is gone by then
     */
    public static ListenerHolderProcess start(int listeners, Duration timeout) throws IOException {
        List<String> command = List.of(javaExecutable(), "-Xmx64m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                // IPv4 sockets, as most servers open on 127.0.0.1 (a JVM would otherwise open dual-stack IPv6 ones).
                "-Djava.net.preferIPv4Stack=true",
                "-cp", System.getProperty("java.class.path"), ListenerHolder.class.getName(),
                Integer.toString(listeners));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        var holder = new ListenerHolderProcess(process, listeners);
        Runtime.getRuntime().addShutdownHook(holder.killer);
        try {
            String line = holder.readLine(timeout);
            if (!line.startsWith("READY ")) {
                throw new IOException("the listener helper failed: " + line);
            }
            return holder;
        } catch (IOException | RuntimeException e) {
            holder.close();
            throw e;
        }
    }

    /** The child's pid. */
    public long pid() {
        return process.pid();
    }

    /** How many listeners the child opened at start. */
    public int listeners() {
        return listeners;
    }

    /** Asks the child to bind one more listener and waits (at most 10 s) for its port and bind time. */
    public Opened open() throws IOException {
        in.println("open");
        String[] parts = readLine(Duration.ofSeconds(10)).split(" ");
        if (parts.length != 3 || !parts[0].equals("OPENED")) {
            throw new IOException("unexpected answer from the listener helper: " + String.join(" ", parts));
        }
        long micros = Long.parseLong(parts[2]);
        return new Opened(Integer.parseInt(parts[1]),
                Instant.ofEpochSecond(micros / 1_000_000L, (micros % 1_000_000L) * 1_000L));
    }

    /** Kills the child by its pid and waits for it to exit. Idempotent. */
    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(killer);
        } catch (IllegalStateException e) {
            // Already shutting down: the hook runs (and kills nothing more) anyway.
        }
    }

    private String readLine(Duration timeout) throws IOException {
        // The child answers within the timeout or has died; a dead child closes the pipe and readLine returns.
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!out.ready() && process.isAlive() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for the listener helper", e);
            }
        }
        String line = out.ready() || !process.isAlive() ? out.readLine() : null;
        if (line == null) {
            throw new IOException("the listener helper did not answer in " + timeout.toSeconds() + " s");
        }
        return line;
    }

    private static String javaExecutable() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }
}
