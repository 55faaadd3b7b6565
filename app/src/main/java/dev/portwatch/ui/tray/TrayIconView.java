package dev.portwatch.ui.tray;

/** Where a {@link TrayModel} is drawn: the desktop's tray ({@link AwtTray}), or a recording fake in tests. */
public interface TrayIconView extends AutoCloseable {

    /** Shows a model; any thread, returns at once. */
    void show(TrayModel model);

    /** Removes the icon; any thread, returns at once. */
    @Override
    void close();
}
