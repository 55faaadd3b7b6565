package dev.portwatch.core.settings;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where portwatch keeps its settings: {@code $XDG_CONFIG_HOME/portwatch} or {@code ~/.config/portwatch} on Linux,
 * {@code ~/Library/Application Support/portwatch} on macOS, {@code %APPDATA%\portwatch} on Windows. The system
 * property {@code portwatch.configDir} overrides all of them (tests use it to stay out of the user's files).
 */
public final class ConfigDirectory {

    /** The system property that overrides the directory. */
    public static final String PROPERTY = UserDirectory.CONFIG.property();

    private ConfigDirectory() {
    }

    /** The directory for this user and OS; it may not exist yet. */
    public static Path resolve() {
        return UserDirectory.CONFIG.resolve();
    }

    /**
     * The directory for the given environment; a pure function so every OS's rule can be tested anywhere.
     *
     * @param override    the value of {@link #PROPERTY}, if set
     * @param osName      the {@code os.name} system property
     * @param userHome    the user's home directory
     * @param environment the environment variables
     */
    public static Path resolve(Optional<String> override, String osName, String userHome,
                               Map<String, String> environment) {
        return UserDirectory.CONFIG.resolve(override, osName, userHome, environment);
    }
}
