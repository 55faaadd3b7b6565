package dev.portwatch.ui.actions;

import dev.portwatch.core.actions.KillOptions;
import dev.portwatch.core.actions.KillService;
import dev.portwatch.core.actions.RebindService;
import dev.portwatch.core.actions.Signals;
import dev.portwatch.model.Endpoint;
import dev.portwatch.model.IpVersion;
import dev.portwatch.model.Listener;
import dev.portwatch.model.ProcessInfo;
import dev.portwatch.model.Protocol;
import dev.portwatch.model.Snapshot;
import dev.portwatch.model.SocketState;
import dev.portwatch.os.ScanException;
import dev.portwatch.os.Scanners;
import dev.portwatch.os.SocketScanner;
import dev.portwatch.testing.Children;
import dev.portwatch.testing.Children.Child;
import dev.portwatch.testing.RecordingSignals;
import dev.portwatch.ui.tasks.UiTasks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every branch of the kill, move and free-port flows in plain JUnit: no toolkit, both halves of each task on this
 * thread, the dialogs a recording fake. The processes are real children and the OS is checked afterwards.
 */
class ActionsViewModelTest {

    private static final SocketScanner SCANNER = Scanners.create();
    private static final Duration SHORT = Duration.ofMillis(300);

    private final Children children = new Children();
    private final RecordingPrompts prompts = new RecordingPrompts();
    private final AtomicInteger rescans = new AtomicInteger();
    private RecordingSignals signals;
    @TempDir
    Path logs;

    @AfterEach
    void stopChildren() {
        children.close();
    }

    /** The real signals, recording each; {@code ignoreTerm} pretends TERM went out but sends nothing. */
    private Signals signals(boolean ignoreTerm, boolean refuseTerm) {
        signals = new RecordingSignals(ignoreTerm, refuseTerm);
        return signals;
    }

    private ActionsViewModel model(Signals signals) {
        var killer = new KillService(SCANNER, Scanners.processes(), signals, ProcessHandle.current().pid());
        return new ActionsViewModel(killer, new RebindService(killer, logs), UiTasks.direct(), prompts,
                ActionsViewModelTest::scan, rescans::incrementAndGet);
    }

    private static Snapshot scan() {
        try {
            return SCANNER.scan();
        } catch (ScanException e) {
            throw new AssertionError(e);
        }
    }

    private static Listener socketOf(Child child) {
        return scan().listeners().stream()
                .filter(l -> l.port() == child.port() && l.pid().orElse(0) == child.pid())
                .findFirst().orElseThrow(() -> new AssertionError("no socket of pid " + child.pid()));
    }

    @Test
    void killAndMoveApplyToKnownOwnersAndToHiddenListenersButNotToOwnerlessClosingSockets() {
        var hidden = new Listener(Protocol.TCP, IpVersion.V4, new Endpoint("0.0.0.0", 2024), Optional.empty(),
                SocketState.LISTEN, Optional.empty());
        var closing = new Listener(Protocol.TCP, IpVersion.V4, new Endpoint("127.0.0.1", 2025),
                Optional.of(new Endpoint("127.0.0.1", 40000)), SocketState.TIME_WAIT, Optional.empty());
        var owned = new Listener(Protocol.TCP, IpVersion.V4, new Endpoint("127.0.0.1", 3000), Optional.empty(),
                SocketState.LISTEN, Optional.of(ProcessInfo.pidOnly(4242)));
        ActionsViewModel model = model(Signals.processHandles());

        assertThat(model.actions()).extracting(PortAction::id).containsExactly("kill", "move", "closeConnections",
                "disconnectDebugger");
        assertThat(model.actions().subList(0, 2)).allMatch(a -> a.enabledFor().test(owned)
                && a.enabledFor().test(hidden) && !a.enabledFor().test(closing));

        // A hidden owner can't be acted on here: the refusal names the command that can.
        model.kill(hidden);
        assertThat(prompts.seen).containsExactly("offerElevation Can't stop the holder of 2024 "
                + "[portwatch kill 2024 --elevate]");
    }

    @Test
    void cancellingTheKillConfirmationSendsNothing() throws Exception {
        Child child = children.startServer();
        ActionsViewModel model = model(signals(false, false));

        model.kill(socketOf(child));

        assertThat(prompts.first("confirmKill " + child.pid())).isPresent();
        assertThat(prompts.children.toCompletableFuture().get()).isNotNull();
        assertThat(prompts.sharers.toCompletableFuture().get()).isEmpty();
        assertThat(signals.sent()).isEmpty();
        assertThat(child.process().isAlive()).isTrue();
        assertThat(rescans).hasValue(0);
    }

    @Test
    void aGracefulKillStopsTheHolderAndSaysSo() throws Exception {
        Child child = children.startServer();
        prompts.killAnswer = Optional.of(new KillOptions(false, false, Duration.ofSeconds(10), false));

        model(signals(false, false)).kill(socketOf(child));

        assertThat(Children.reaped(child.process())).isTrue();
        assertThat(signals.sent()).containsExactly("TERM " + child.pid());
        assertThat(prompts.seen).contains("progress closed").anyMatch(s -> s.startsWith("inform INFO"));
        assertThat(prompts.first("offerForce")).isEmpty();
        assertThat(rescans).hasValue(1);
    }

    @Test
    void aHolderThatDoesNotStopIsOfferedForceAndForcingKillsIt() throws Exception {
        Child child = children.startServer();
        prompts.killAnswer = Optional.of(new KillOptions(false, false, SHORT, false));
        prompts.forceAnswer = true;

        model(signals(true, false)).kill(socketOf(child));

        assertThat(prompts.first("offerForce " + child.pid())).isPresent();
        assertThat(Children.reaped(child.process())).isTrue();
        assertThat(signals.sent()).containsExactly("TERM " + child.pid(), "KILL " + child.pid());
    }

