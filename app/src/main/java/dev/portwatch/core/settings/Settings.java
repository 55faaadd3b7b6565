package dev.portwatch.core.settings;

import dev.portwatch.model.PortRange;
import dev.portwatch.model.WatchRule;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What portwatch remembers between runs. Immutable; change it with the {@code with...} copies.
 *
 * @param watchRules         the saved watch list (entries given with {@code --watch} are not saved)
 * @param filterText         the table's filter text
 * @param pollInterval       time between scans
 * @param windowWidth        the window's width in pixels, positive
 * @param windowHeight       the window's height in pixels, positive
 * @param columns            the table's columns in display order; empty means "as built"
 * @param notificationsMuted true when watch notifications are muted
 * @param desktop            theme and tray behaviour
 * @param hosts              remote hosts shown in the window, in tab order, each with its own watch list
 */
public record Settings(List<WatchRule> watchRules, String filterText, Duration pollInterval, double windowWidth,
                       double windowHeight, List<ColumnLayout> columns, boolean notificationsMuted,
                       DesktopPrefs desktop, List<SavedHost> hosts) {

    /** The port watched on first start. */
    public static final int DEFAULT_WATCHED_PORT = 62_893;

    /** Validates the fields and copies the lists. */
    public Settings {
        watchRules = List.copyOf(watchRules);
        Objects.requireNonNull(filterText, "filterText");
        Objects.requireNonNull(pollInterval, "pollInterval");
        if (!(windowWidth > 0) || !(windowHeight > 0)) {
            throw new IllegalArgumentException("window size must be positive: " + windowWidth + "x" + windowHeight);
        }
        columns = List.copyOf(columns);
        Objects.requireNonNull(desktop, "desktop");
        hosts = List.copyOf(hosts);
    }

    /** First-start settings: port 62893 watched, no filter, one scan a second, a 1360×840 window, no hosts. */
    public static Settings defaults() {
        return new Settings(List.of(WatchRule.tcp(PortRange.of(DEFAULT_WATCHED_PORT))), "", Duration.ofSeconds(1),
                1360, 840, List.of(), false, DesktopPrefs.defaults(), List.of());
    }

    /** A copy with another watch list. */
    public Settings withWatchRules(List<WatchRule> rules) {
        return new Settings(rules, filterText, pollInterval, windowWidth, windowHeight, columns, notificationsMuted,
                desktop, hosts);
    }

    /** A copy with the view's state: filter, interval, window size and columns. */
    public Settings withView(String filter, Duration interval, double width, double height,
                             List<ColumnLayout> layout) {
        return new Settings(watchRules, filter, interval, width, height, layout, notificationsMuted, desktop, hosts);
    }

    /** A copy with notifications muted or not. */
    public Settings withNotificationsMuted(boolean muted) {
        return new Settings(watchRules, filterText, pollInterval, windowWidth, windowHeight, columns, muted, desktop,
                hosts);
    }

    /** A copy with other desktop preferences (theme, tray). */
    public Settings withDesktop(DesktopPrefs prefs) {
        return new Settings(watchRules, filterText, pollInterval, windowWidth, windowHeight, columns,
                notificationsMuted, prefs, hosts);
    }

    /** A copy with another list of remote hosts. */
    public Settings withHosts(List<SavedHost> list) {
        return new Settings(watchRules, filterText, pollInterval, windowWidth, windowHeight, columns,
                notificationsMuted, desktop, list);
    }
}
