package dev.portwatch.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Starts {@link ChildServer} as real child processes and cleans them up. Tests signal only the processes they
 * started here, by pid; {@link #close()} force-kills whatever is still alive, descendants first.
 */
public final class Children implements AutoCloseable {

    /** A started child: its process and the port it reported. */
    public record Child(Process process, int port) {
        /** The child's pid. */
        public long pid() {
            return process.pid();
        }
    }

    private final List<Process> started = new ArrayList<>();

    /** The java executable running this test JVM. */
    public static String javaExecutable() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** A loopback port nobody holds right now, for a child to bind a moment later. */
    public static int freeLoopbackPort() throws IOException {
        try (var probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    /** The JVM option that starts a JDWP debug agent listening on {@code 127.0.0.1:port}, not suspending. */
    public static String jdwpAgent(int port) {
        return "-agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=127.0.0.1:" + port;
    }

    /** The command that runs {@link ChildServer} with the given arguments, as an argv list. */
    public static List<String> serverCommand(String... args) {
        List<String> command = new ArrayList<>(List.of(javaExecutable(), "-Xmx32m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), ChildServer.class.getName()));
        command.addAll(List.of(args));
        return command;
    }

    /** Starts a child server and waits until it reports its bound port. */
    public Child startServer(String... args) throws IOException {
        return startServer(Map.of(), null, args);
    }

    /**
     * Starts a child server with extra environment and working directory, and waits (at most 20 s) until it
     * reports its bound port.
     */
    public Child startServer(Map<String, String> environment, Path workingDirectory, String... args)
            throws IOException {
        return startServer(List.of(), environment, workingDirectory, args);
    }

    /**
     * Starts a child server with extra JVM options (a debug agent, say) placed before the main class, extra
     * environment and working directory, and waits (at most 20 s) until it reports its bound port.
     */
    public Child startServer(List<String> jvmOptions, Map<String, String> environment, Path workingDirectory,
                             String... args) throws IOException {
        List<String> command = serverCommand(args);
        command.addAll(1, jvmOptions);
        return start(command, environment, workingDirectory);
    }

    /**
     * Starts a command that ends up running {@link ChildServer} (behind {@code ip netns exec}, {@code setpriv} as
     * another user, or a {@code bash -c 'exec ...'} that passes bytes Java can't) and waits (at most 20 s) until it
     * reports its bound port.
     */
    public Child start(List<String> command, Map<String, String> environment, Path workingDirectory)
            throws IOException {
        var builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        if (workingDirectory != null) {
            builder.directory(workingDirectory.toFile());
        }
        builder.redirectErrorStream(true);
        Process process = builder.start();
        started.add(process);
        var reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<Integer> port = CompletableFuture.supplyAsync(() -> {
            try {
                String line;
                while ((line = reader.readLine()) != null) {
                    if (line.startsWith("LISTENING ")) {
                        return Integer.parseInt(line.substring("LISTENING ".length()).trim());
                    }
                }
                throw new IllegalStateException("child exited before listening: exit " + process.waitFor());
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            int bound = port.get(20, TimeUnit.SECONDS);
            drain(reader);
            return new Child(process, bound);
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IOException("child server did not start: " + e.getMessage(), e);
        }
    }

    /** Adopts a process a test started by other means, so {@link #close()} cleans it up. */
    public void adopt(Process process) {
        started.add(process);
    }

    /**
     * True once the JVM has reaped a stopped child, waiting at most 10 s. portwatch reports a process stopped as
     * soon as the kernel says it is dead (a zombie counts), which can be a moment before the JVM's reaper thread
     * collects it and {@link Process#isAlive()} turns false.
     */
    public static boolean reaped(Process process) throws InterruptedException {
        return process.waitFor(10, TimeUnit.SECONDS);
    }

    /** Waits for a child to exit; true when it did within the timeout. */
    public static boolean awaitExit(long pid, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true)) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }

    @Override
    public void close() {
        for (Process process : started) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        for (Process process : started) {
            try {
                process.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void drain(BufferedReader reader) {
        // Keep reading the child's output so it never blocks on a full pipe.
        CompletableFuture.runAsync(() -> {
            try {
                while (reader.readLine() != null) {
                    // discard
                }
            } catch (IOException e) {
                // the child is gone
            }
        });
    }
}
