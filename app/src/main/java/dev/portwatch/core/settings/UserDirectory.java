package dev.portwatch.core.settings;

import dev.portwatch.os.OsFamily;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The per-user directories portwatch writes to, by each OS's convention, with a system property that overrides
 * each (tests use them to stay out of the user's files).
 */
public enum UserDirectory {

    /** Settings: {@code $XDG_CONFIG_HOME/portwatch} or {@code ~/.config/portwatch}, {@code %APPDATA%\portwatch}. */
    CONFIG("portwatch.configDir", "APPDATA", List.of("AppData", "Roaming"), "XDG_CONFIG_HOME", List.of(".config")),
    /**
     * Data such as the logs of rebound servers: {@code $XDG_DATA_HOME/portwatch} or {@code ~/.local/share/portwatch},
     * {@code %LOCALAPPDATA%\portwatch}.
     */
    DATA("portwatch.dataDir", "LOCALAPPDATA", List.of("AppData", "Local"), "XDG_DATA_HOME",
            List.of(".local", "share"));

    private final String property;
    private final String windowsVariable;
    private final List<String> windowsFallback;
    private final String xdgVariable;
    private final List<String> xdgFallback;

    UserDirectory(String property, String windowsVariable, List<String> windowsFallback, String xdgVariable,
                  List<String> xdgFallback) {
        this.property = property;
        this.windowsVariable = windowsVariable;
        this.windowsFallback = windowsFallback;
        this.xdgVariable = xdgVariable;
        this.xdgFallback = xdgFallback;
    }

    /** The system property that overrides this directory. */
    public String property() {
        return property;
    }

    /** The directory for this user and OS; it may not exist yet. */
    public Path resolve() {
        return resolve(Optional.ofNullable(System.getProperty(property)), System.getProperty("os.name", ""),
                System.getProperty("user.home", "."), System.getenv());
    }

    /**
     * The directory for the given environment; a pure function so every OS's rule can be tested anywhere. macOS
     * keeps settings and data alike in {@code ~/Library/Application Support/portwatch}.
     *
     * @param override    the value of {@link #property()}, if set
     * @param osName      the {@code os.name} system property
     * @param userHome    the user's home directory
     * @param environment the environment variables
     */
    public Path resolve(Optional<String> override, String osName, String userHome, Map<String, String> environment) {
        if (override.isPresent() && !override.get().isBlank()) {
            return Path.of(override.get());
        }
        OsFamily os = OsFamily.of(osName);
        if (os == OsFamily.WINDOWS) {
            String base = environment.get(windowsVariable);
            return base == null || base.isBlank()
                    ? under(Path.of(userHome), windowsFallback).resolve("portwatch")
                    : Path.of(base, "portwatch");
        }
        if (os == OsFamily.MAC) {
            return Path.of(userHome, "Library", "Application Support", "portwatch");
        }
        String xdg = environment.get(xdgVariable);
        // The XDG spec says a relative XDG_*_HOME is invalid and must be ignored.
        return xdg != null && Path.of(xdg).isAbsolute()
                ? Path.of(xdg, "portwatch")
                : under(Path.of(userHome), xdgFallback).resolve("portwatch");
    }

    private static Path under(Path base, List<String> names) {
        Path path = base;
        for (String name : names) {
            path = path.resolve(name);
        }
        return path;
    }
}
