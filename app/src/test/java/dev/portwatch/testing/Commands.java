package dev.portwatch.testing;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs an external command to the end (at most 60 s) and returns what it printed. */
public final class Commands {

    /** A finished command. */
    public record Result(int exitCode, String stdout, String stderr) {
    }

    private Commands() {
    }

    /** Runs {@code command} with no input and waits for it. */
    public static Result run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(
                new File("/dev/null"))).start();
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        String out = read(process.getInputStream());
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("still running after 60 s: " + command);
        }
        return new Result(process.exitValue(), out, err.join());
    }

    /** The listening TCP sockets on {@code port} as {@code ss} reports them (one line each, no header). */
    public static String ssListening(int port) throws IOException, InterruptedException {
        return run(List.of("ss", "-tlnH", "sport = :" + port)).stdout();
    }

    private static String read(InputStream stream) {
        try {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return e.getMessage();
        }
    }
}
