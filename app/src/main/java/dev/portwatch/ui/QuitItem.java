package dev.portwatch.ui;

import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;

/**
 * File ▸ Quit (Ctrl+Q, ⌘Q on macOS): ends portwatch, also while it keeps running in the tray with the window hidden.
 */
public final class QuitItem {

    private QuitItem() {
    }

    /**
     * Adds Quit at the end of the File menu; install it after every feature that adds File items.
     *
     * @param quit ends the application through its normal exit path ({@code Platform::exit} in the app, which runs
     *             {@code PortwatchApp.stop}: settings saved, polling stopped, the privileged helper and every
     *             executor ended)
     * @return the menu item
     */
    public static MenuItem install(MainView view, Runnable quit) {
        var item = new MenuItem("Quit");
        item.setId("quitMenu");
        // The menu bar registers the accelerator in the scene: Ctrl+Q works without the menu open.
        item.setAccelerator(Shortcuts.QUIT.keys());
        item.setOnAction(e -> quit.run());
        var file = view.menu("File").getItems();
        if (!file.isEmpty()) {
            file.add(new SeparatorMenuItem());
        }
        file.add(item);
        return item;
    }
}
