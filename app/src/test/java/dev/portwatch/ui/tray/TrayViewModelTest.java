package dev.portwatch.ui.tray;

import dev.portwatch.core.service.ServiceIdentifier;
import dev.portwatch.model.ConflictKind;
import dev.portwatch.model.Endpoint;
import dev.portwatch.model.IpVersion;
import dev.portwatch.model.Listener;
import dev.portwatch.model.PortRange;
import dev.portwatch.model.ProcessInfo;
import dev.portwatch.model.Protocol;
import dev.portwatch.model.SocketState;
import dev.portwatch.model.WatchRule;
import dev.portwatch.model.WatchState;
import dev.portwatch.model.WatchStatus;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class TrayViewModelTest {

    private static final String JDWP = "java -agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=*:5005 Main";

    private final TrayViewModel tray = new TrayViewModel(ServiceIdentifier.standard()::identify);

    private static Listener socket(String address, int port, int pid, String command) {
        var owner = new ProcessInfo(pid, command.split(" ")[0], "dev", command, Arrays.asList(command.split(" ")),
                Optional.empty(), 1);
        return new Listener(Protocol.TCP, address.contains(":") ? IpVersion.V6 : IpVersion.V4,
                new Endpoint(address, port), Optional.empty(), SocketState.LISTEN, Optional.of(owner));
    }

    private static WatchStatus status(int port, WatchState state, Listener... holders) {
        return new WatchStatus(new WatchRule(PortRange.of(port), "", "", Set.of(Protocol.TCP)), state,
                false, List.of("because"), List.of(holders),
                state == WatchState.CONFLICT ? Set.of(ConflictKind.SPLIT_LOCALHOST) : Set.of());
    }

    private static List<String> labels(TrayModel model) {
        return model.menu().stream().map(i -> i instanceof TrayMenuItem.Item item ? item.label() : "---").toList();
    }

    @Test
    void nothingWatchedIsFreeWithTheFixedItems() {
        TrayModel model = tray.model(List.of(), false);

        assertThat(model.level()).isEqualTo(TrayLevel.FREE);
        assertThat(labels(model)).containsExactly("No watched ports", "---", "Show window", "Pause", "---",
                "Quit portwatch");
        assertThat(model.menu().get(0)).isEqualTo(TrayMenuItem.Item.info("No watched ports"));
        assertThat(model.tooltip()).isEqualTo("portwatch: all watched ports free");
    }

    @Test
    void theIconShowsTheWorstStateAmongTheWatchedPorts() {
        WatchStatus free = status(3000, WatchState.FREE);
        WatchStatus inUse = status(8080, WatchState.IN_USE, socket("127.0.0.1", 8080, 10, "python3 -m http.server"));
        WatchStatus conflict = status(62893, WatchState.CONFLICT, socket("127.0.0.1", 62893, 11, "java Main"),
                socket("::1", 62893, 12, "python3 x.py"));
        WatchStatus critical = status(5005, WatchState.IN_USE, socket("0.0.0.0", 5005, 13, JDWP));

        assertThat(tray.model(List.of(free), false).level()).isEqualTo(TrayLevel.FREE);
        assertThat(tray.model(List.of(free, inUse), false).level()).isEqualTo(TrayLevel.IN_USE);
        assertThat(tray.model(List.of(inUse, conflict, free), false).level()).isEqualTo(TrayLevel.CONFLICT);
        assertThat(tray.model(List.of(conflict, critical, inUse), false).level()).isEqualTo(TrayLevel.CRITICAL);
        // The same debugger on loopback is only in use.
        WatchStatus loopbackDebugger = status(5005, WatchState.IN_USE, socket("127.0.0.1", 5005, 13, JDWP));
        assertThat(tray.model(List.of(loopbackDebugger), false).level()).isEqualTo(TrayLevel.IN_USE);
        assertThat(tray.model(List.of(critical), false).tooltip())
                .isEqualTo("portwatch: critical exposure on a watched port");
    }

    @Test
    void eachWatchedPortIsAnItemNamingItsHoldersThatShowsIt() {
        WatchStatus conflict = status(62893, WatchState.CONFLICT, socket("127.0.0.1", 62893, 11, "java Main"),
                socket("::1", 62893, 12, "python3 x.py"));
        WatchStatus free = status(3000, WatchState.FREE);

        TrayModel model = tray.model(List.of(conflict, free), false);

        assertThat(labels(model)).startsWith(
                "62893/tcp — CONFLICT: java 11 on 127.0.0.1:62893, python3 12 on [::1]:62893", "3000/tcp — free");
        assertThat(model.menu().get(0)).isEqualTo(TrayMenuItem.Item.of(labels(model).get(0),
                new TrayCommand.ShowWatch(conflict.rule())));
    }

    @Test
    void manyHoldersAreCutAndLongLabelsEndInAnEllipsis() {
        Listener[] holders = new Listener[5];
        for (int i = 0; i < holders.length; i++) {
            holders[i] = socket("127.0.0." + (i + 1), 9000, 100 + i, "averyveryveryverylongprocessname" + i);
        }
        String label = labels(tray.model(List.of(status(9000, WatchState.CONFLICT, holders)), false)).get(0);

        assertThat(label).hasSize(TrayViewModel.MAX_LABEL).endsWith("…");
        String three = labels(tray.model(List.of(status(9000, WatchState.CONFLICT, socket("127.0.0.1", 9000, 1, "a"),
                socket("127.0.0.2", 9000, 2, "b"), socket("127.0.0.3", 9000, 3, "c"),
                socket("127.0.0.4", 9000, 4, "d"))), false)).get(0);
        assertThat(three).endsWith("c 3 on 127.0.0.3:9000 and 1 more");
    }

    @Test
    void pausedOffersResumeAndSaysSo() {
        TrayModel paused = tray.model(List.of(), true);

        assertThat(labels(paused)).contains("Resume").doesNotContain("Pause");
        assertThat(paused.tooltip()).endsWith("(paused)");
        assertThat(paused).isNotEqualTo(tray.model(List.of(), false));
        // Equal inputs give equal models, so the adapter leaves the tray alone between identical scans.
        assertThat(paused).isEqualTo(tray.model(List.of(), true));
    }
}
