package dev.portwatch.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * The one shared, unprivileged login user tests create ({@value #NAME}), for what {@code nobody} cannot do: a
 * {@code sudo} rule names a user. Created idempotently ({@code useradd} locks {@code /etc/passwd}; "already exists"
 * is fine); never removed, so parallel test runs can share it.
 */
public final class TestUser {

    /** The user's name. */
    public static final String NAME = "portwatch-test";

    private TestUser() {
    }

    /** Creates the user if missing and returns its uid. Needs root. */
    public static synchronized int ensure() throws IOException, InterruptedException {
        Commands.Result id = Commands.run(List.of("id", "-u", NAME));
        if (id.exitCode() != 0) {
            Commands.Result added = Commands.run(List.of("useradd", "--system", "--no-create-home",
                    "--shell", "/usr/sbin/nologin", "--user-group", NAME));
            if (added.exitCode() != 0 && added.exitCode() != 9) {
                throw new IOException("useradd " + NAME + " failed: " + added.stderr());
            }
            id = Commands.run(List.of("id", "-u", NAME));
        }
        return Integer.parseInt(id.stdout().trim());
    }

    /** {@code command} prefixed to run as this user with its own group and no others. */
    public static List<String> as(List<String> command) {
        List<String> wrapped = new ArrayList<>(List.of("setpriv", "--reuid=" + NAME, "--regid=" + NAME,
                "--clear-groups", "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    /** Runs portwatch's command line headless as this user, with no terminal, and waits for it. */
    public static Commands.Result portwatch(String... args) throws IOException, InterruptedException {
        return Commands.run(as(Unprivileged.portwatch(args)));
    }

    /**
     * A sudo rule letting this user run exactly {@code command} as root without a password, installed in
     * {@code /etc/sudoers.d} (checked with {@code visudo -c} first) and removed by {@link SudoRule#close()}.
     */
    public static SudoRule allowSudo(List<String> command) throws IOException, InterruptedException {
        var line = new StringBuilder(NAME + " ALL=(root) NOPASSWD: ");
        for (int i = 0; i < command.size(); i++) {
            // sudoers escapes these in command arguments.
            line.append(i == 0 ? "" : " ").append(command.get(i).replaceAll("([\\\\,:=])", "\\\\$1"));
        }
        line.append('\n');
        Path draft = Files.createTempFile("portwatch-sudoers-", ".tmp");
        Files.writeString(draft, line, StandardCharsets.UTF_8);
        Commands.Result check = Commands.run(List.of("visudo", "-c", "-q", "-f", draft.toString()));
        if (check.exitCode() != 0) {
            Files.delete(draft);
            throw new IOException("sudoers rule rejected: " + check.stderr() + check.stdout());
        }
        Path rule = Path.of("/etc/sudoers.d", "portwatch-test-" + ProcessHandle.current().pid());
        Files.setPosixFilePermissions(draft, PosixFilePermissions.fromString("r--r-----"));
        Files.move(draft, rule);
        return new SudoRule(rule);
    }

    /** An installed sudo rule; closing removes it. */
    public record SudoRule(Path file) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            Files.deleteIfExists(file);
        }
    }

}
