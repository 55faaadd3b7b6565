package dev.portwatch.ui;

import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.control.TableView;

/**
 * Keeps the selected row selected when the table's items change around it.
 *
 * <p>The view model reports a changed row as replaced by itself (one change per scan, so the sorted view places
 * only that row instead of re-sorting everything). The table's selection model follows indexes, not items: when the
 * replaced row moves to another sorted place, the selection would stay on the old index. This notes the selected
 * row before the selection model sees a change, and selects it again afterwards if it is still there (also when the
 * selected item is right but the selected items, which the selection model keeps by index, went astray).
 */
final class SelectionKeeper {

    private SelectionKeeper() {
    }

    /** Sets the table's items, with a listener on either side of the selection model's own. FX thread only. */
    static <T> void setItems(TableView<T> table, ObservableList<T> items) {
        Object[] before = {null};
        // Registered before setItems, so it runs before the selection model's listener.
        items.addListener((ListChangeListener<T>) change -> before[0] = table.getSelectionModel().getSelectedItem());
        table.setItems(items);
        items.addListener((ListChangeListener<T>) change -> {
            @SuppressWarnings("unchecked")
            T wanted = (T) before[0];
            before[0] = null;
            // The selected item can be right while the selected-items list still holds the row that used to be at
            // its index (a replacement inside a sorted view), so both are checked.
            var selection = table.getSelectionModel();
            boolean kept = selection.getSelectedItem() == wanted && selection.getSelectedItems().size() == 1
                    && selection.getSelectedItems().get(0) == wanted;
            if (wanted != null && !kept) {
                int index = items.indexOf(wanted);
                if (index >= 0) {
                    table.getSelectionModel().clearAndSelect(index);
                }
            }
        });
    }
}
