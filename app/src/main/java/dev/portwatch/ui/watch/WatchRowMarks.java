package dev.portwatch.ui.watch;

import dev.portwatch.ui.vm.ListenerRow;
import dev.portwatch.ui.vm.WatchViewModel;
import dev.portwatch.ui.vm.WatchViewModel.RowMark;
import javafx.css.PseudoClass;
import javafx.scene.control.TableRow;
import javafx.scene.control.Tooltip;

import java.util.Optional;
import java.util.function.BiConsumer;

/** Marks rows of the live table that hold watched ports: {@code :watched}, {@code :conflict}, {@code :exposed}. */
final class WatchRowMarks implements BiConsumer<TableRow<ListenerRow>, ListenerRow> {

    static final PseudoClass WATCHED = PseudoClass.getPseudoClass("watched");
    static final PseudoClass CONFLICT = PseudoClass.getPseudoClass("conflict");
    static final PseudoClass EXPOSED = PseudoClass.getPseudoClass("exposed");
    private static final String TOOLTIP_KEY = "portwatch.watchTooltip";

    private final WatchViewModel watch;

    WatchRowMarks(WatchViewModel watch) {
        this.watch = watch;
    }

    @Override
    public void accept(TableRow<ListenerRow> row, ListenerRow item) {
        Optional<RowMark> mark = item == null ? Optional.empty() : watch.mark(item.getListener());
        row.pseudoClassStateChanged(WATCHED, mark.isPresent());
        row.pseudoClassStateChanged(CONFLICT, mark.map(RowMark::conflict).orElse(false));
        row.pseudoClassStateChanged(EXPOSED, mark.map(RowMark::exposed).orElse(false));
        if (mark.isPresent()) {
            // One tooltip per row, reused as the row shows other sockets.
            Tooltip tip = (Tooltip) row.getProperties().computeIfAbsent(TOOLTIP_KEY, k -> new Tooltip());
            tip.setText(mark.get().tooltip());
            row.setTooltip(tip);
        } else if (row.getTooltip() == row.getProperties().get(TOOLTIP_KEY)) {
            row.setTooltip(null);
        }
    }
}
