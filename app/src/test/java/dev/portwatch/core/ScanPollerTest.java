package dev.portwatch.core;

import dev.portwatch.model.ProcessDetails;
import dev.portwatch.model.ProcessInfo;
import dev.portwatch.model.Snapshot;
import dev.portwatch.os.ScanException;
import dev.portwatch.os.SocketScanner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class ScanPollerTest {

    /** Fails every second scan, so the test sees polling go on after a failure. */
    private static final class FlakyScanner implements SocketScanner {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public Snapshot scan() throws ScanException {
            if (calls.incrementAndGet() % 2 == 0) {
                throw new ScanException("could not read /proc/net/tcp", new java.io.IOException("boom"));
            }
            return new Snapshot(Instant.now(), List.of(), Duration.ofMillis(3), false);
        }

        @Override
        public Optional<ProcessDetails> process(int pid) {
            return Optional.empty();
        }

        @Override
        public List<ProcessInfo> children(int pid) {
            return List.of();
        }
    }

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void aFailingScanIsReportedAndPollingGoesOn() throws InterruptedException {
        BlockingQueue<ScanResult> results = new LinkedBlockingQueue<>();
        var poller = new ScanPoller(new FlakyScanner(), executor, results::add);
        poller.setInterval(Duration.ZERO);

        poller.start();

        ScanResult first = results.poll(5, TimeUnit.SECONDS);
        ScanResult second = results.poll(5, TimeUnit.SECONDS);
        ScanResult third = results.poll(5, TimeUnit.SECONDS);
        poller.close();
        assertThat(first.snapshot()).isPresent();
        assertThat(second.error()).contains("could not read /proc/net/tcp");
        assertThat(third.snapshot()).isPresent();
    }

    @Test
    void intervalIsClampedToTheAllowedRange() {
        var poller = new ScanPoller(new FlakyScanner(), executor, r -> { });

        poller.setInterval(Duration.ofMillis(10));
        assertThat(poller.interval()).isEqualTo(ScanPoller.MIN_INTERVAL);
        poller.setInterval(Duration.ofMinutes(5));
        assertThat(poller.interval()).isEqualTo(ScanPoller.MAX_INTERVAL);
        poller.setInterval(Duration.ofSeconds(2));
        assertThat(poller.interval()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void pauseStopsScansAndRefreshNowStillScansOnce() throws InterruptedException {
        var scanner = new FlakyScanner();
        BlockingQueue<ScanResult> results = new LinkedBlockingQueue<>();
        var poller = new ScanPoller(scanner, executor, results::add);
        poller.start();
        assertThat(results.poll(5, TimeUnit.SECONDS)).isNotNull();

        poller.pause();
        int afterPause = scanner.calls.get();
        poller.refreshNow();

        assertThat(results.poll(5, TimeUnit.SECONDS)).isNotNull();
        assertThat(scanner.calls.get()).isEqualTo(afterPause + 1);
        assertThat(poller.isRunning()).isFalse();
    }
}
