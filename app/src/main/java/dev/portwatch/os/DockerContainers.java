package dev.portwatch.os;

import dev.portwatch.model.ContainerInfo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Names running containers by their IP addresses, asking the {@code docker} command line ({@code docker ps} and
 * {@code docker inspect}). Each command runs with a timeout; answers are remembered for {@link #MAX_AGE}. Where
 * docker is missing, stopped or not allowed, the answer is simply empty.
 *
 * <p>{@link #byAddress()} blocks on child processes: never call it on the JavaFX application thread.
 * {@link #cached(String)} never blocks. Thread-safe.
 */
public final class DockerContainers {

    /** How long one answer from docker is reused. */
    public static final Duration MAX_AGE = Duration.ofSeconds(30);

    private static final Logger LOG = Logger.getLogger(DockerContainers.class.getName());
    private static final String FORMAT = "{{.Id}}\t{{.Name}}\t{{.Config.Image}}\t"
            + "{{range .NetworkSettings.Networks}}{{.IPAddress}} {{.GlobalIPv6Address}} {{end}}";

    private final String docker;
    private final Duration timeout;
    private final Clock clock;
    private volatile Map<String, ContainerInfo> known = Map.of();
    private Instant readAt = Instant.MIN;

    /**
     * @param docker  the docker executable (a name looked up on the PATH, or a path)
     * @param timeout how long each docker command may take before it is killed
     * @param clock   decides when the remembered answer is too old
     */
    public DockerContainers(String docker, Duration timeout, Clock clock) {
        this.docker = Objects.requireNonNull(docker, "docker");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The {@code docker} on the PATH, two seconds per command. */
    public static DockerContainers system() {
        return new DockerContainers("docker", Duration.ofSeconds(2), Clock.systemUTC());
    }

    /**
     * Running containers by each of their IP addresses, read from docker when the remembered answer is older than
     * {@link #MAX_AGE}. Blocks up to twice the timeout.
     *
     * @return the containers; empty when docker is unavailable
     */
    public synchronized Map<String, ContainerInfo> byAddress() {
        Instant now = clock.instant();
        if (Duration.between(readAt, now).compareTo(MAX_AGE) < 0) {
            return known;
        }
        readAt = now;
        known = run(List.of("ps", "-q", "--no-trunc"))
                .map(ids -> ids.lines().map(String::strip).filter(id -> !id.isEmpty()).toList())
                .filter(ids -> !ids.isEmpty())
                .flatMap(ids -> {
                    List<String> inspect = new ArrayList<>(List.of("inspect", "--format", FORMAT));
                    inspect.addAll(ids);
                    return run(inspect);
                })
                .map(DockerContainers::parse)
                .orElse(Map.of());
        return known;
    }

    /** The container with this IP address as of the last {@link #byAddress()}; never blocks. */
    public Optional<ContainerInfo> cached(String ip) {
        return Optional.ofNullable(known.get(ip));
    }

    /**
     * Parses {@code docker inspect} output in this class's format: one container per line, tab-separated id, name
     * (with docker's leading slash), image and space-separated addresses.
     */
    static Map<String, ContainerInfo> parse(String output) {
        Map<String, ContainerInfo> byAddress = new HashMap<>();
        for (String line : output.split("\\R")) {
            String[] fields = line.split("\t", -1);
            if (fields.length < 4) {
                continue;
            }
            String id = fields[0].length() > 12 ? fields[0].substring(0, 12) : fields[0];
            var container = new ContainerInfo(id, fields[1].replaceFirst("^/", ""), fields[2]);
            for (String address : fields[3].strip().split("\\s+")) {
                if (address.matches("[0-9A-Fa-f:.]+")) {
                    byAddress.put(address, container);
                }
            }
        }
        return Map.copyOf(byAddress);
    }

    private Optional<String> run(List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add(docker);
        command.addAll(arguments);
        Path output = null;
        try {
            // Output goes to a file, not a pipe, so a hung docker can never block us on a read past the timeout.
            output = Files.createTempFile("portwatch-docker", ".txt");
            Process process = new ProcessBuilder(command).redirectOutput(output.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(1, TimeUnit.SECONDS);
                LOG.fine(() -> "docker did not answer within " + timeout.toMillis() + " ms");
                return Optional.empty();
            }
            return process.exitValue() == 0
                    ? Optional.of(Files.readString(output, StandardCharsets.UTF_8)) : Optional.empty();
        } catch (IOException e) {
            LOG.log(Level.FINE, "docker is not available", e);
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } finally {
            if (output != null) {
                try {
                    Files.deleteIfExists(output);
                } catch (IOException e) {
                    LOG.log(Level.FINE, "could not delete " + output, e);
                }
            }
        }
    }
}
