package dev.portwatch.ui.vm;

import javafx.collections.ModifiableObservableListBase;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The live rows as an observable list that reports one scan's changed rows as replacements, in a single change.
 *
 * <p>An extractor-backed list fires an update per changed row, and {@code SortedList} answers every update
 * (every separate range of one) by sorting all its elements again: 50 changed rows meant 50 sorts of 5,000 rows
 * on the FX thread. A row replaced by itself makes the filtered and sorted views test and place just that row.
 * FX thread only.
 */
final class RowList extends ModifiableObservableListBase<ListenerRow> {

    private final List<ListenerRow> rows = new ArrayList<>();

    /** Reports these rows as changed, each replaced by itself, in one change; rows not in the list are ignored. */
    void changed(Set<ListenerRow> changed) {
        if (changed.isEmpty()) {
            return;
        }
        beginChange();
        try {
            for (int i = 0; i < rows.size(); i++) {
                ListenerRow row = rows.get(i);
                if (changed.contains(row)) {
                    nextSet(i, row);
                }
            }
        } finally {
            endChange();
        }
    }

    @Override
    public ListenerRow get(int index) {
        return rows.get(index);
    }

    @Override
    public int size() {
        return rows.size();
    }

    @Override
    protected void doAdd(int index, ListenerRow element) {
        rows.add(index, element);
    }

    @Override
    protected ListenerRow doSet(int index, ListenerRow element) {
        return rows.set(index, element);
    }

    @Override
    protected ListenerRow doRemove(int index) {
        return rows.remove(index);
    }
}
