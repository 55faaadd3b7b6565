package dev.portwatch.ui.vm;

import dev.portwatch.core.ListenerFilter;
import dev.portwatch.core.remote.HostStatus;
import dev.portwatch.core.remote.SshConnector;
import dev.portwatch.core.remote.SshDestination;
import dev.portwatch.model.Listener;
import dev.portwatch.testing.Children;
import dev.portwatch.testing.SshTestHost;
import dev.portwatch.ui.tasks.UiTasks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A remote host's table and its actions against a real sshd in a network namespace, without a toolkit: the view
 * model's "FX thread" is its scan thread, so the test reads it there.
 */
class HostViewModelSshTest {

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorService readers = Executors.newCachedThreadPool();
    private final Children children = new Children();
    private SshTestHost host;
    private SshConnector connector;
    private HostViewModel model;

    @BeforeEach
    void start() throws Exception {
        host = SshTestHost.start();
        connector = new SshConnector(Optional.of(host.clientConfig()), readers);
    }

    @AfterEach
    void stop() {
        if (model != null) {
            model.close();
        }
        executor.shutdownNow();
        readers.shutdownNow();
        children.close();
        if (host != null) {
            host.close();
        }
    }

    private <T> T onScanThread(Callable<T> read) throws Exception {
        return executor.submit(read).get(10, TimeUnit.SECONDS);
    }

