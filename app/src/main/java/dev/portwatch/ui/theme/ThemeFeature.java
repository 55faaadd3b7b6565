package dev.portwatch.ui.theme;

import dev.portwatch.core.desktop.ColorScheme;
import dev.portwatch.core.desktop.DesktopColorScheme;
import dev.portwatch.core.settings.ThemeChoice;
import dev.portwatch.ui.MainView;
import dev.portwatch.ui.settings.ViewSettings;
import javafx.scene.control.Menu;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.ToggleGroup;
import javafx.stage.Window;

import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * View ▸ Theme: System (follow the desktop), Light, Dark; the choice is saved in the settings. The desktop's
 * preference is read off the FX thread: once before the window opens, again whenever System is chosen, and when the
 * window gains the focus (see {@link #followDesktopOnFocus}).
 */
public final class ThemeFeature {

    private static final Logger LOG = Logger.getLogger(ThemeFeature.class.getName());

    private final ThemeSwitcher switcher;
    private final ViewSettings settings;
    private final Supplier<ColorScheme> desktop;

    private ThemeFeature(ThemeSwitcher switcher, ViewSettings settings, Supplier<ColorScheme> desktop) {
        this.switcher = switcher;
        this.settings = settings;
        this.desktop = desktop;
    }

    /**
     * Applies the saved theme and adds the menu.
     *
     * @param desktopScheme the desktop's preference, read before the window was built
     * @param desktop       reads the desktop's preference again; blocks, so it runs on the settings' I/O thread
     */
    public static ThemeFeature install(MainView view, ViewSettings settings, ColorScheme desktopScheme,
                                       Supplier<ColorScheme> desktop) {
        var feature = new ThemeFeature(ThemeSwitcher.install(), settings, desktop);
        ThemeChoice saved = settings.current().desktop().theme();
        feature.switcher.show(resolve(saved, desktopScheme));
        view.menu("View").getItems().add(feature.buildMenu(saved));
        return feature;
    }

    /** Installs with the real desktop lookup. */
    public static ThemeFeature install(MainView view, ViewSettings settings, ColorScheme desktopScheme) {
        return install(view, settings, desktopScheme, DesktopColorScheme::detect);
    }

    /** The scheme a choice shows, given what the desktop prefers. */
    public static ColorScheme resolve(ThemeChoice choice, ColorScheme desktopScheme) {
        return switch (choice) {
            case SYSTEM -> desktopScheme;
            case LIGHT -> ColorScheme.LIGHT;
            case DARK -> ColorScheme.DARK;
        };
    }

    /** The scheme shown now. */
    public ColorScheme shown() {
        return switcher.shown();
    }

    private Menu buildMenu(ThemeChoice saved) {
        var menu = new Menu("Theme");
        menu.setId("menuTheme");
        var group = new ToggleGroup();
        for (ThemeChoice choice : ThemeChoice.values()) {
            var item = new RadioMenuItem(label(choice));
            item.setId("theme" + label(choice));
            item.setToggleGroup(group);
            item.setSelected(choice == saved);
            item.setOnAction(e -> choose(choice));
            menu.getItems().add(item);
        }
        return menu;
    }

    /**
     * Follows a change of the desktop's preference made while portwatch runs: when the window gains the focus (the
     * user comes back from the desktop's settings) and the theme is System, the desktop is asked again, off the FX
     * thread. Costs one {@code gsettings} call per focus change, nothing while the window sits unfocused.
     */
    public void followDesktopOnFocus(Window window) {
        window.focusedProperty().addListener((obs, was, focused) -> {
            if (focused) {
                askDesktop();
            }
        });
    }

    /** Asks the desktop again when the theme is System, and shows its answer. FX thread. */
    void askDesktop() {
        if (settings.current().desktop().theme() != ThemeChoice.SYSTEM) {
            return;
        }
        settings.io().run(desktop::get, scheme -> {
            // The user may have picked another theme while the desktop was being asked.
            if (settings.current().desktop().theme() == ThemeChoice.SYSTEM && scheme != switcher.shown()) {
                switcher.show(scheme);
            }
        }, failure -> LOG.log(Level.FINE, "could not ask the desktop for its colour scheme", failure));
    }

    private void choose(ThemeChoice choice) {
        settings.update(s -> s.withDesktop(s.desktop().withTheme(choice)));
        if (choice != ThemeChoice.SYSTEM) {
            switcher.show(resolve(choice, switcher.shown()));
            return;
        }
        askDesktop();
    }

    private static String label(ThemeChoice choice) {
        return switch (choice) {
            case SYSTEM -> "System";
            case LIGHT -> "Light";
            case DARK -> "Dark";
        };
    }
}
