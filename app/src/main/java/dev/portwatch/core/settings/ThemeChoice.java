package dev.portwatch.core.settings;

/** Which colour theme the window uses. */
public enum ThemeChoice {
    /** Follow the desktop's light or dark preference, read when the window opens. */
    SYSTEM,
    /** Always the light theme. */
    LIGHT,
    /** Always the dark theme. */
    DARK
}
