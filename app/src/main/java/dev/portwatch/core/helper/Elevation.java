package dev.portwatch.core.helper;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Chooses how to start the privileged helper on this machine, the way the desktop expects: {@code pkexec} when
 * portwatch's polkit policy is installed (the package installs it with {@code auth_admin_keep}, so one password
 * prompt covers a while), else {@code sudo} (non-interactive, {@code -n}, when there is no terminal to ask a password
 * on). The helper is this very build, run as {@code portwatch helper}.
 */
public final class Elevation {

    /** The polkit action the package installs; its policy names {@link #PKEXEC_HELPER} as the program. */
    public static final Path POLKIT_POLICY = Path.of("/usr/share/polkit-1/actions/dev.portwatch.helper.policy");
    /** The helper launcher the package installs for pkexec (runs the installed jar with {@code helper}). */
    public static final Path PKEXEC_HELPER = Path.of("/usr/lib/portwatch/portwatch-helper");

    private static final List<Path> PKEXEC = List.of(Path.of("/usr/bin/pkexec"), Path.of("/bin/pkexec"));
    private static final List<Path> SUDO = List.of(Path.of("/usr/bin/sudo"), Path.of("/bin/sudo"));

    /**
     * How the helper would be started.
     *
     * @param command   the argument vector to run, empty when no mechanism is available
     * @param mechanism {@code pkexec}, {@code sudo} or {@code none}
     * @param note      one sentence for users when no mechanism is available
     */
    public record Choice(List<String> command, String mechanism, String note) {

        /** Copies the command. */
        public Choice {
            command = List.copyOf(command);
        }

        /** True when a mechanism was found. */
        public boolean available() {
            return !command.isEmpty();
        }
    }

    private Elevation() {
    }

    /**
     * Picks the mechanism for this machine.
     *
     * @param interactive true when a terminal can take a sudo password (the command line); false for the window
     */
    public static Choice choose(boolean interactive) {
        Optional<Path> pkexec = PKEXEC.stream().filter(Files::isExecutable).findFirst();
        if (pkexec.isPresent() && Files.isReadable(POLKIT_POLICY) && Files.isExecutable(PKEXEC_HELPER)) {
            return new Choice(List.of(pkexec.get().toString(), PKEXEC_HELPER.toString()), "pkexec", "");
        }
        Optional<Path> sudo = SUDO.stream().filter(Files::isExecutable).findFirst();
        if (sudo.isPresent()) {
            List<String> command = new ArrayList<>();
            command.add(sudo.get().toString());
            if (!interactive) {
                command.add("-n");
            }
            command.addAll(helperCommand());
            return new Choice(command, "sudo", "");
        }
        return new Choice(List.of(), "none", "No way to run the helper with elevated rights here (neither pkexec "
                + "with portwatch's polkit policy nor sudo); showing what your user can see.");
    }

    /** This build run as {@code portwatch helper}: the same java and class path as the running JVM. */
    public static List<String> helperCommand() {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.isEmpty()) {
                entries.add(Path.of(entry).toAbsolutePath().toString());
            }
        }
        return List.of(java, "-cp", String.join(File.pathSeparator, entries), "dev.portwatch.Main", "helper");
    }
}
