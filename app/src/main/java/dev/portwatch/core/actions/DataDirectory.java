package dev.portwatch.core.actions;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Where portwatch keeps data it writes (logs of rebound servers). The system property {@code portwatch.dataDir}
 * wins (tests set it); else the OS's per-user data directory: {@code $XDG_DATA_HOME/portwatch} or
 * {@code ~/.local/share/portwatch} on Linux, {@code ~/Library/Application Support/portwatch} on macOS,
 * {@code %LOCALAPPDATA%\portwatch} on Windows.
 */
public final class DataDirectory {

    private DataDirectory() {
    }

    /** The data directory; it may not exist yet. */
    public static Path resolve() {
        String override = System.getProperty("portwatch.dataDir");
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        String home = System.getProperty("user.home");
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            String local = System.getenv("LOCALAPPDATA");
            return local != null ? Path.of(local, "portwatch") : Path.of(home, "AppData", "Local", "portwatch");
        }
        if (os.startsWith("mac")) {
            return Path.of(home, "Library", "Application Support", "portwatch");
        }
        String xdg = System.getenv("XDG_DATA_HOME");
        return xdg != null && !xdg.isBlank() ? Path.of(xdg, "portwatch") : Path.of(home, ".local", "share", "portwatch");
    }

    /** The folder for logs of processes portwatch started; it may not exist yet. */
    public static Path logs() {
        return resolve().resolve("logs");
    }
}
