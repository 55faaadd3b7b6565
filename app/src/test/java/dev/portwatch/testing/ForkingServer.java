package dev.portwatch.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A TCP listener in a small Python process that can hand its socket to a forked child or {@code exec} another
 * program while keeping it: the cases where a socket changes owner without closing, which a JVM cannot stage
 * (it closes descriptors in children). Python is optional: check {@link #available()} first.
 *
 * <p>{@link #close()} force-kills, by pid, the process it started and every child it reported.
 */
public final class ForkingServer implements AutoCloseable {

    private static final String SCRIPT = String.join("\n",
            "import array, os, socket, sys, time",
            "s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)",
            "s.bind(('127.0.0.1', 0))",
            "s.listen(16)",
            "print('LISTENING', s.getsockname()[1], flush=True)",
            "for line in sys.stdin:",
            "    cmd = line.strip()",
            "    if cmd == 'handoff':",
            "        pid = os.fork()",
            "        if pid == 0:",
            "            while True:",
            "                time.sleep(600)",
            "        s.close()",
            "        print('CHILD', pid, flush=True)",
            "    elif cmd == 'share':",
            "        pid = os.fork()",
            "        if pid == 0:",
            "            while True:",
            "                time.sleep(600)",
            "        print('CHILD', pid, flush=True)",
            "    elif cmd == 'orphan':",
            "        a, b = socket.socketpair()",
            "        fds = array.array('i', [s.fileno()])",
            "        a.sendmsg([b'x'], [(socket.SOL_SOCKET, socket.SCM_RIGHTS, fds)])",
            "        s.close()",
            "        print('ORPHANED', flush=True)",
            "    elif cmd == 'exec':",
            "        os.set_inheritable(s.fileno(), True)",
            "        os.execvp('sleep', ['sleep', '600'])",
            "");

    private final Process process;
    private final BufferedReader out;
    private final PrintWriter in;
    private final List<Long> children = new ArrayList<>();
    private final int port;

    private ForkingServer(Process process) throws IOException {
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        this.port = Integer.parseInt(expect("LISTENING "));
    }

    /** True when {@code python3} runs on this machine. */
    public static boolean available() {
        try {
            Process probe = new ProcessBuilder("python3", "-c", "pass").redirectErrorStream(true).start();
            return probe.waitFor(20, TimeUnit.SECONDS) && probe.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Starts the server and waits until it listens. */
    public static ForkingServer start() throws IOException {
        Process process = new ProcessBuilder("python3", "-c", SCRIPT).start();
        try {
            return new ForkingServer(process);
        } catch (IOException | RuntimeException e) {
            process.destroyForcibly();
            throw e;
        }
    }

    /** The listening port. */
    public int port() {
        return port;
    }

    /** The server's pid (the same after {@link #execSleep()}). */
    public long pid() {
        return process.pid();
    }

    /** Forks a child that keeps the socket; the server closes its own copy. Returns the child's pid. */
    public long handOff() throws IOException {
        in.println("handoff");
        long child = Long.parseLong(expect("CHILD "));
        children.add(child);
        return child;
    }

    /**
     * Forks a child that keeps the socket while the server keeps its own copy too: one listening socket, two
     * holders, as in a pre-forking server. The server never reaps the child, so a killed child stays a zombie until
     * the server ends. Returns the child's pid.
     */
    public long share() throws IOException {
        in.println("share");
        long child = Long.parseLong(expect("CHILD "));
        children.add(child);
        return child;
    }

    /** True once the process is gone or a zombie (exited, not reaped), waiting at most 10 s. */
    public static boolean exited(long pid) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            String stat;
            try {
                stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            } catch (IOException e) {
                return true;
            }
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            if (state == 'Z' || state == 'X') {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }

    /**
     * Sends the listener over a Unix socket pair that nobody reads and closes it: it keeps listening, but while in
     * flight no process's descriptor table holds it, so no scanner can name an owner.
     */
    public void orphan() throws IOException {
        in.println("orphan");
        expect("ORPHANED");
    }

    /** Replaces the server's program with {@code sleep 600}, keeping the socket open under the same pid. */
    public void execSleep() throws InterruptedException {
        in.println("exec");
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline
                && !ProcessHandle.of(pid()).flatMap(p -> p.info().command()).orElse("").endsWith("sleep")) {
            Thread.sleep(20);
        }
    }

    private String expect(String prefix) throws IOException {
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                String text;
                while ((text = out.readLine()) != null) {
                    if (text.startsWith(prefix)) {
                        return text.substring(prefix.length()).trim();
                    }
                }
                throw new IllegalStateException("python server ended before printing " + prefix);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            return line.get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IOException("python server did not answer: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        for (long child : children) {
            ProcessHandle.of(child).ifPresent(ProcessHandle::destroyForcibly);
        }
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