    private void await(String what, BooleanSupplier condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!onScanThread(condition::getAsBoolean)) {
            assertThat(System.nanoTime()).as("waited 60 s for " + what).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private boolean shows(int port) {
        return model.table().visibleRows().stream().anyMatch(r -> r.getListener().port() == port);
    }

    @Test
    void oneSessionStreamsTheHostsSocketsAndADropKeepsTheGreyedTableThenReconnects() throws Exception {
        int port = ThreadLocalRandom.current().nextInt(20_000, 60_000);
        Process server = host.startServerInside(children, port);
        model = new HostViewModel(SshDestination.parse(SshTestHost.HOST), connector, executor, readers,
                UiTasks.direct(), Clock.systemUTC(), Duration.ofMillis(200), ZoneOffset.UTC);
        // Every row the host sends, as the table holds them before the view's filter narrows them.
        model.table().filterProperty().set(ListenerFilter.DEFAULT.withAllAddresses(true).withConnections(true));
        model.table().setInterval(Duration.ofMillis(500));
        model.table().start();

        await("the namespace's socket", () -> shows(port));
        assertThat(onScanThread(() -> model.statusProperty().get().state())).isEqualTo(HostStatus.State.UP);
        Instant first = onScanThread(() -> model.table().snapshotProperty().get().takenAt());
        await("three more scans", () -> model.table().snapshotProperty().get().takenAt()
                .isAfter(first.plusMillis(1200)));
        assertThat(model.sessionsOpened()).as("one SSH session for every scan").isEqualTo(1);

        host.dropEverythingBut(server.pid());

        await("the host to be down", () -> model.offlineProperty().get());
        assertThat(onScanThread(() -> shows(port))).as("the last table stays").isTrue();
        assertThat(onScanThread(() -> model.reachabilityProperty().get()))
                .matches(SshTestHost.HOST + ": down since \\d\\d:\\d\\d:\\d\\d \u00b7 next try \\d\\d:\\d\\d:\\d\\d");
        List<String> reasonAndError = onScanThread(() -> List.of(model.statusProperty().get().reason().orElseThrow(),
                model.table().lastErrorProperty().get()));
        assertThat(reasonAndError.get(0)).contains(SshTestHost.HOST + " over SSH");
        assertThat(reasonAndError.get(1)).as("the status bar's left says why").isEqualTo(reasonAndError.get(0));

        host.restartSshd();

        await("the host to be back", () -> model.statusProperty().get().state() == HostStatus.State.UP);
        assertThat(onScanThread(() -> model.offlineProperty().get())).isFalse();
        assertThat(model.sessionsOpened()).isGreaterThanOrEqualTo(2);
    }

    /** Answers the remote portwatch's questions and records what it showed. */
    private static final class RecordingDialogs implements RemoteActionFlow.Dialogs {
        final List<String> asked = new ArrayList<>();
        final List<String> results = new ArrayList<>();
        boolean answer;
        Optional<Integer> port = Optional.empty();
        OptionalInt suggested;

        @Override
        public boolean confirm(String title, String transcript, String question) {
            asked.add(title + "|" + transcript + "|" + question);
            return answer;
        }

        @Override
        public Optional<Integer> choosePort(String title, int current, OptionalInt suggestion) {
            suggested = suggestion;
            return port;
        }

        @Override
        public void showResult(String title, boolean success, String transcript) {
            results.add(success + "|" + transcript);
        }
    }

    @Test
    void killAsksWithTheRemoteDescriptionAndTheRemoteGuardsApply() throws Exception {
        Process server = host.startServerInside(children, ThreadLocalRandom.current().nextInt(20_000, 60_000));
        var dialogs = new RecordingDialogs();
        var flow = new RemoteActionFlow(SshDestination.parse(SshTestHost.HOST), connector, dialogs, () -> { });
        Listener row = remoteRow(server.pid());

        dialogs.answer = false;
        assertThat(flow.kill(row)).isEqualTo(1);
        assertThat(dialogs.asked).singleElement().asString()
                .startsWith("Kill on " + SshTestHost.HOST + "|java (pid " + server.pid() + ")")
                .contains("command: ").endsWith("|Stop java (pid " + server.pid() + ")?");
        assertThat(server.isAlive()).isTrue();

        dialogs.answer = true;
        assertThat(flow.kill(row)).isZero();
        assertThat(Children.reaped(server)).isTrue();
        assertThat(dialogs.results).last().asString().startsWith("true|").contains("is free now");
    }

    @Test
    void moveSuggestsTheHostsFreePortAndRunsRebindThere() throws Exception {
        int port = ThreadLocalRandom.current().nextInt(20_000, 60_000);
        Process server = host.startServerInside(children, port);
        var dialogs = new RecordingDialogs();
        var flow = new RemoteActionFlow(SshDestination.parse(SshTestHost.HOST), connector, dialogs, () -> { });
        dialogs.answer = true;
        dialogs.port = Optional.of(port + 7);

        assertThat(flow.move(remoteRow(server.pid(), port))).as(dialogs.results.toString()).isZero();

        assertThat(dialogs.suggested).hasValue(port + 1);
        assertThat(dialogs.asked).singleElement().asString().contains("--port " + (port + 7))
                .endsWith("and start it on " + (port + 7) + "?");
        assertThat(Children.reaped(server)).isTrue();
        assertThat(dialogs.results).singleElement().asString().startsWith("true|").contains("new pid: ");
    }

    private Listener remoteRow(long pid) throws Exception {
        return remoteRow(pid, -1);
    }

    /** The row the host's table shows for the process, read through the remote protocol like the window does. */
    private Listener remoteRow(long pid, int port) throws Exception {
        model = new HostViewModel(SshDestination.parse(SshTestHost.HOST), connector, executor, readers,
                UiTasks.direct(), Clock.systemUTC(), Duration.ofMillis(200), ZoneOffset.UTC);
        // Every row the host sends, as the table holds them before the view's filter narrows them.
        model.table().filterProperty().set(ListenerFilter.DEFAULT.withAllAddresses(true).withConnections(true));
        model.table().start();
        await("the server's row", () -> model.table().visibleRows().stream().anyMatch(r -> r.getListener().pid()
                .orElse(0) == pid && (port < 0 || r.getListener().port() == port)));
        return onScanThread(() -> model.table().visibleRows().stream().map(ListenerRow::getListener)
                .filter(l -> l.pid().orElse(0) == pid).findFirst().orElseThrow());
    }
}
