package dev.portwatch.ui.tray;

import dev.portwatch.core.exposure.Exposure;
import dev.portwatch.core.service.ServiceMatch;
import dev.portwatch.model.Listener;
import dev.portwatch.model.WatchState;
import dev.portwatch.model.WatchStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The tray's state, apart from any toolkit: from the watched entries' statuses and whether scanning is paused, the
 * worst level (which picks the icon), the tooltip and the menu. A pure function, so every rule is a plain JUnit test;
 * {@link AwtTray} only draws what it returns.
 */
public final class TrayViewModel {

    /** Holders listed per watched entry before "and N more". */
    static final int MAX_HOLDERS = 3;
    /** Menu labels longer than this are cut with an ellipsis: tray menus cannot scroll sideways. */
    static final int MAX_LABEL = 120;

    private final Function<Listener, Optional<ServiceMatch>> services;

    /** @param services what runs on a socket, to tell critical exposure (a debugger on the network) */
    public TrayViewModel(Function<Listener, Optional<ServiceMatch>> services) {
        this.services = services;
    }

    /** The tray for these statuses. */
    public TrayModel model(List<WatchStatus> statuses, boolean paused) {
        TrayLevel worst = TrayLevel.FREE;
        List<TrayMenuItem> menu = new ArrayList<>();
        for (WatchStatus status : statuses) {
            TrayLevel level = level(status);
            worst = worst.worse(level);
            menu.add(TrayMenuItem.Item.of(label(status, level), new TrayCommand.ShowWatch(status.rule())));
        }
        if (statuses.isEmpty()) {
            menu.add(TrayMenuItem.Item.info("No watched ports"));
        }
        menu.add(new TrayMenuItem.Separator());
        menu.add(TrayMenuItem.Item.of("Show window", new TrayCommand.ShowWindow()));
        menu.add(TrayMenuItem.Item.of(paused ? "Resume" : "Pause", new TrayCommand.TogglePause()));
        menu.add(new TrayMenuItem.Separator());
        menu.add(TrayMenuItem.Item.of("Quit portwatch", new TrayCommand.Quit()));
        String tooltip = "portwatch: " + worst.summary() + (paused ? " (paused)" : "");
        return new TrayModel(worst, tooltip, menu);
    }

    /** One entry's level: its state, or critical when a holder is a debug endpoint reachable from the network. */
    TrayLevel level(WatchStatus status) {
        boolean critical = status.holders().stream()
                .anyMatch(holder -> Exposure.of(holder, services.apply(holder)) == Exposure.CRITICAL);
        if (critical) {
            return TrayLevel.CRITICAL;
        }
        return switch (status.state()) {
            case FREE -> TrayLevel.FREE;
            case IN_USE -> TrayLevel.IN_USE;
            case CONFLICT -> TrayLevel.CONFLICT;
        };
    }

    private static String label(WatchStatus status, TrayLevel level) {
        String rule = status.rule().ports() + "/" + status.rule().protocols().stream()
                .map(p -> p.label()).sorted().collect(Collectors.joining("+"));
        String name = status.rule().label().isBlank() ? rule : rule + " " + status.rule().label();
        String state = level == TrayLevel.CRITICAL ? "CRITICAL" : status.state().name();
        if (status.state() == WatchState.FREE) {
            return cut(name + " — free");
        }
        List<Listener> holders = status.holders();
        String who = holders.stream().limit(MAX_HOLDERS).map(TrayViewModel::holder).collect(Collectors.joining(", "));
        if (holders.size() > MAX_HOLDERS) {
            who += " and " + (holders.size() - MAX_HOLDERS) + " more";
        }
        return cut(name + " — " + state + ": " + who);
    }

    private static String holder(Listener socket) {
        String owner = socket.owner().map(p -> p.name() + " " + p.pid()).orElse("unknown process");
        return owner + " on " + socket.local();
    }

    private static String cut(String label) {
        return label.length() <= MAX_LABEL ? label : label.substring(0, MAX_LABEL - 1) + "…";
    }
}
