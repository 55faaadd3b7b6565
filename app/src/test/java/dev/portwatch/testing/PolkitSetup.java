package dev.portwatch.testing;

import dev.portwatch.core.helper.Elevation;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real pkexec path for tests, on a machine without systemd: a system D-Bus and {@code polkitd} (started here when
 * none runs, and stopped again by pid), portwatch's polkit policy from {@code packaging/linux}, a helper launcher at
 * {@link Elevation#PKEXEC_HELPER} that runs this test build's {@code portwatch helper}, and a polkit rule granting the
 * action to {@link TestUser} without a password. {@link #close()} removes every file it installed.
 */
public final class PolkitSetup implements AutoCloseable {

    /** The system bus socket pkexec and polkitd talk over. */
    public static final Path BUS_SOCKET = Path.of("/run/dbus/system_bus_socket");
    /** The policy as the package ships it. */
    public static final Path SHIPPED_POLICY = Path.of("..", "packaging", "linux", "dev.portwatch.helper.policy");

    private static final String MAIN_CLASS = "dev.portwatch.Main";
    private static final Path POLKITD = Path.of("/usr/lib/polkit-1/polkitd");
    private static final Path PKEXEC = Path.of("/usr/bin/pkexec");
    private static final Path DBUS_DAEMON = Path.of("/usr/bin/dbus-daemon");

    private final List<Process> daemons = new ArrayList<>();
    private final List<Path> installed = new ArrayList<>();
    private Path createdDirectory;
    private boolean startedBus;

    private PolkitSetup() {
    }

    /** True when pkexec, polkitd and dbus-daemon are installed (.ci/run installs them) and this JVM runs as root. */
    public static boolean available() {
        return OtherUser.available() && Files.isExecutable(PKEXEC) && Files.isExecutable(POLKITD)
                && Files.isExecutable(DBUS_DAEMON) && Files.isRegularFile(SHIPPED_POLICY);
    }

    /**
     * True when portwatch's pkexec files are already there (the package is installed): the test then leaves them
     * alone rather than replace and remove files it does not own.
     */
    public static boolean packageFilesPresent() {
        return Files.exists(Elevation.POLKIT_POLICY) || Files.exists(Elevation.PKEXEC_HELPER);
    }

    /**
     * Installs everything and waits (at most 30 s) until {@link TestUser} can run the helper through pkexec.
     *
     * @throws IOException when a daemon does not start or pkexec keeps refusing; what was installed is removed
     */
    public static PolkitSetup install() throws IOException, InterruptedException {
        var setup = new PolkitSetup();
        try {
            setup.startDaemons();
            setup.installFiles();
            setup.awaitGranted(Duration.ofSeconds(30));
            return setup;
        } catch (IOException | InterruptedException | RuntimeException e) {
            setup.close();
            throw e;
        }
    }

    private void startDaemons() throws IOException, InterruptedException {
        if (!nameHasOwner("org.freedesktop.DBus")) {
            // No bus answers: a socket left by a bus that was killed is stale, and dbus-daemon would refuse to start.
            Files.deleteIfExists(BUS_SOCKET);
            Files.createDirectories(BUS_SOCKET.getParent());
            daemons.add(new ProcessBuilder(DBUS_DAEMON.toString(), "--system", "--nofork", "--nopidfile")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
            startedBus = true;
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!nameHasOwner("org.freedesktop.DBus")) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("the system bus did not start within 10 s");
                }
                Thread.sleep(100);
            }
        }
        if (!nameHasOwner("org.freedesktop.PolicyKit1")) {
            // polkitd drops to its own user itself; without systemd nothing would start it on demand.
            daemons.add(new ProcessBuilder(POLKITD.toString(), "--no-debug")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!nameHasOwner("org.freedesktop.PolicyKit1")) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("polkitd did not take its bus name within 10 s");
                }
                Thread.sleep(100);
            }
        }
    }

    private static boolean nameHasOwner(String name) throws IOException, InterruptedException {
        Commands.Result reply = Commands.run(List.of("dbus-send", "--system", "--print-reply",
                "--dest=org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus.NameHasOwner",
                "string:" + name));
        return reply.exitCode() == 0 && reply.stdout().contains("boolean true");
    }

    private void installFiles() throws IOException {
        install(SHIPPED_POLICY, Elevation.POLKIT_POLICY, "rw-r--r--");
        if (!Files.isDirectory(Elevation.PKEXEC_HELPER.getParent())) {
            createdDirectory = Files.createDirectories(Elevation.PKEXEC_HELPER.getParent());
        }
        // What the package's launcher does (run portwatch in helper mode), with this test build's class path.
        String launcher = "#!/bin/sh\n# portwatch test: removed after the test\nexec " + Children.javaExecutable()
                + " -Xmx96m -XX:TieredStopAtLevel=1 -cp '" + Unprivileged.readableClassPath()
                + "' " + MAIN_CLASS + " helper\n";
        write(Elevation.PKEXEC_HELPER, launcher, "rwxr-xr-x");
        write(Path.of("/etc/polkit-1/rules.d", "50-portwatch-test-" + ProcessHandle.current().pid() + ".rules"),
                "// portwatch test: lets the test user run portwatch's helper without a password; removed after\n"
                        + "polkit.addRule(function(action, subject) {\n"
                        + "    if (action.id == \"dev.portwatch.helper\" && subject.user == \"" + TestUser.NAME
                        + "\") {\n"
                        + "        return polkit.Result.YES;\n"
                        + "    }\n"
                        + "});\n", "rw-r--r--");
    }

    private void install(Path from, Path to, String mode) throws IOException {
        write(to, Files.readString(from, StandardCharsets.UTF_8), mode);
    }

    private void write(Path to, String content, String mode) throws IOException {
        Files.createDirectories(to.getParent());
        Path draft = Files.createTempFile(to.getParent(), ".portwatch-test-", ".tmp");
        Files.writeString(draft, content, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(draft, PosixFilePermissions.fromString(mode));
        // Renamed into place whole: polkitd watches these directories and must never read half a file.
        Files.move(draft, to);
        installed.add(to);
    }

    /** polkitd reloads policies and rules when their directories change; pkexec works once it has. */
    private void awaitGranted(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            // The helper ends at once when its input ends, so a granted pkexec exits 0.
            var builder = new ProcessBuilder(TestUser.as(List.of(PKEXEC.toString(),
                    Elevation.PKEXEC_HELPER.toString())));
            builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
            builder.redirectErrorStream(false);
            Process probe = builder.start();
            if (!probe.waitFor(20, TimeUnit.SECONDS)) {
                probe.destroyForcibly();
            } else if (probe.exitValue() == 0) {
                return;
            } else {
                last = new String(probe.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            }
            Thread.sleep(200);
        }
        throw new IOException("pkexec did not grant the helper to " + TestUser.NAME + ": " + last);
    }

    /** Removes the installed files and stops the daemons this setup started, by pid. */
    @Override
    public void close() throws IOException {
        for (Path file : installed) {
            Files.deleteIfExists(file);
        }
        if (createdDirectory != null) {
            try (var left = Files.list(createdDirectory)) {
                if (left.findAny().isEmpty()) {
                    Files.delete(createdDirectory);
                }
            }
        }
        for (int i = daemons.size() - 1; i >= 0; i--) {
            Process daemon = daemons.get(i);
            daemon.destroy();
            try {
                if (!daemon.waitFor(5, TimeUnit.SECONDS)) {
                    daemon.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (startedBus) {
            Files.deleteIfExists(BUS_SOCKET);
        }
    }
}
