package dev.portwatch.ui.tray;


import java.awt.AWTException;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Dimension;
import java.awt.EventQueue;
import java.awt.Graphics2D;
import java.awt.GraphicsEnvironment;
import java.awt.Image;
import java.awt.MenuItem;
import java.awt.PopupMenu;
import java.awt.RenderingHints;
import java.awt.SystemTray;
import java.awt.TrayIcon;
import java.awt.image.BufferedImage;
import java.lang.reflect.InvocationTargetException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The thin AWT side of the tray: draws a {@link TrayModel} as an AWT {@link TrayIcon} with a popup menu. Everything
 * AWT runs on AWT's event thread, reached from portwatch's own "portwatch-tray" thread; no method blocks its
 * caller, so the JavaFX thread never waits for AWT (loading AWT alone takes a few hundred milliseconds).
 *
 * <p>AWT's tray is the XEmbed system tray on Linux (Xfce, MATE, Cinnamon, LXQt, KDE Plasma through its XEmbed
 * bridge; GNOME only with an AppIndicator/KStatusNotifierItem extension that also hosts XEmbed icons), the
 * notification area on Windows and the menu bar on macOS. Where there is none, {@link #open} completes empty and
 * portwatch works without a tray.
 */
public final class AwtTray implements TrayIconView {

    private static final Logger LOG = Logger.getLogger(AwtTray.class.getName());
    /** How long to keep looking for a tray that is not there yet (a panel starting after portwatch at login). */
    private static final Duration TRAY_WAIT = Duration.ofMinutes(2);
    private static final Duration TRAY_RETRY = Duration.ofSeconds(5);

    private final Consumer<TrayCommand> onCommand;
    private final Map<TrayLevel, Image> images = new EnumMap<>(TrayLevel.class);
    /** AWT event thread only. */
    private TrayIcon icon;
    /** AWT event thread only. */
    private TrayModel shown;

    private AwtTray(Consumer<TrayCommand> onCommand) {
        this.onCommand = onCommand;
    }

    /**
     * Adds portwatch's icon to the desktop's tray, looking for it on {@code search}.
     *
     * @param onCommand receives the menu's commands, on AWT's event thread: hand them to the JavaFX thread
     * @param search    the thread that looks for the tray; owned by the caller, idle once this completes
     * @return completes with the tray as soon as there is one (looking again every 5 s for 2 minutes, since a panel
     *         may start after portwatch at login), or empty when there is none by then or no display (logged)
     */
    public static CompletableFuture<Optional<AwtTray>> open(Consumer<TrayCommand> onCommand,
                                                            ScheduledExecutorService search) {
        CompletableFuture<Optional<AwtTray>> opened = new CompletableFuture<>();
        if (GraphicsEnvironment.isHeadless()) {
            LOG.info("No display (headless AWT); portwatch runs without a tray icon.");
            opened.complete(Optional.empty());
            return opened;
        }
        // At login portwatch may start before the panel that hosts the tray: look again for a while.
        long deadline = System.nanoTime() + TRAY_WAIT.toNanos();
        search.execute(new Runnable() {
            private boolean logged;

            @Override
            public void run() {
                if (SystemTray.isSupported()) {
                    opened.complete(add(onCommand));
                } else if (System.nanoTime() - deadline < 0) {
                    if (!logged) {
                        logged = true;
                        LOG.info("This desktop has no system tray (no XEmbed tray host) yet; looking again for "
                                + TRAY_WAIT.toSeconds() + " s, portwatch works without one.");
                    }
                    search.schedule(this, TRAY_RETRY.toMillis(), TimeUnit.MILLISECONDS);
                } else {
                    LOG.info("This desktop has no system tray (no XEmbed tray host); portwatch runs without a tray "
                            + "icon.");
                    opened.complete(Optional.empty());
                }
            }
        });
        return opened;
    }

    private static Optional<AwtTray> add(Consumer<TrayCommand> onCommand) {
        var tray = new AwtTray(onCommand);
        try {
            EventQueue.invokeAndWait(tray::add);
        } catch (InvocationTargetException e) {
            LOG.log(Level.INFO, "The system tray refused portwatch's icon; portwatch runs without one.", e.getCause());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
        return Optional.of(tray);
    }

    /** Shows a model; does nothing when it equals the one shown. Any thread; returns at once. */
    @Override
    public void show(TrayModel model) {
        EventQueue.invokeLater(() -> {
            if (icon == null || model.equals(shown)) {
                return;
            }
            if (shown == null || shown.level() != model.level()) {
                icon.setImage(image(model.level()));
            }
            icon.setToolTip(model.tooltip());
            if (shown == null || !shown.menu().equals(model.menu())) {
                icon.setPopupMenu(menu(model));
            }
            shown = model;
        });
    }

    /** Removes the icon. Any thread; returns at once. */
    @Override
    public void close() {
        EventQueue.invokeLater(() -> {
            if (icon != null) {
                SystemTray.getSystemTray().remove(icon);
                icon = null;
            }
        });
    }

    private void add() {
        var trayIcon = new TrayIcon(image(TrayLevel.FREE), "portwatch");
        trayIcon.setImageAutoSize(true);
        // A click (or double click, depending on the desktop) on the icon itself shows the window.
        trayIcon.addActionListener(e -> onCommand.accept(new TrayCommand.ShowWindow()));
        try {
            SystemTray.getSystemTray().add(trayIcon);
        } catch (AWTException e) {
            throw new IllegalStateException("no tray: " + e.getMessage(), e);
        }
        icon = trayIcon;
    }

    private PopupMenu menu(TrayModel model) {
        var menu = new PopupMenu();
        for (TrayMenuItem entry : model.menu()) {
            if (entry instanceof TrayMenuItem.Item item) {
                var menuItem = new MenuItem(item.label());
                item.command().ifPresentOrElse(
                        command -> menuItem.addActionListener(e -> onCommand.accept(command)),
                        () -> menuItem.setEnabled(false));
                menu.add(menuItem);
            } else {
                menu.addSeparator();
            }
        }
        return menu;
    }

    /** A round "port" in the level's colour: a ring with a dot, drawn at the tray's own icon size. */
    private Image image(TrayLevel level) {
        return images.computeIfAbsent(level, l -> {
            Dimension size = SystemTray.getSystemTray().getTrayIconSize();
            int side = Math.max(16, Math.min(size.width, size.height));
            var image = new BufferedImage(side, side, BufferedImage.TYPE_INT_ARGB);
            Graphics2D g = image.createGraphics();
            try {
                g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
                var colour = new Color(l.rgb());
                float ring = side / 7f;
                g.setColor(colour);
                g.setStroke(new BasicStroke(ring));
                int inset = Math.round(ring / 2) + 1;
                g.drawOval(inset, inset, side - 2 * inset - 1, side - 2 * inset - 1);
                int dot = side / 3;
                g.fillOval((side - dot) / 2, (side - dot) / 2, dot, dot);
            } finally {
                g.dispose();
            }
            return image;
        });
    }
}
