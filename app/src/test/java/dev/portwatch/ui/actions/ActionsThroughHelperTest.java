package dev.portwatch.ui.actions;

import dev.portwatch.core.actions.KillOptions;
import dev.portwatch.core.actions.KillService;
import dev.portwatch.core.actions.RebindService;
import dev.portwatch.core.helper.HelperRequest;
import dev.portwatch.core.helper.HelperSession;
import dev.portwatch.core.helper.InProcessHelper;
import dev.portwatch.model.Endpoint;
import dev.portwatch.model.IpVersion;
import dev.portwatch.model.Listener;
import dev.portwatch.model.ProcessInfo;
import dev.portwatch.model.Protocol;
import dev.portwatch.model.Snapshot;
import dev.portwatch.model.SocketState;
import dev.portwatch.model.SocketUser;
import dev.portwatch.os.ScanException;
import dev.portwatch.os.Scanners;
import dev.portwatch.os.SocketScanner;
import dev.portwatch.testing.Children;
import dev.portwatch.testing.Children.Child;
import dev.portwatch.testing.RecordingSignals;
import dev.portwatch.testing.Unprivileged;
import dev.portwatch.ui.tasks.UiTasks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The window's Kill and Move of another user's process (an owner the privileged helper revealed) in plain JUnit: the
 * same confirmation, then the request to the helper, which here is a real {@link dev.portwatch.core.helper
 * .HelperServer} in this JVM acting on real processes; without a helper session, the refusal that offers Show all
 * owners or the {@code --elevate} command. The sudo path itself is {@code ElevationEndToEndTest}'s.
 */
class ActionsThroughHelperTest {

    private static final SocketScanner SCANNER = Scanners.create();

    private final Children children = new Children();
    private final RecordingPrompts prompts = new RecordingPrompts();
    private final AtomicInteger rescans = new AtomicInteger();
    private final AtomicInteger showAllOwners = new AtomicInteger();
    private final RecordingSignals signals = new RecordingSignals(false, false);
    @TempDir
    Path dir;

    @AfterEach
    void stopChildren() {
        children.close();
    }

    private ActionsViewModel model(Optional<HelperSession> helper) {
        var killer = new KillService(SCANNER, Scanners.processes(), signals, ProcessHandle.current().pid());
        var model = new ActionsViewModel(killer, new RebindService(killer, dir), UiTasks.direct(), prompts,
                ActionsThroughHelperTest::scan, rescans::incrementAndGet);
        model.useHelper(() -> helper, showAllOwners::incrementAndGet);
        return model;
    }

    private static Snapshot scan() {
        try {
            return SCANNER.scan();
        } catch (ScanException e) {
            throw new AssertionError(e);
        }
    }

    /** The child's socket as a normal user's window shows it after Show all owners: its owner from the helper. */
    private static Listener revealed(Child child) {
        Listener seen = scan().listeners().stream()
                .filter(l -> l.port() == child.port() && l.pid().orElse(0) == child.pid())
                .findFirst().orElseThrow(() -> new AssertionError("no socket of pid " + child.pid()));
        return seen.withRevealedOwner(seen.owner().orElseThrow());
    }

    private static long started(Listener socket) {
        return socket.owner().orElseThrow().startTime().orElseThrow().toEpochMilli();
    }

    @Test
    void killOfARevealedOwnerAsksTheSameThenGoesThroughTheHelperWithItsChildren() throws Exception {
        Child child = children.startServer("--children", "1");
        long grandchild = ProcessHandle.of(child.pid()).orElseThrow().children().findFirst().orElseThrow().pid();
        var helper = new InProcessHelper(SCANNER, dir);
        Listener socket = revealed(child);
        // The dialog's timeout travels in the request: 7 s, not the helper's own default.
        prompts.killAnswer = Optional.of(new KillOptions(true, false, Duration.ofSeconds(7), false));

        model(Optional.of(helper)).kill(socket);

        assertThat(prompts.first("confirmKill " + child.pid())).isPresent();
        assertThat(helper.requests()).containsExactly(
                new HelperRequest.StopProcess((int) child.pid(), started(socket), child.port(), false, true,
                        7_000));
        // The window sent no signal itself; the helper stopped the process and its child: the OS says so.
        assertThat(signals.sent()).isEmpty();
        assertThat(Children.reaped(child.process())).isTrue();
        assertThat(Children.awaitExit(grandchild, Duration.ofSeconds(10))).isTrue();
        assertThat(Files.exists(Path.of("/proc", String.valueOf(child.pid())))).isFalse();
        assertThat(prompts.first("inform INFO")).isPresent();
        assertThat(prompts.told).anyMatch(t -> t.contains(child.port() + " is free now"));
        assertThat(rescans).hasValue(1);
    }

