package dev.portwatch.ui.tray;

import java.util.List;
import java.util.Objects;

/**
 * Everything the tray shows at one moment: a value, so the adapter touches the tray only when it changed.
 *
 * @param level   the worst watched state, which picks the icon
 * @param tooltip the icon's tooltip
 * @param menu    the popup menu, top to bottom
 */
public record TrayModel(TrayLevel level, String tooltip, List<TrayMenuItem> menu) {

    /** Checks the fields and copies the menu. */
    public TrayModel {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(tooltip, "tooltip");
        menu = List.copyOf(menu);
    }
}
