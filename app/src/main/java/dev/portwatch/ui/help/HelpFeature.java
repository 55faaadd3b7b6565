package dev.portwatch.ui.help;

import dev.portwatch.core.AppVersion;
import dev.portwatch.core.settings.ConfigDirectory;
import dev.portwatch.ui.MainView;
import dev.portwatch.ui.Shortcut;
import dev.portwatch.ui.Shortcuts;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;

import java.util.List;

/** Help ▸ Keyboard shortcuts (F1), listing {@link Shortcuts#all()}, and Help ▸ About portwatch with the version. */
public final class HelpFeature {

    private final MainView view;

    private HelpFeature(MainView view) {
        this.view = view;
    }

    /** Adds the Help menu. FX thread. */
    public static HelpFeature install(MainView view) {
        var feature = new HelpFeature(view);
        var shortcuts = new MenuItem("Keyboard shortcuts");
        shortcuts.setId("shortcutsMenu");
        // The menu bar registers a menu item's accelerator in the scene: F1 works without the menu open.
        shortcuts.setAccelerator(Shortcuts.HELP.keys());
        shortcuts.setOnAction(e -> feature.showShortcuts());
        var about = new MenuItem("About portwatch");
        about.setId("aboutMenu");
        about.setOnAction(e -> feature.showAbout());
        view.menu("Help").getItems().addAll(shortcuts, about);
        return feature;
    }

    /** Opens the shortcuts list; returns the dialog, already showing. */
    public Dialog<ButtonType> showShortcuts() {
        var dialog = new Dialog<ButtonType>();
        dialog.setTitle("Keyboard shortcuts");
        dialog.getDialogPane().setId("shortcutsDialog");
        dialog.getDialogPane().setContent(table(Shortcuts.all()));
        dialog.getDialogPane().getButtonTypes().setAll(ButtonType.CLOSE);
        owned(dialog);
        dialog.show();
        return dialog;
    }

    /** Opens the About box; returns it, already showing. */
    public Alert showAbout() {
        var alert = new Alert(Alert.AlertType.INFORMATION);
        alert.setTitle("About portwatch");
        alert.getDialogPane().setId("aboutDialog");
        alert.setHeaderText(AppVersion.display());
        alert.setContentText(aboutText());
        owned(alert);
        alert.show();
        return alert;
    }

    /** The About box's text below the version. */
    static String aboutText() {
        return "A desktop port monitor for developers: what listens on which port, and who holds it.\n\n"
                + "Java " + System.getProperty("java.version") + " · JavaFX "
                + System.getProperty("javafx.runtime.version", "?") + "\n"
                + "Settings: " + ConfigDirectory.resolve();
    }

    static GridPane table(List<Shortcut> shortcuts) {
        var grid = new GridPane();
        grid.setId("shortcutsTable");
        grid.setHgap(24);
        grid.setVgap(8);
        int row = 0;
        grid.addRow(row++, heading("Keys"), heading("Does"), heading("Where"));
        for (Shortcut shortcut : shortcuts) {
            var keys = new Label(shortcut.keysText());
            keys.getStyleClass().add("shortcut-keys");
            grid.addRow(row++, keys, new Label(shortcut.action()), new Label(shortcut.scope().label()));
        }
        for (var node : grid.getChildren()) {
            // The dialog sizes itself to the table: no cell is cut short.
            ((Label) node).setMinWidth(Region.USE_PREF_SIZE);
        }
        return grid;
    }

    private static Label heading(String text) {
        var label = new Label(text);
        label.getStyleClass().add("shortcut-heading");
        return label;
    }

    private void owned(Dialog<?> dialog) {
        dialog.getDialogPane().getStylesheets().add(MainView.class.getResource("portwatch.css").toExternalForm());
        if (view.getScene() != null && view.getScene().getWindow() != null) {
            dialog.initOwner(view.getScene().getWindow());
        }
    }
}
