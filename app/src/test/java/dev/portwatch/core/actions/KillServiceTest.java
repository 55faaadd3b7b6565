package dev.portwatch.core.actions;

import dev.portwatch.model.ProcessInfo;
import dev.portwatch.os.ProcessReader;
import dev.portwatch.os.ScanException;
import dev.portwatch.os.Scanners;
import dev.portwatch.os.SocketScanner;
import dev.portwatch.testing.Children;
import dev.portwatch.testing.Children.Child;
import dev.portwatch.testing.RecordingSignals;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Kills real child servers, signalled only by their own pids, and checks the OS afterwards. */
class KillServiceTest {

    private static final SocketScanner SCANNER = Scanners.create();
    private static final ProcessReader PROCESSES = Scanners.processes();

    private final Children children = new Children();
    private final RecordingSignals signals = new RecordingSignals();
    private final KillService service = new KillService(SCANNER, PROCESSES, signals, ProcessHandle.current().pid());

    @TempDir
    Path temp;

    @AfterEach
    void cleanUp() {
        children.close();
    }

    @Test
    void gracefulKillFreesThePortAndRunsTheShutdownHook() throws Exception {
        Path marker = temp.resolve("marker");
        Child child = children.startServer("--marker", marker.toString());
        ProcessInfo holder = holderOf(child);

        KillOutcome outcome = service.kill(holder, KillOptions.GRACEFUL, KillService.Progress.NONE);

        assertThat(outcome.exited()).isTrue();
        assertThat(outcome.forced()).isFalse();
        assertThat(outcome.ports()).containsExactly(child.port());
        assertThat(outcome.stillHeld()).isEmpty();
        assertThat(outcome.sentence()).isEqualTo(child.port() + " is free now.");
        assertThat(Children.reaped(child.process())).isTrue();
        assertThat(Files.readString(marker)).isEqualTo("stopped gracefully");
        assertThat(KillService.listenersOn(SCANNER.scan(), child.port())).isEmpty();
        assertThat(signals.sent()).containsExactly("TERM " + child.pid());
    }

    @Test
    void aProcessIgnoringTermIsReportedThenForced() throws Exception {
        Path marker = temp.resolve("marker");
        Child child = children.startServer("--ignore-term", "--marker", marker.toString());
        ProcessInfo holder = holderOf(child);
        var options = new KillOptions(false, false, Duration.ofSeconds(1), false);
        List<Duration> progress = new CopyOnWriteArrayList<>();

        KillOutcome first = service.kill(holder, options, (elapsed, timeout) -> progress.add(elapsed));

        assertThat(first.exited()).isFalse();
        assertThat(first.sentence()).contains("is still running after 1 s");
        assertThat(child.process().isAlive()).isTrue();
        assertThat(progress).isNotEmpty();

        KillOutcome forced = service.kill(holder, options.forced(), KillService.Progress.NONE);

        assertThat(forced.exited()).isTrue();
        assertThat(forced.forced()).isTrue();
        assertThat(Children.reaped(child.process())).isTrue();
        assertThat(marker).doesNotExist();
        assertThat(KillService.listenersOn(SCANNER.scan(), child.port())).isEmpty();
        assertThat(signals.sent()).containsExactly("TERM " + child.pid(), "KILL " + child.pid());
    }

    @Test
    void forceAfterTimeoutStopsAProcessIgnoringTerm() throws Exception {
        Child child = children.startServer("--ignore-term");
        ProcessInfo holder = holderOf(child);

        KillOutcome outcome = service.kill(holder, new KillOptions(false, false, Duration.ofMillis(500), true),
                KillService.Progress.NONE);

        assertThat(outcome.exited()).isTrue();
        assertThat(outcome.forced()).isTrue();
        assertThat(outcome.sentence()).isEqualTo(child.port() + " is free now (forced).");
        assertThat(Children.reaped(child.process())).isTrue();
    }

    @Test
    void includingChildrenStopsTheWholeTree() throws Exception {
        Child child = children.startServer("--children", "2");
        ProcessInfo holder = holderOf(child);
        List<ProcessHandle> grandchildren = childrenOf(child, 2);

        KillOutcome outcome = service.kill(holder, new KillOptions(true, false, Duration.ofSeconds(5), false),
                KillService.Progress.NONE);

        assertThat(outcome.exited()).isTrue();
        assertThat(outcome.children()).extracting(ProcessInfo::pid)
                .containsExactlyInAnyOrderElementsOf(grandchildren.stream().map(p -> (int) p.pid()).toList());
        assertThat(grandchildren).noneMatch(ProcessHandle::isAlive);
        assertThat(Children.reaped(child.process())).isTrue();
    }

    @Test
    void refusesWhenTheStartTimeDiffersAndSendsNothing() throws Exception {
        Child child = children.startServer();
        ProcessInfo holder = holderOf(child);
        var reused = new ProcessInfo(holder.pid(), holder.name(), holder.user(), holder.commandLine(),
                holder.arguments(), holder.startTime().map(t -> t.minusSeconds(30)), holder.parentPid());

        assertThatThrownBy(() -> service.kill(reused, KillOptions.GRACEFUL, KillService.Progress.NONE))
                .isInstanceOf(ActionException.class)
                .hasMessageContaining("changed since the scan");

        assertThat(signals.sent()).isEmpty();
        assertThat(child.process().isAlive()).isTrue();
        assertThat(KillService.holders(SCANNER.scan(), child.port())).extracting(ProcessInfo::pid)
                .contains((int) child.pid());
    }

