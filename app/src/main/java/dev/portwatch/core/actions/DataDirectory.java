package dev.portwatch.core.actions;

import dev.portwatch.core.settings.UserDirectory;

import java.nio.file.Path;

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
        return UserDirectory.DATA.resolve();
    }

    /** The folder for logs of processes portwatch started; it may not exist yet. */
    public static Path logs() {
        return resolve().resolve("logs");
    }
}
