package dev.portwatch.testing;

import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs test processes as a real unprivileged user, {@code nobody}, through {@code setpriv} (no shell, no password):
 * another user's server for portwatch to act on, or portwatch itself as a normal user. Needs root (CI runs as root);
 * tests {@link #assumeAvailable() skip} elsewhere.
 */
public final class OtherUser {

    /** The user's name. */
    public static final String NAME = "nobody";
    /** Its group's name. */
    public static final String GROUP = "nogroup";

    private static Path classPath;

    private OtherUser() {
    }

    /** Skips the calling test unless this JVM runs as root with {@code setpriv} and the user exists. */
    public static void assumeAvailable() {
        Assumptions.assumeTrue(available(), "needs root, setpriv and the user " + NAME);
    }

    /** True when tests can start processes as {@link #NAME}. */
    public static boolean available() {
        return "root".equals(System.getProperty("user.name")) && Files.isExecutable(Path.of("/usr/bin/setpriv"))
                && uid() > 0;
    }

    /** The user's uid, from {@code /etc/passwd}; -1 when there is no such user. */
    public static int uid() {
        try (Stream<String> lines = Files.lines(Path.of("/etc/passwd"))) {
            return lines.map(line -> line.split(":")).filter(f -> f.length > 3 && f[0].equals(NAME))
                    .mapToInt(f -> Integer.parseInt(f[2])).findFirst().orElse(-1);
        } catch (IOException e) {
            return -1;
        }
    }

    /** {@code command} prefixed so that it runs as {@link #NAME}, with its group and no supplementary groups. */
    public static List<String> command(List<String> command) {
        List<String> wrapped = new ArrayList<>(List.of("/usr/bin/setpriv", "--reuid=" + NAME, "--regid=" + GROUP,
                "--clear-groups", "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    /**
     * This JVM's class path, readable by {@link #NAME}: entries it can't reach (the Maven repository under
     * {@code /root}) are copied once into a world-readable directory.
     */
    public static synchronized String classPath() {
        if (classPath == null) {
            try {
                classPath = Files.createTempDirectory("portwatch-test-classpath-");
                Files.setPosixFilePermissions(classPath, PosixFilePermissions.fromString("rwxr-xr-x"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        List<String> entries = new ArrayList<>();
        int n = 0;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry);
            if (worldReadable(path)) {
                entries.add(entry);
                continue;
            }
            Path copy = classPath.resolve((n++) + "-" + path.getFileName());
            try {
                if (!Files.exists(copy)) {
                    copyReadable(path, copy);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            entries.add(copy.toString());
        }
        return String.join(File.pathSeparator, entries);
    }

    /**
     * What a command run as the other user did.
     *
     * @param exitCode its exit code
     * @param out      its standard output
     * @param err      its standard error
     */
    public record Result(int exitCode, String out, String err) {
    }

    /**
     * Runs the portwatch command line ({@code dev.portwatch.Main}) as {@link #NAME}, with config and data
     * directories of its own, no terminal, and waits at most 60 s.
     */
    public static Result portwatch(String... args) throws IOException, InterruptedException {
        return portwatch(sharedDirectory(), args);
    }

    /**
     * Runs the portwatch command line as {@link #NAME} with {@code HOME} and the XDG directories under {@code home}
     * ({@code home/config/portwatch/settings.json} is its settings file).
     */
    public static Result portwatch(Path home, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Children.javaExecutable(), "-Xmx64m",
                "-XX:TieredStopAtLevel=1", "-cp", classPath(), "dev.portwatch.Main"));
        command.addAll(List.of(args));
        var builder = new ProcessBuilder(command(command));
        builder.environment().put("HOME", home.toString());
        builder.environment().put("XDG_CONFIG_HOME", home.resolve("config").toString());
        builder.environment().put("XDG_DATA_HOME", home.resolve("data").toString());
        builder.directory(home.toFile());
        builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Path out = Files.createTempFile("portwatch-out-", ".txt");
        Path err = Files.createTempFile("portwatch-err-", ".txt");
        builder.redirectOutput(out.toFile());
        builder.redirectError(err.toFile());
        Process process = builder.start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("portwatch as " + NAME + " did not finish within 60 s");
        }
        try {
            return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** A fresh directory every user may write to, for another user's config and data directories. */
    public static Path sharedDirectory() throws IOException {
        Path dir = Files.createTempDirectory("portwatch-other-user-");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        return dir;
    }

    private static boolean worldReadable(Path path) {
        try {
            Path real = path.toRealPath();
            for (Path p = real.getParent(); p != null; p = p.getParent()) {
                if (!PosixFilePermissions.toString(Files.getPosixFilePermissions(p)).endsWith("x")) {
                    return false;
                }
            }
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(real)).charAt(6) == 'r';
        } catch (IOException e) {
            return false;
        }
    }

    private static void copyReadable(Path from, Path to) throws IOException {
        if (!Files.isDirectory(from)) {
            Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES);
            Files.setPosixFilePermissions(to, PosixFilePermissions.fromString("rw-r--r--"));
            return;
        }
        try (Stream<Path> tree = Files.walk(from)) {
            for (Path source : (Iterable<Path>) tree::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
                } else {
                    Files.copy(source, target);
                    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r--r--"));
                }
            }
        }
    }
}
