package dev.portwatch.ui.watch;

import dev.portwatch.core.watch.PortHolders;
import dev.portwatch.core.watch.WatchEvaluator;
import dev.portwatch.model.Listener;
import dev.portwatch.model.PortRange;
import dev.portwatch.model.Snapshot;
import dev.portwatch.model.SocketState;
import dev.portwatch.model.WatchRule;
import dev.portwatch.model.WatchStatus;
import dev.portwatch.os.ScanException;
import dev.portwatch.os.Scanners;
import dev.portwatch.os.SocketScanner;
import dev.portwatch.testing.Children;
import dev.portwatch.testing.LiveScans;
import dev.portwatch.ui.HolderAction;
import javafx.scene.control.MenuItem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A watch entry offers Disconnect debugger for the JDWP session that holds its port (a real child JVM with a real
 * debugger handshake, read by the real scanner), and not for a plain listener. The action's flow itself is
 * {@code CloseConnectionsFlowTest}'s.
 */
class WatchEntryActionsTest {

    private static final SocketScanner SCANNER = Scanners.create();
    private static final byte[] HANDSHAKE = "JDWP-Handshake".getBytes(StandardCharsets.US_ASCII);

    private final Children children = new Children();
    private final List<Listener> ran = new ArrayList<>();
    private final HolderAction disconnect = new HolderAction("disconnectDebuggerWatch", "Disconnect debugger…",
            PortHolders::isDebuggerSession, ran::add);

    @AfterEach
    void stop() {
        children.close();
    }

    @Test
    void aWatchedPortHeldByADebuggerSessionOffersDisconnectDebuggerForThatSession() throws Exception {
        int port = Children.freeLoopbackPort();
        var jvm = children.startServer(List.of(Children.jdwpAgent(port)), Map.of(), null, "--bind", "127.0.0.1");
        WatchRule rule = WatchRule.tcp(PortRange.of(port));
        Snapshot listening = awaitScan(s -> s.listeners().stream().anyMatch(l -> l.port() == port
                && l.state() == SocketState.LISTEN));
        // While the agent listens, nothing to disconnect.
        MenuItem before = WatchPanel.holderItems(Optional.of(status(listening, rule)), List.of(disconnect)).get(0);
        assertThat(before.isDisable()).isTrue();

        try (var debugger = new Socket(InetAddress.getLoopbackAddress(), port)) {
            debugger.getOutputStream().write(HANDSHAKE);
            assertThat(debugger.getInputStream().readNBytes(HANDSHAKE.length)).isEqualTo(HANDSHAKE);
            Snapshot attached = awaitScan(s -> s.listeners().stream().noneMatch(l -> l.port() == port
                    && l.state().isListening()));

            List<MenuItem> items = WatchPanel.holderItems(Optional.of(status(attached, rule)), List.of(disconnect));

            assertThat(items).singleElement().satisfies(item -> {
                assertThat(item.getId()).isEqualTo("disconnectDebuggerWatch");
                assertThat(item.getText()).isEqualTo("Disconnect debugger…");
                assertThat(item.isDisable()).isFalse();
            });
            items.get(0).fire();
            assertThat(ran).singleElement().satisfies(holder -> {
                assertThat(holder.pid()).hasValue((int) jvm.pid());
                assertThat(holder.remote()).hasValueSatisfying(r -> assertThat(r.port())
                        .isEqualTo(debugger.getLocalPort()));
            });
        }
        assertThat(WatchPanel.holderItems(Optional.empty(), List.of(disconnect)).get(0).isDisable()).isTrue();
    }

    private static WatchStatus status(Snapshot snapshot, WatchRule rule) {
        return WatchEvaluator.evaluate(snapshot, List.of(rule)).get(0);
    }

    private static Snapshot awaitScan(Predicate<Snapshot> condition) throws ScanException, InterruptedException {
        return LiveScans.await(SCANNER, condition, Duration.ofSeconds(15));
    }
}
