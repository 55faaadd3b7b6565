package dev.portwatch.core.desktop;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** How to start this portwatch again: the command an autostart entry runs. */
public final class LaunchCommand {

    private LaunchCommand() {
    }

    /**
     * The command that opens this portwatch's window: the app image's launcher when running from one (jpackage sets
     * {@code jpackage.app-path}), else this JVM with {@code -jar} and the jar, with the JVM options the window was
     * started with. Empty when running from a build directory ({@code mvn javafx:run}, an IDE), which a login must
     * not depend on.
     */
    public static Optional<List<String>> current() {
        String appPath = System.getProperty("jpackage.app-path");
        if (appPath != null && !appPath.isBlank()) {
            return Optional.of(List.of(appPath));
        }
        Optional<Path> jar = runningJar();
        Optional<String> java = ProcessHandle.current().info().command();
        if (jar.isEmpty() || java.isEmpty()) {
            return Optional.empty();
        }
        List<String> command = new ArrayList<>();
        command.add(java.get());
        command.addAll(jvmOptions());
        command.add("-jar");
        command.add(jar.get().toString());
        return Optional.of(command);
    }

    /** The heap and GC options of this JVM (the README's all-day flags, when it was started with them). */
    private static List<String> jvmOptions() {
        List<String> options = new ArrayList<>();
        // The process's own argument list: java.management's RuntimeMXBean would say the same, but the app image's
        // trimmed runtime need not carry that module for this.
        for (String argument : ProcessHandle.current().info().arguments().orElse(new String[0])) {
            if (argument.equals("-jar") || !argument.startsWith("-")) {
                break;
            }
            if (argument.startsWith("-XX:") || argument.startsWith("-Xm") || argument.startsWith("-Xs")) {
                options.add(argument);
            }
        }
        return options;
    }

    private static Optional<Path> runningJar() {
        try {
            var source = LaunchCommand.class.getProtectionDomain().getCodeSource();
            if (source == null) {
                return Optional.empty();
            }
            Path path = Path.of(source.getLocation().toURI()).toAbsolutePath();
            return Files.isRegularFile(path) && path.toString().endsWith(".jar") ? Optional.of(path) : Optional.empty();
        } catch (URISyntaxException | IllegalArgumentException | SecurityException e) {
            return Optional.empty();
        }
    }
}