    @Test
    void aRefusedSignalReportsTheElevatedCommandAndLeavesTheProcess() throws Exception {
        Child child = children.startServer();
        ProcessInfo holder = holderOf(child);
        // Tests run as root here, so the OS's EPERM is simulated: the real signals, with TERM refused.
        var refusing = new RecordingSignals() {
            @Override
            public boolean terminate(long pid) {
                return false;
            }
        };
        var guarded = new KillService(SCANNER, PROCESSES, refusing, ProcessHandle.current().pid());

        assertThatThrownBy(() -> guarded.kill(holder, KillOptions.GRACEFUL, KillService.Progress.NONE))
                .isInstanceOf(PermissionDeniedException.class)
                .hasMessageContaining("sudo kill -TERM " + child.pid())
                .extracting(e -> ((PermissionDeniedException) e).elevatedCommand())
                .isEqualTo("sudo kill -TERM " + child.pid());

        assertThat(child.process().isAlive()).isTrue();
    }

    @Test
    void refusesPidOneWithoutSignalling() throws Exception {
        ProcessInfo init = PROCESSES.process(1).map(d -> d.info()).orElseGet(() -> ProcessInfo.pidOnly(1));

        assertThatThrownBy(() -> service.kill(init, KillOptions.GRACEFUL.forced(), KillService.Progress.NONE))
                .isInstanceOf(ActionException.class)
                .hasMessageContaining("pid 1");

        assertThat(signals.sent()).isEmpty();
        assertThat(ProcessHandle.of(1).map(ProcessHandle::isAlive)).contains(true);
    }

    @Test
    void refusesItselfWithoutSignalling() throws Exception {
        int self = (int) ProcessHandle.current().pid();
        ProcessInfo me = PROCESSES.process(self).orElseThrow().info();

        assertThatThrownBy(() -> service.kill(me, KillOptions.GRACEFUL.forced(), KillService.Progress.NONE))
                .isInstanceOf(ActionException.class)
                .hasMessageContaining("portwatch itself");

        assertThat(signals.sent()).isEmpty();
    }

    @Test
    void refusesAPidThatIsGone() throws Exception {
        Child child = children.startServer();
        ProcessInfo holder = holderOf(child);
        child.process().destroyForcibly().waitFor();

        assertThatThrownBy(() -> service.kill(holder, KillOptions.GRACEFUL, KillService.Progress.NONE))
                .isInstanceOf(ActionException.class)
                .hasMessageContaining("not running any more");
        assertThat(signals.sent()).isEmpty();
    }

    @Test
    void holdersMatchTheExactPortOnly() throws Exception {
        Child child = children.startServer();
        var snapshot = SCANNER.scan();

        assertThat(KillService.holders(snapshot, child.port())).extracting(ProcessInfo::pid)
                .containsExactly((int) child.pid());
        // The port's digits with one more in front or behind name another port, never this holder.
        for (int lookAlike : List.of(child.port() / 10, child.port() * 10 + 1)) {
            if (lookAlike <= 65_535 && lookAlike > 0) {
                assertThat(KillService.holders(snapshot, lookAlike)).extracting(ProcessInfo::pid)
                        .doesNotContain((int) child.pid());
            }
        }
    }

    @Test
    void aStoppedProcessWhoseParentNeverReapsItCountsAsExited() throws Exception {
        int port = new FreePortFinder(p -> false, SCANNER.scan()).near(45_000, 1).get(0);
        // sh starts the server in the background, then becomes `sleep`, which never waits for its children: the
        // stopped server stays a zombie, as under an init that reaps late.
        Process parent = new ProcessBuilder("sh", "-c", ShellQuoting.join(Children.serverCommand("--port",
                String.valueOf(port))) + " & exec sleep 120").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        children.adopt(parent);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !KillService.holders(SCANNER.scan(), port).isEmpty());
        ProcessInfo holder = KillService.holders(SCANNER.scan(), port).get(0);
        assertThat((long) holder.parentPid()).isEqualTo(parent.pid());

        KillOutcome outcome = service.kill(holder, KillOptions.GRACEFUL, KillService.Progress.NONE);

        assertThat(outcome.exited()).isTrue();
        assertThat(outcome.sentence()).isEqualTo(port + " is free now.");
        assertThat(PROCESSES.isRunning(holder.pid())).isFalse();
        assertThat(ProcessHandle.of(holder.pid()).map(ProcessHandle::isAlive))
                .as("the zombie is still in the process table").contains(true);
    }

    static ProcessInfo holderOf(Child child) throws ScanException {
        Optional<ProcessInfo> holder = KillService.holders(SCANNER.scan(), child.port()).stream()
                .filter(p -> p.pid() == child.pid())
                .findFirst();
        assertThat(holder).as("the scan sees pid %d on %d", child.pid(), child.port()).isPresent();
        return holder.get();
    }

    /** ChildServer starts its children before it binds, so they exist once it reports its port. */
    private static List<ProcessHandle> childrenOf(Child child, int count) {
        List<ProcessHandle> found = child.process().children().toList();
        assertThat(found).hasSize(count);
        return found;
    }
}
