package dev.portwatch.ui.tray;

import dev.portwatch.model.WatchRule;

/** What a tray menu item does; values, so the menu model compares by value and tests can read it. */
public sealed interface TrayCommand {

    /** Show the window (restore it from the tray, bring it to the front). */
    record ShowWindow() implements TrayCommand { }

    /** Pause scanning, or resume it. */
    record TogglePause() implements TrayCommand { }

    /** Quit portwatch. */
    record Quit() implements TrayCommand { }

    /**
     * Show the window with this watched entry's holder selected.
     *
     * @param rule the watched entry
     */
    record ShowWatch(WatchRule rule) implements TrayCommand { }
}