    @Test
    void aRevealedOwnerThatIgnoresTermIsOfferedForceAndTheHelperForcesIt() throws Exception {
        Child child = children.startServer("--ignore-term");
        var helper = new InProcessHelper(SCANNER, dir);
        Listener socket = revealed(child);
        prompts.killAnswer = Optional.of(KillOptions.GRACEFUL);
        prompts.forceAnswer = true;

        model(Optional.of(helper)).kill(socket);

        assertThat(prompts.first("offerForce " + child.pid())).isPresent();
        assertThat(helper.requests()).extracting(r -> ((HelperRequest.StopProcess) r).force())
                .containsExactly(false, true);
        assertThat(Children.reaped(child.process())).isTrue();
        assertThat(signals.sent()).isEmpty();
    }

    @Test
    void theHelpersRefusalIsShownAndNothingIsStopped() throws Exception {
        Child child = children.startServer();
        var helper = new InProcessHelper(SCANNER, dir);
        Listener seen = revealed(child);
        // The start time the window saw is not the running process's: as if the pid had been reused.
        ProcessInfo owner = seen.owner().orElseThrow();
        Listener stale = seen.withRevealedOwner(new ProcessInfo(owner.pid(), owner.name(), owner.user(),
                owner.commandLine(), owner.arguments(), owner.startTime().map(t -> t.minusSeconds(60)),
                owner.parentPid()));
        prompts.killAnswer = Optional.of(KillOptions.GRACEFUL);

        model(Optional.of(helper)).kill(stale);

        assertThat(helper.requests()).hasSize(1);
        assertThat(prompts.first("inform WARNING")).hasValueSatisfying(s -> assertThat(s).endsWith("not stopped"));
        assertThat(prompts.told).anyMatch(t -> t.contains("start time differs"));
        assertThat(child.process().isAlive()).isTrue();
    }

    @Test
    void withoutAHelperSessionTheRefusalOffersShowAllOwnersOrTheCommand() throws Exception {
        Child child = children.startServer();
        Listener socket = revealed(child);
        prompts.killAnswer = Optional.of(KillOptions.GRACEFUL);
        ActionsViewModel model = model(Optional.empty());

        prompts.elevationAnswer = ActionPrompts.ElevationChoice.SHOW_ALL_OWNERS;
        model.kill(socket);
        assertThat(showAllOwners).hasValue(1);

        prompts.elevationAnswer = ActionPrompts.ElevationChoice.COPY_COMMAND;
        model.kill(socket);
        assertThat(prompts.copied).containsExactly("portwatch kill --pid " + child.pid() + " --elevate");

        // A hidden owner (no Show all owners yet): the refusal names its user and the command by port.
        var hidden = new Listener(Protocol.TCP, IpVersion.V4, new Endpoint("127.0.0.1", child.port()),
                Optional.empty(), SocketState.LISTEN, Optional.empty(), Optional.of(new SocketUser(0, "root")));
        model.kill(hidden);
        model.rebind(hidden);
        assertThat(prompts.seen).contains("offerElevation Can't stop the holder of " + child.port()
                        + " [portwatch kill " + child.port() + " --elevate]",
                "offerElevation Can't move the holder of " + child.port() + " [portwatch rebind " + child.port()
                        + " --elevate]");
        assertThat(showAllOwners).hasValue(1);
        assertThat(signals.sent()).isEmpty();
        assertThat(child.process().isAlive()).isTrue();
    }

