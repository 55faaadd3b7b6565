package dev.portwatch.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code portwatch serve} in a child JVM started through the real entry point, as a user starts it. Collects its
 * output lines; {@link #close()} stops it by its pid.
 */
public final class ServeChild implements AutoCloseable {

    private static final Pattern SERVING = Pattern.compile("Serving metrics on http://(\\S+):(\\d+)/metrics");

    private final Process process;
    private final List<String> out = Collections.synchronizedList(new ArrayList<>());
    private final List<String> err = Collections.synchronizedList(new ArrayList<>());

    private ServeChild(Process process) {
        this.process = process;
        drain(process.getInputStream(), out);
        drain(process.getErrorStream(), err);
    }

    /**
     * Starts {@code java JVM_OPTIONS dev.portwatch.Main serve ARGS} with this test's class path and no display.
     *
     * @param jvmOptions options before the main class ({@code -verbose:class}, {@code -Xmx64m})
     * @param args       {@code serve}'s arguments
     */
    public static ServeChild start(List<String> jvmOptions, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Children.javaExecutable());
        command.addAll(jvmOptions);
        command.addAll(List.of("-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"),
                "dev.portwatch.Main", "serve"));
        command.addAll(List.of(args));
        var builder = new ProcessBuilder(command);
        builder.environment().remove("DISPLAY");
        builder.environment().remove("WAYLAND_DISPLAY");
        return new ServeChild(builder.start());
    }

    /** Waits for the "Serving metrics on ..." line and returns the port it names. */
    public int awaitPort(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (String line : out()) {
                Matcher matcher = SERVING.matcher(line);
                if (matcher.find()) {
                    return Integer.parseInt(matcher.group(2));
                }
            }
            if (!process.isAlive()) {
                break;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("serve did not start; stderr " + err());
    }

    /** The child's pid. */
    public long pid() {
        return process.pid();
    }

    /** A number field of the child's {@code /proc/PID/status}: {@code Threads}, {@code VmRSS} (kB). */
    public long status(String field) throws IOException {
        return Files.readAllLines(Path.of("/proc/" + pid() + "/status")).stream()
                .filter(l -> l.startsWith(field + ":"))
                .map(l -> l.replaceAll("\\D+", ""))
                .mapToLong(Long::parseLong).findFirst().orElseThrow();
    }

    /** Standard output so far, one line per element. */
    public List<String> out() {
        synchronized (out) {
            return List.copyOf(out);
        }
    }

    /** Standard error so far, one line per element. */
    public List<String> err() {
        synchronized (err) {
            return List.copyOf(err);
        }
    }

    /**
     * One {@code GET /metrics} over HTTP/1.0 on 127.0.0.1 (the server closes after it): the whole response.
     *
     * <p>The socket is reset, not closed, once the answer is read: a flood of closed connections would leave
     * thousands of TIME_WAIT sockets on this machine for a minute, and other tests compare whole socket tables.
     */
    public static String scrape(int port) throws IOException {
        try (var socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(30_000);
            socket.setSoLinger(true, 0);
            socket.getOutputStream().write("GET /metrics HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Stops the child by its pid (SIGTERM, then SIGKILL after 10 s) and waits for it. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static void drain(InputStream stream, List<String> lines) {
        Thread reader = new Thread(() -> {
            try (var in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // The child is gone; the lines read so far stay.
            }
        }, "serve-child-output");
        reader.setDaemon(true);
        reader.start();
    }
}
