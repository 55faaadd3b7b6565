package dev.portwatch.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Runs commands as a real unprivileged user ({@code nobody}, through {@code setpriv}) so tests see what a normal
 * user sees: hidden owners, real permission errors. The test JVM's class path lives partly under {@code /root}, which
 * {@code nobody} cannot read, so the entries it cannot read are linked (or copied) once per JVM into a world-readable
 * directory under {@code /tmp}, removed at exit.
 */
public final class Unprivileged {

    /** The user unprivileged commands run as. */
    public static final String USER = "nobody";

    private static String classPath;

    private Unprivileged() {
    }

    /** True when this JVM can switch users (it runs as root and {@code setpriv} exists). */
    public static boolean available() {
        return "root".equals(System.getProperty("user.name")) && Files.isExecutable(Path.of("/usr/bin/setpriv"));
    }

    /** The uid of {@link #USER} on this machine. */
    public static int uid() {
        try {
            Process id = new ProcessBuilder("id", "-u", USER).start();
            String out = new String(id.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            id.waitFor(10, TimeUnit.SECONDS);
            return Integer.parseInt(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code command} prefixed so that it runs as {@code nobody:nogroup} with no supplementary groups. */
    public static List<String> asNobody(List<String> command) {
        List<String> wrapped = new ArrayList<>(List.of("setpriv", "--reuid=" + USER, "--regid=nogroup",
                "--clear-groups", "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    /** The command that runs portwatch's real entry point headless with {@code args}, on a readable class path. */
    public static List<String> portwatch(String... args) {
        List<String> command = new ArrayList<>(List.of(Children.javaExecutable(), "-Xmx96m",
                "-XX:TieredStopAtLevel=1", "-Djava.awt.headless=true", "-Djava.io.tmpdir=/tmp",
                "-cp", readableClassPath(), "dev.portwatch.Main"));
        command.addAll(List.of(args));
        return command;
    }

    /** The test JVM's class path, with every entry another user could not read replaced by a readable copy. */
    public static synchronized String readableClassPath() {
        if (classPath == null) {
            try {
                classPath = buildReadableClassPath();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return classPath;
    }

    private static String buildReadableClassPath() throws IOException {
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "portwatch-cp-");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
        List<String> entries = new ArrayList<>();
        int index = 0;
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path path = Path.of(entry).toAbsolutePath();
            if (!Files.exists(path) || readableByOthers(path)) {
                entries.add(path.toString());
                continue;
            }
            Path target = dir.resolve(index++ + "-" + path.getFileName());
            if (Files.isDirectory(path)) {
                copyTree(path, target);
            } else {
                link(path, target);
            }
            entries.add(target.toString());
        }
        return String.join(java.io.File.pathSeparator, entries);
    }

    private static void link(Path source, Path target) throws IOException {
        try {
            Files.createLink(target, source);
        } catch (IOException | UnsupportedOperationException e) {
            Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
        if (!Files.getPosixFilePermissions(target).contains(PosixFilePermission.OTHERS_READ)) {
            Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r--r--"));
        }
    }

    private static void copyTree(Path source, Path target) throws IOException {
        try (var paths = Files.walk(source)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Path to = target.resolve(source.relativize(path).toString());
                try {
                    Files.copy(path, to);
                } catch (FileAlreadyExistsException e) {
                    // a directory created for an earlier entry
                }
                Files.setPosixFilePermissions(to, PosixFilePermissions.fromString(
                        Files.isDirectory(to) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
    }

    private static boolean readableByOthers(Path path) throws IOException {
        Set<PosixFilePermission> own = Files.getPosixFilePermissions(path);
        if (!own.contains(PosixFilePermission.OTHERS_READ)) {
            return false;
        }
        for (Path parent = path.getParent(); parent != null; parent = parent.getParent()) {
            if (!Files.getPosixFilePermissions(parent).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                return false;
            }
        }
        return true;
    }

    private static void deleteTree(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort at exit
        }
    }
}