    @Test
    void aRefusedSignalOfAVisibleOwnerGoesThroughTheHelperWhenOneRuns() throws Exception {
        Child child = children.startServer();
        var helper = new InProcessHelper(SCANNER, dir);
        Listener socket = scan().listeners().stream()
                .filter(l -> l.port() == child.port() && l.pid().orElse(0) == child.pid()).findFirst().orElseThrow();
        prompts.killAnswer = Optional.of(KillOptions.GRACEFUL);
        var killer = new KillService(SCANNER, Scanners.processes(), new RecordingSignals(false, true),
                ProcessHandle.current().pid());
        var model = new ActionsViewModel(killer, new RebindService(killer, dir), UiTasks.direct(), prompts,
                ActionsThroughHelperTest::scan, rescans::incrementAndGet);
        model.useHelper(() -> Optional.of(helper), showAllOwners::incrementAndGet);

        // The OS refuses this user's TERM (simulated: tests run as root); the helper's is not refused.
        model.kill(socket);

        assertThat(helper.requests()).hasSize(1);
        assertThat(Children.reaped(child.process())).isTrue();
        assertThat(prompts.first("offerElevation")).isEmpty();
    }

    @Test
    void moveOfARevealedOwnerGoesThroughTheHelperAndRunsAsItsOwner() throws Exception {
        assumeTrue(Unprivileged.available(), "needs root and setpriv to start another user's server");
        int oldPort = Children.freeLoopbackPort();
        Child theirs = children.startServerAsNobody("--port", String.valueOf(oldPort));
        var helper = new InProcessHelper(SCANNER, dir);
        Listener socket = revealed(theirs);
        ActionsViewModel model = model(Optional.of(helper));

        // A typed port that is not one: nothing is asked of the helper.
        prompts.elevatedMoveAnswer = Optional.of("70000");
        model.rebind(socket);
        assertThat(prompts.first("inform WARNING Not a new port")).isPresent();
        assertThat(helper.requests()).isEmpty();

        int newPort = Children.freeLoopbackPort();
        prompts.elevatedMoveAnswer = Optional.of(" " + newPort + " ");
        Optional<Long> moved = Optional.empty();
        try {
            model.rebind(socket);
            assertThat(prompts.first("confirmElevatedMove " + theirs.pid() + " " + oldPort + "->")).isPresent();
            assertThat(helper.requests()).containsExactly(
                    new HelperRequest.MoveHolder((int) theirs.pid(), started(socket), oldPort, newPort));
            assertThat(prompts.first("inform INFO Moved to " + newPort)).as(prompts.told.toString()).isPresent();
            List<ProcessInfo> holders = KillService.holders(scan(), newPort);
            assertThat(holders).hasSize(1);
            moved = Optional.of((long) holders.get(0).pid());
            // The OS afterwards: the new server runs as the old one's user, never as root.
            String status = Files.readString(Path.of("/proc", String.valueOf(moved.get()), "status"));
            assertThat(status).containsPattern("(?m)^Uid:\\s+" + Unprivileged.uid() + "\\s");
            assertThat(Children.awaitExit(theirs.pid(), Duration.ofSeconds(10))).isTrue();
            assertThat(signals.sent()).isEmpty();
        } finally {
            // The moved server runs detached in its own session: this test started it, so it stops it, by pid.
            moved.flatMap(ProcessHandle::of).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void moveWithoutAHelperSessionOffersTheRebindCommand() throws Exception {
        Child child = children.startServer();
        Listener socket = revealed(child);
        prompts.elevationAnswer = ActionPrompts.ElevationChoice.COPY_COMMAND;

        model(Optional.empty()).rebind(socket);

        assertThat(prompts.copied).containsExactly("portwatch rebind " + child.port() + " --elevate");
        assertThat(prompts.first("confirmElevatedMove")).isEmpty();
        assertThat(child.process().isAlive()).isTrue();
    }
}
