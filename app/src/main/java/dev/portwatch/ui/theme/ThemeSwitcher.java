package dev.portwatch.ui.theme;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import dev.portwatch.core.desktop.ColorScheme;
import javafx.application.Application;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.scene.Scene;
import javafx.stage.Window;
import javafx.stage.WindowEvent;

/**
 * Applies a colour scheme to the whole application: AtlantaFX's Primer Light or Primer Dark as the user agent
 * stylesheet (so dialogs and popups follow), and the {@code :dark} pseudo-class on the root of every window's scene,
 * which portwatch's own CSS uses to pick its row-state colours. FX thread only.
 */
public final class ThemeSwitcher {

    /** Set on every scene root while the dark scheme is shown. */
    public static final PseudoClass DARK = PseudoClass.getPseudoClass("dark");

    private ColorScheme shown = ColorScheme.LIGHT;

    private ThemeSwitcher() {
    }

    /** A switcher that also marks every window opened later (dialogs, notifications) when it is shown. */
    public static ThemeSwitcher install() {
        var switcher = new ThemeSwitcher();
        for (Window window : Window.getWindows()) {
            switcher.follow(window);
        }
        Window.getWindows().addListener((ListChangeListener<Window>) change -> {
            while (change.next()) {
                change.getAddedSubList().forEach(switcher::follow);
            }
        });
        return switcher;
    }

    /** The scheme shown now. */
    public ColorScheme shown() {
        return shown;
    }

    /** Shows the given scheme in every window. */
    public void show(ColorScheme scheme) {
        shown = scheme;
        Application.setUserAgentStylesheet(scheme == ColorScheme.DARK
                ? new PrimerDark().getUserAgentStylesheet() : new PrimerLight().getUserAgentStylesheet());
        for (Window window : Window.getWindows()) {
            mark(window.getScene());
        }
    }

    private void follow(Window window) {
        mark(window.getScene());
        // A dialog gets its scene before it is shown, not necessarily before it is listed.
        window.addEventHandler(WindowEvent.WINDOW_SHOWING, e -> mark(window.getScene()));
    }

    private void mark(Scene scene) {
        if (scene != null && scene.getRoot() != null) {
            scene.getRoot().pseudoClassStateChanged(DARK, shown == ColorScheme.DARK);
        }
    }
}
