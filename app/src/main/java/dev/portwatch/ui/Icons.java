package dev.portwatch.ui;

import javafx.beans.binding.Bindings;
import javafx.scene.Node;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignE;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignI;
import org.kordamp.ikonli.materialdesign2.MaterialDesignK;
import org.kordamp.ikonli.materialdesign2.MaterialDesignM;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;
import org.kordamp.ikonli.materialdesign2.MaterialDesignT;
import org.kordamp.ikonli.materialdesign2.MaterialDesignW;

import java.util.Map;
import java.util.Optional;

/**
 * Icons (Material Design, through Ikonli's font icons) for the window's buttons and menu items, looked up by the
 * control's id: the features build their controls with ids and stay free of icon code, and this table is the one
 * place that says which picture goes where. The icons are text glyphs, so the theme colours them.
 */
public final class Icons {

    private static final Map<String, Ikon> BY_ID = Map.ofEntries(
            Map.entry("refresh", MaterialDesignR.REFRESH),
            Map.entry("pause", MaterialDesignP.PAUSE),
            Map.entry("killButton", MaterialDesignS.STOP_CIRCLE_OUTLINE),
            Map.entry("killRow", MaterialDesignS.STOP_CIRCLE_OUTLINE),
            Map.entry("killMenu", MaterialDesignS.STOP_CIRCLE_OUTLINE),
            Map.entry("moveButton", MaterialDesignS.SWAP_HORIZONTAL),
            Map.entry("moveRow", MaterialDesignS.SWAP_HORIZONTAL),
            Map.entry("moveMenu", MaterialDesignS.SWAP_HORIZONTAL),
            Map.entry("freePortMenu", MaterialDesignM.MAGNIFY),
            Map.entry("copyAddress", MaterialDesignC.CONTENT_COPY),
            Map.entry("copyPid", MaterialDesignC.CONTENT_COPY),
            Map.entry("copyCommand", MaterialDesignC.CONTENT_COPY),
            Map.entry("exportCSV", MaterialDesignF.FILE_DELIMITED_OUTLINE),
            Map.entry("exportJSON", MaterialDesignC.CODE_JSON),
            Map.entry("menuTheme", MaterialDesignT.THEME_LIGHT_DARK),
            Map.entry("themeLight", MaterialDesignW.WHITE_BALANCE_SUNNY),
            Map.entry("themeDark", MaterialDesignW.WEATHER_NIGHT),
            Map.entry("themeSystem", MaterialDesignM.MONITOR),
            Map.entry("shortcutsMenu", MaterialDesignK.KEYBOARD_OUTLINE),
            Map.entry("aboutMenu", MaterialDesignI.INFORMATION_OUTLINE),
            Map.entry("startAtLogin", MaterialDesignR.ROCKET_LAUNCH_OUTLINE),
            Map.entry("keepInTray", MaterialDesignT.TRAY),
            Map.entry("quit", MaterialDesignE.EXIT_TO_APP),
            Map.entry("openBrowser", MaterialDesignW.WEB));

    private Icons() {
    }

    /** The icon for a control id, if it has one. */
    public static Optional<Ikon> forId(String id) {
        return Optional.ofNullable(id).map(BY_ID::get);
    }

    /** A new icon node (a node can sit in one place only, so every control gets its own). */
    public static FontIcon icon(Ikon ikon) {
        var icon = new FontIcon(ikon);
        icon.getStyleClass().add("pw-icon");
        return icon;
    }

    /**
     * Gives every menu item, toolbar button and row-menu item of the window that has an icon in the table its icon.
     * Call once after the features have added their controls and the window is shown (controls inside panes are
     * found by CSS lookup, which needs their skins). FX thread.
     */
    public static void decorate(MainView view) {
        if (view.lookup("#menuBar") instanceof MenuBar bar) {
            bar.getMenus().forEach(Icons::decorate);
        }
        if (view.table().getContextMenu() != null) {
            view.table().getContextMenu().getItems().forEach(Icons::decorate);
        }
        for (Node node : view.toolbarItems()) {
            if (node instanceof ButtonBase button) {
                decorate(button);
                compact(button);
            }
        }
        for (Node node : view.lookupAll(".button")) {
            if (node instanceof ButtonBase button) {
                decorate(button);
            }
        }
    }

    /**
     * Toolbar buttons with an icon show only the icon, so the filter and the scan controls keep their room; the label
     * moves into the tooltip (and stays the button's text for screen readers and tests).
     */
    private static void compact(ButtonBase button) {
        if (button.getGraphic() == null && !button.graphicProperty().isBound()) {
            return;
        }
        button.setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
        if (button.getTooltip() == null) {
            var tooltip = new Tooltip();
            tooltip.textProperty().bind(button.textProperty());
            button.setTooltip(tooltip);
        }
    }

    private static void decorate(MenuItem item) {
        if (item.getGraphic() == null) {
            forId(item.getId()).ifPresent(ikon -> item.setGraphic(icon(ikon)));
        }
        if (item instanceof Menu menu) {
            menu.getItems().forEach(Icons::decorate);
        }
    }

    private static void decorate(ButtonBase button) {
        if (button.getGraphic() != null) {
            return;
        }
        if (button instanceof ToggleButton toggle && "pause".equals(toggle.getId())) {
            // Pause turns into Resume: the picture follows the label.
            FontIcon pause = icon(MaterialDesignP.PAUSE);
            FontIcon resume = icon(MaterialDesignP.PLAY);
            toggle.graphicProperty().bind(Bindings.when(toggle.selectedProperty()).then((Node) resume)
                    .otherwise((Node) pause));
            return;
        }
        forId(button.getId()).ifPresent(ikon -> button.setGraphic(icon(ikon)));
    }
}
