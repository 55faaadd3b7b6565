package dev.portwatch.core.desktop;

import java.nio.file.Path;
import java.util.Map;

/** The XDG base directories this package needs. */
final class XdgPaths {

    private XdgPaths() {
    }

    /** {@code $XDG_CONFIG_HOME}, or {@code ~/.config} when it is unset or relative (the spec says ignore it then). */
    static Path configHome(Map<String, String> environment, String userHome) {
        String xdg = environment.get("XDG_CONFIG_HOME");
        return xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg) : Path.of(userHome, ".config");
    }
}
