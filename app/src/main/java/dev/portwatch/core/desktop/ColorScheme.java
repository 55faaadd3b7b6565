package dev.portwatch.core.desktop;

/** Light or dark: what the desktop prefers, and what the window shows. */
public enum ColorScheme {
    /** Dark text on light backgrounds. */
    LIGHT,
    /** Light text on dark backgrounds. */
    DARK
}
