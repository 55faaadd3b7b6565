package dev.portwatch.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A real "remote host" for tests: a network namespace of its own, joined to this one by a veth pair with addresses
 * the test picks, and a real OpenSSH {@code sshd} running inside it with its own host key, authorized keys and
 * config in a temporary directory. Whatever portwatch reports through it was seen inside the namespace.
 *
 * <p>Four client keys log in as root with different PATHs (set per key in {@code authorized_keys}), reached
 * through aliases of a generated client config ({@link #clientConfig()}): {@link #HOST} has a working
 * {@code portwatch} (this build, on the test class path), {@link #HOST_WITHOUT_PORTWATCH} has none,
 * {@link #HOST_WITH_GARBAGE} has a {@code portwatch} that prints garbage, {@link #HOST_FROM_THE_FUTURE} one that
 * speaks protocol 99. Names are unique per run, so leftovers of a crashed run never collide; {@link #close()}
 * stops every process in the namespace by pid, deletes the namespace and the veth pair.
 */
public final class SshTestHost implements AutoCloseable {

    /** The alias of a host with a working portwatch. */
    public static final String HOST = "nshost";
    /** The alias of the same host with no portwatch on the PATH. */
    public static final String HOST_WITHOUT_PORTWATCH = "nshost-bare";
    /** The alias of the same host whose portwatch prints garbage. */
    public static final String HOST_WITH_GARBAGE = "nshost-garbage";
    /** The alias of the same host whose portwatch speaks protocol 99. */
    public static final String HOST_FROM_THE_FUTURE = "nshost-future";

    private static final Path SSHD = Path.of("/usr/sbin/sshd");

    private final String namespace;
    private final String vethOutside;
    private final String addressOutside;
    private final String addressInside;
    private final Path directory;
    private Process sshd;

    private SshTestHost(String id, int subnet) throws IOException {
        namespace = "pw14-" + id;
        vethOutside = "pw" + id + "o";
        addressOutside = "10.214." + (subnet >> 6) + "." + ((subnet & 63) * 4 + 1);
        addressInside = "10.214." + (subnet >> 6) + "." + ((subnet & 63) * 4 + 2);
        directory = Files.createTempDirectory("portwatch-sshd-");
    }

    /**
     * Creates the namespace and starts sshd in it; skips the test (assumption) where that is impossible: no sshd
     * ({@code .ci/run} installs openssh-server), not root, or no network namespaces.
     */
    public static SshTestHost start() throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(SSHD), "needs OpenSSH's sshd (apt-get install openssh-server)");
        assumeTrue(run("ip", "netns", "list") == 0, "needs iproute2 and rights to create network namespaces");
        var random = new SecureRandom();
        byte[] id = new byte[4];
        random.nextBytes(id);
        var host = new SshTestHost(HexFormat.of().formatHex(id), random.nextInt(64 * 64));
        try {
            host.createNamespace();
            host.writeKeysAndConfig();
            host.startSshd();
            return host;
        } catch (IOException | InterruptedException | RuntimeException e) {
            host.close();
            throw e;
        }
    }

    /** The ssh client config to pass as {@code ssh -F} (or {@code PORTWATCH_SSH_CONFIG}). */
    public Path clientConfig() {
        return directory.resolve("ssh_config");
    }

    /** The namespace's address, as {@code user@address} or in {@code ssh://} URLs. */
    public String address() {
        return addressInside;
    }

    /** The network namespace's name. */
    public String namespace() {
        return namespace;
    }

    /** The command prefix that runs a program inside the namespace. */
    public List<String> inside(List<String> command) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
        full.addAll(command);
        return full;
    }

    /**
     * Starts {@link ChildServer} inside the namespace on {@code 127.0.0.1:port} (the namespace's own loopback), with
     * {@code moreArgs} (such as {@code --hold}), and waits until it listens; {@code children} cleans it up.
     */
    public Process startServerInside(Children children, int port, String... moreArgs) throws IOException {
        List<String> args = new ArrayList<>(List.of("--port", String.valueOf(port)));
        args.addAll(List.of(moreArgs));
        return children.start(inside(Children.serverCommand(args.toArray(String[]::new))), Map.of(), null)
                .process();
    }

    private void createNamespace() throws IOException, InterruptedException {
        String vethInside = "pw" + namespace.substring(5) + "i";
        check("ip", "netns", "add", namespace);
        check("ip", "link", "add", vethOutside, "type", "veth", "peer", "name", vethInside);
        check("ip", "link", "set", vethInside, "netns", namespace);
        check("ip", "addr", "add", addressOutside + "/30", "dev", vethOutside);
        check("ip", "link", "set", vethOutside, "up");
        check("ip", "netns", "exec", namespace, "ip", "addr", "add", addressInside + "/30", "dev", vethInside);
        check("ip", "netns", "exec", namespace, "ip", "link", "set", vethInside, "up");
        check("ip", "netns", "exec", namespace, "ip", "link", "set", "lo", "up");
    }

    private void writeKeysAndConfig() throws IOException, InterruptedException {
        Path bin = Files.createDirectories(directory.resolve("bin"));
        Path bare = Files.createDirectories(directory.resolve("bare"));
        Path garbage = Files.createDirectories(directory.resolve("garbage"));
        Path future = Files.createDirectories(directory.resolve("future"));
        script(bin.resolve("portwatch"), "exec '" + Children.javaExecutable() + "' -Xmx96m -XX:TieredStopAtLevel=1"
                + " -XX:+UseSerialGC -cp '" + System.getProperty("java.class.path") + "' dev.portwatch.Main \"$@\"");
        script(garbage.resolve("portwatch"), "echo 'Welcome to portwatch!!'; echo '<html>not json</html>'");
        script(future.resolve("portwatch"), "echo '{\"type\":\"hello\",\"protocol\":99,\"version\":\"9.0\"}'");
        check("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", directory.resolve("host_key").toString());
        var authorized = new StringBuilder();
        var config = new StringBuilder();
        String system = "/usr/local/bin:/usr/bin:/bin";
        for (String[] alias : new String[][] {{HOST, bin + ":" + system}, {HOST_WITHOUT_PORTWATCH, bare + ":" + system},
                {HOST_WITH_GARBAGE, garbage + ":" + system}, {HOST_FROM_THE_FUTURE, future + ":" + system}}) {
            Path key = directory.resolve("key-" + alias[0]);
            check("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString());
            authorized.append("environment=\"PATH=").append(alias[1]).append("\" ")
                    .append(Files.readString(Path.of(key + ".pub")).strip()).append('\n');
            config.append("Host ").append(alias[0]).append('\n')
                    .append("  HostName ").append(addressInside).append('\n')
                    .append("  IdentityFile ").append(key).append('\n');
        }
        // Destinations given by address (user@10.214.x.y, ssh://...) use the working key.
        config.append("Host *\n")
                .append("  User root\n")
                .append("  IdentityFile ").append(directory.resolve("key-" + HOST)).append('\n')
                .append("  IdentitiesOnly yes\n")
                .append("  UserKnownHostsFile ").append(directory.resolve("known_hosts")).append('\n')
                .append("  GlobalKnownHostsFile /dev/null\n")
                .append("  StrictHostKeyChecking yes\n");
        Files.writeString(directory.resolve("authorized_keys"), authorized);
        Files.writeString(clientConfig(), config);
        Files.writeString(directory.resolve("known_hosts"), addressInside + " "
                + Files.readString(directory.resolve("host_key.pub")).strip() + "\n");
        Files.writeString(directory.resolve("sshd_config"), String.join("\n",
                "Port 22",
                "ListenAddress " + addressInside,
                "HostKey " + directory.resolve("host_key"),
                "PidFile " + directory.resolve("sshd.pid"),
                "AuthorizedKeysFile " + directory.resolve("authorized_keys"),
                "StrictModes no",
                "UsePAM no",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "PermitRootLogin prohibit-password",
                "PermitUserEnvironment PATH",
                "AllowUsers root",
                "") + "\n");
    }

    /**
     * Stops sshd and every process in the namespace except {@code keep} (all started by this test): the SSH sessions
     * drop, and new ones are refused until {@link #restartSshd()}.
     */
    public void dropEverythingBut(long... keep) throws IOException, InterruptedException {
        sshd.destroy();
        sshd.waitFor(5, TimeUnit.SECONDS);
        var kept = Arrays.stream(keep).boxed().toList();
        for (String pid : output("ip", "netns", "pids", namespace).split("\\s+")) {
            if (pid.matches("\\d+") && !kept.contains(Long.parseLong(pid))) {
                ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }

    /** Starts sshd again after {@link #dropEverythingBut}. */
    public void restartSshd() throws IOException, InterruptedException {
        startSshd();
    }

    private void startSshd() throws IOException, InterruptedException {
        // sshd insists on its privilege separation directory, which a fresh machine may lack.
        Files.createDirectories(Path.of("/run/sshd"));
        sshd = new ProcessBuilder(inside(List.of(SSHD.toString(), "-D", "-e", "-f",
                directory.resolve("sshd_config").toString())))
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve("sshd.log").toFile())
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!sshd.isAlive()) {
                throw new IOException("sshd exited: " + Files.readString(directory.resolve("sshd.log")));
            }
            if (run("ip", "netns", "exec", namespace, "sh", "-c", "ss -tln | grep -q '" + addressInside + ":22 '")
                    == 0) {
                return;
            }
            Thread.sleep(50);
        }
        throw new IOException("sshd did not listen within 20 s: " + Files.readString(directory.resolve("sshd.log")));
    }

    /** Stops every process inside the namespace (all started by this test) by pid, then removes it all. */
    @Override
    public void close() {
        try {
            if (sshd != null) {
                sshd.destroy();
                sshd.waitFor(5, TimeUnit.SECONDS);
            }
            for (String pid : output("ip", "netns", "pids", namespace).split("\\s+")) {
                if (pid.matches("\\d+")) {
                    ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
                }
            }
            run("ip", "link", "del", vethOutside);
            run("ip", "netns", "del", namespace);
            try (var files = Files.walk(directory)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("could not clean up the test host " + namespace, e);
        }
    }

    private static void script(Path file, String body) throws IOException {
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static void check(String... command) throws IOException, InterruptedException {
        var process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output.strip());
        }
    }

    private static int run(String... command) throws IOException, InterruptedException {
        var process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return process.waitFor();
    }

    private static String output(String... command) throws IOException, InterruptedException {
        var process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        return output;
    }
}