    @Test
    void leavingAStubbornHolderRunningSendsNoForce() throws Exception {
        Child child = children.startServer();
        prompts.killAnswer = Optional.of(new KillOptions(false, false, SHORT, false));
        prompts.forceAnswer = false;

        model(signals(true, false)).kill(socketOf(child));

        assertThat(prompts.first("offerForce " + child.pid())).isPresent();
        assertThat(signals.sent()).containsExactly("TERM " + child.pid());
        assertThat(child.process().isAlive()).isTrue();
    }

    @Test
    void aRefusedSignalOffersTheElevatedCommandAndCopiesItWhenAsked() throws Exception {
        Child child = children.startServer();
        prompts.killAnswer = Optional.of(KillOptions.GRACEFUL);
        prompts.elevationAnswer = ActionPrompts.ElevationChoice.COPY_COMMAND;
        // Tests run as root here, so the OS's EPERM is simulated as in KillServiceTest: TERM refused.
        model(signals(false, true)).kill(socketOf(child));

        String command = "portwatch kill --pid " + child.pid() + " --elevate";
        assertThat(prompts.first("offerElevation ")).hasValueSatisfying(f -> assertThat(f)
                .contains("[" + command + "]"));
        assertThat(prompts.copied).containsExactly(command);
        assertThat(child.process().isAlive()).isTrue();
    }

    @Test
    void aPortNotInTheCommandLineOffersAFreePortAndStopsNothing() throws Exception {
        // Bound to port 0: the real port is nowhere in the command line.
        Child child = children.startServer("--port", "0");
        prompts.copyFreePortAnswer = true;

        model(signals(false, false)).rebind(socketOf(child));

        String offer = prompts.first("offerFreePort ").orElseThrow();
        int free = Integer.parseInt(offer.substring("offerFreePort ".length()));
        assertThat(free).isGreaterThan(child.port());
        assertThat(prompts.copied).containsExactly(String.valueOf(free));
        assertThat(prompts.first("confirmRebind")).isEmpty();
        assertThat(signals.sent()).isEmpty();
        assertThat(child.process().isAlive()).isTrue();
    }

    @Test
    void aMoveIsPlannedAboveThePortAndCancellingItChangesNothing() throws Exception {
        int port = Children.freeLoopbackPort();
        Child child = children.startServer("--port", String.valueOf(port));

        model(signals(false, false)).rebind(socketOf(child));

        assertThat(prompts.suggested).isNotNull();
        assertThat(prompts.suggested.oldPort()).isEqualTo(port);
        assertThat(prompts.suggested.newPort()).isGreaterThan(port);
        assertThat(signals.sent()).isEmpty();
        assertThat(child.process().isAlive()).isTrue();
    }

    @Test
    void aHeldOrWatchedNewPortIsRefusedAsTypedAndARefusalAfterMoveBringsTheDialogBack() throws Exception {
        Child moved = children.startServer("--port", String.valueOf(Children.freeLoopbackPort()));
        Child holder = children.startServer("--port", String.valueOf(Children.freeLoopbackPort()));
        int watched = Children.freeLoopbackPort();
        ActionsViewModel model = model(signals(false, false));
        model.setExcludedPorts(() -> port -> port == watched);

        model.rebind(socketOf(moved));

        NewPortCheck check = prompts.check;
        assertThat(check.problem(holder.port())).hasValueSatisfying(reason -> assertThat(reason)
                .isEqualTo(holder.port() + " is held by java (pid " + holder.pid() + ") on 127.0.0.1."));
        assertThat(check.problem(watched)).hasValue(watched + " is a watched port.");
        assertThat(check.problem(prompts.suggested.newPort())).isEmpty();
        var probed = new ArrayList<Optional<String>>();
        check.probe(holder.port(), probed::add);
        assertThat(probed).singleElement().satisfies(p -> assertThat(p).get().asString().contains("held by java"));

        // Move clicked with a port that is taken by the time the move starts: nothing is stopped, and the dialog
        // opens again with that port and the reason.
        prompts.seen.clear();
        prompts.rebindAnswer = Optional.of(prompts.suggested.withNewPort(holder.port()));
        model.rebind(socketOf(moved));

        assertThat(prompts.seen).filteredOn(s -> s.startsWith("confirmRebind")).hasSize(2)
                .last().isEqualTo("confirmRebind " + moved.port() + "->" + holder.port());
        assertThat(prompts.first("failure")).isEmpty();
        assertThat(prompts.check.problem(holder.port())).get().asString()
                .contains("held by java (pid " + holder.pid() + ")", "Pick another port.");
        assertThat(signals.sent()).isEmpty();
        assertThat(moved.process().isAlive()).isTrue();
    }

    @Test
    void findFreePortRefusesANonPortAndCopiesAFreeOne() {
        ActionsViewModel model = model(Signals.processHandles());
        prompts.portAnswer = Optional.of("abc");
        model.findFreePort(Optional.empty());
        assertThat(prompts.seen).containsExactly("askPortNear 8000", "inform WARNING Not a port");
        assertThat(prompts.copied).isEmpty();

        prompts.seen.clear();
        prompts.portAnswer = Optional.of(" 40000 ");
        model.findFreePort(Optional.empty());
        assertThat(prompts.copied).hasSize(1);
        assertThat(Integer.parseInt(prompts.copied.get(0))).isBetween(40000, 65535);
        assertThat(prompts.first("inform INFO")).isPresent();
    }
}
