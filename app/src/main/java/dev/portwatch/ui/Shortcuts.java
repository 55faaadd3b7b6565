package dev.portwatch.ui;

import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;

import java.util.List;

/**
 * Every keyboard shortcut of the window, in the order Help ▸ Keyboard shortcuts lists them. Add a shortcut here and
 * register it from its constant; {@code ShortcutsFxTest} fails when the window's accelerators and this list differ.
 */
public final class Shortcuts {

    /** Ctrl+F (⌘F): put the cursor in the filter field. */
    public static final Shortcut FILTER = new Shortcut("filter",
            new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN), "Filter the table", Shortcut.Scope.WINDOW);
    /** F5: scan now. */
    public static final Shortcut REFRESH = new Shortcut("refresh", new KeyCodeCombination(KeyCode.F5), "Scan now",
            Shortcut.Scope.WINDOW);
    /** Delete in the table: stop the selected row's holder, after confirmation. */
    public static final Shortcut KILL = new Shortcut("kill", new KeyCodeCombination(KeyCode.DELETE),
            "Stop the selected port's holder…", Shortcut.Scope.TABLE);
    /** F1: this list. */
    public static final Shortcut HELP = new Shortcut("help", new KeyCodeCombination(KeyCode.F1),
            "Show the keyboard shortcuts", Shortcut.Scope.WINDOW);

    /** Ctrl+Q (⌘Q): quit portwatch, tray included. */
    public static final Shortcut QUIT = new Shortcut("quit",
            new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN), "Quit portwatch", Shortcut.Scope.WINDOW);

    /** F10: focus the menu bar; JavaFX's menu bar registers it itself, it is listed so users know it. */
    public static final Shortcut MENU_BAR = new Shortcut("menuBar", new KeyCodeCombination(KeyCode.F10),
            "Go to the menu bar", Shortcut.Scope.WINDOW);

    private static final List<Shortcut> ALL = List.of(FILTER, REFRESH, KILL, HELP, QUIT, MENU_BAR);

    private Shortcuts() {
    }

    /** All shortcuts, in display order. */
    public static List<Shortcut> all() {
        return ALL;
    }
}
