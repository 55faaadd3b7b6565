package dev.portwatch.core.settings;

import java.util.Objects;

/**
 * How the window fits into the desktop. Whether portwatch starts at login is not kept here: the autostart entry
 * itself is the truth (a user may add or remove it by hand), see {@code dev.portwatch.os.Autostart}.
 *
 * @param theme      the colour theme
 * @param keepInTray true when closing the window leaves portwatch running in the tray (only where there is a tray)
 */
public record DesktopPrefs(ThemeChoice theme, boolean keepInTray) {

    /** Validates the theme. */
    public DesktopPrefs {
        Objects.requireNonNull(theme, "theme");
    }

    /** First start: follow the desktop's theme; closing the window quits. */
    public static DesktopPrefs defaults() {
        return new DesktopPrefs(ThemeChoice.SYSTEM, false);
    }

    /** A copy with another theme. */
    public DesktopPrefs withTheme(ThemeChoice choice) {
        return new DesktopPrefs(choice, keepInTray);
    }

    /** A copy with closing to the tray on or off. */
    public DesktopPrefs withKeepInTray(boolean keep) {
        return new DesktopPrefs(theme, keep);
    }
}
