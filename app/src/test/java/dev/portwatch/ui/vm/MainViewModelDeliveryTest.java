package dev.portwatch.ui.vm;

import dev.portwatch.core.ScanFeed;
import dev.portwatch.core.ScanResult;
import dev.portwatch.core.service.ContainerNames;
import dev.portwatch.model.Endpoint;
import dev.portwatch.model.IpVersion;
import dev.portwatch.model.Listener;
import dev.portwatch.model.Protocol;
import dev.portwatch.model.Snapshot;
import dev.portwatch.model.SocketState;
import dev.portwatch.ui.tasks.UiTasks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a scan hands to the FX thread, fed through the view model's own scan consumer: a scan that changed nothing
 * (the scanner returned the previous list itself) hands over nothing, so an idle window's FX thread stays asleep.
 */
class MainViewModelDeliveryTest {

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
    /** What the view model asked to run on the FX thread, not yet run. */
    private final List<Runnable> fxQueue = new ArrayList<>();
    private Consumer<ScanResult> feed;
    private final MainViewModel model = new MainViewModel(sink -> {
        feed = sink;
        return new IdleFeed();
    }, executor, UiTasks.on(Runnable::run, fxQueue::add), Clock.systemUTC(), ContainerNames.none());
    private final List<Listener> sockets = List.of(tcp(8080), tcp(3000));

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void anUnchangedScanHandsTheFxThreadNothing() {
        scan(sockets, 7);
        assertThat(runFxQueue()).isEqualTo(1);
        Snapshot shown = model.snapshotProperty().get();
        assertThat(model.totalCountProperty().get()).isEqualTo(2);

        for (int i = 0; i < 3 * MainViewModel.UNCHANGED_SCANS_PER_TIME; i++) {
            scan(sockets, 7 + i % 2);
        }

        assertThat(fxQueue).isEmpty();
        assertThat(model.snapshotProperty().get()).isSameAs(shown);
    }

    @Test
    void anEqualButNewListIsStillDelivered() {
        scan(sockets, 7);
        runFxQueue();

        scan(List.copyOf(new ArrayList<>(sockets)), 7);

        assertThat(runFxQueue()).isEqualTo(1);
    }

    @Test
    void unchangedScansHandOverOnlyTheirMedianTimeOnceInAWhileWhenItMoved() {
        scan(sockets, 200);
        runFxQueue();
        Snapshot shown = model.snapshotProperty().get();

        // One slow scan among fast ones is jitter: the median of each batch is what may be shown.
        for (int i = 1; i < MainViewModel.UNCHANGED_SCANS_PER_TIME; i++) {
            scan(sockets, i == 3 ? 90 : 4);
            assertThat(fxQueue).isEmpty();
        }
        scan(sockets, 4);

        assertThat(runFxQueue()).isEqualTo(1);
        assertThat(model.lastScanMillisProperty().get()).isEqualTo(4);
        assertThat(model.snapshotProperty().get()).isSameAs(shown);

        // Another batch about as fast: nothing to show.
        for (int i = 0; i < MainViewModel.UNCHANGED_SCANS_PER_TIME; i++) {
            scan(sockets, 5);
        }
        assertThat(fxQueue).isEmpty();
    }

    @Test
    void theFirstGoodScanAfterAFailureClearsTheErrorEvenWhenNothingChanged() {
        scan(sockets, 7);
        runFxQueue();
        feed.accept(ScanResult.failed("netlink refused"));
        runFxQueue();
        assertThat(model.lastErrorProperty().get()).isEqualTo("netlink refused");

        scan(sockets, 7);
        runFxQueue();

        assertThat(model.lastErrorProperty().get()).isEmpty();
    }

    @Test
    void unchangedScansAreCountedOnlyWhileSomeoneWantsEveryScan() {
        scan(sockets, 7);
        runFxQueue();

        model.setEveryScanWanted(true);
        scan(sockets, 7);
        scan(sockets, 7);
        runFxQueue();
        model.setEveryScanWanted(false);
        scan(sockets, 7);

        assertThat(fxQueue).isEmpty();
        assertThat(model.unchangedScansProperty().get()).isEqualTo(2);
    }

    private void scan(List<Listener> listeners, long millis) {
        feed.accept(ScanResult.of(new Snapshot(Instant.now(), listeners, Duration.ofMillis(millis), false)));
    }

    private int runFxQueue() {
        int ran = fxQueue.size();
        List<Runnable> queued = List.copyOf(fxQueue);
        fxQueue.clear();
        queued.forEach(Runnable::run);
        return ran;
    }

    private static Listener tcp(int port) {
        return new Listener(Protocol.TCP, IpVersion.V4, new Endpoint("127.0.0.1", port), Optional.empty(),
                SocketState.LISTEN, Optional.empty());
    }

    /** A feed that never scans by itself: the test hands results to the view model's consumer. */
    private static final class IdleFeed implements ScanFeed {
        @Override
        public void start() {
        }

        @Override
        public void pause() {
        }

        @Override
        public boolean isRunning() {
            return false;
        }

        @Override
        public void setInterval(Duration wished) {
        }

        @Override
        public Duration interval() {
            return Duration.ofSeconds(1);
        }

        @Override
        public void refreshNow() {
        }

        @Override
        public void close() {
        }
    }
}
