package dev.portwatch.ui.actions;

import dev.portwatch.core.actions.KillOptions;
import dev.portwatch.core.actions.KillService;
import dev.portwatch.core.actions.RebindService;
import dev.portwatch.core.helper.Elevation;
import dev.portwatch.core.helper.HelperClient;
import dev.portwatch.core.helper.HelperSession;
import dev.portwatch.core.helper.RevealingScanner;
import dev.portwatch.model.Listener;
import dev.portwatch.model.Snapshot;
import dev.portwatch.os.Scanners;
import dev.portwatch.ui.tasks.UiTasks;

import java.nio.file.Files;
import java.util.Optional;

/**
 * The window's Kill flow without its controls, run as a separate process by a real normal user: Show all owners
 * (the helper through {@code sudo -n}, as the window starts it), a scan that reveals the owner of port {@code args[0]},
 * then {@link ActionsViewModel#kill} with the confirmation answered "graceful". Prints each prompt it was shown, one
 * per line, and exits 0 when the flow ran (the test checks the OS for the outcome).
 */
public final class WindowKillProbe {

    private WindowKillProbe() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        var revealing = new RevealingScanner(Scanners.create());
        try (HelperClient helper = HelperClient.start(Elevation.choose(false))) {
            revealing.reveal(helper);
            Snapshot snapshot = revealing.scan();
            Listener socket = snapshot.listeners().stream().filter(l -> l.port() == port && l.owner().isPresent())
                    .findFirst().orElseThrow(() -> new IllegalStateException("no revealed owner on " + port));
            System.out.println("row " + socket.ownerSource() + " pid " + socket.pid().orElse(0));
            var prompts = new RecordingPrompts();
            prompts.killAnswer = Optional.of(KillOptions.GRACEFUL);
            var killer = new KillService(revealing, Scanners.processes());
            var model = new ActionsViewModel(killer, new RebindService(killer, Files.createTempDirectory("probe")),
                    UiTasks.direct(), prompts, () -> snapshot, () -> { });
            model.useHelper(() -> Optional.<HelperSession>of(helper), () -> { });
            model.kill(socket);
            prompts.seen.forEach(System.out::println);
            prompts.told.forEach(t -> System.out.println("told " + t));
        }
    }
}
