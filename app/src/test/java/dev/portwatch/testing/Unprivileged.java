package dev.portwatch.testing;

import java.util.ArrayList;
import java.util.List;

/**
 * Command lines that run as a real unprivileged user so tests see what a normal user sees: hidden owners, real
 * permission errors. A thin view over {@link OtherUser}, which owns the user, the {@code setpriv} wrapper and the
 * class path that user can read.
 */
public final class Unprivileged {

    /** The user unprivileged commands run as. */
    public static final String USER = OtherUser.NAME;

    private Unprivileged() {
    }

    /** True when this JVM can switch users (it runs as root, {@code setpriv} exists and so does the user). */
    public static boolean available() {
        return OtherUser.available();
    }

    /** The uid of {@link #USER} on this machine. */
    public static int uid() {
        return OtherUser.uid();
    }

    /** {@code command} prefixed so that it runs as {@link #USER} with its group and no supplementary groups. */
    public static List<String> asNobody(List<String> command) {
        return OtherUser.command(command);
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
    public static String readableClassPath() {
        return OtherUser.classPath();
    }
}
