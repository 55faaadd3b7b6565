package dev.portwatch.core;

import dev.portwatch.testing.FakeScanner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class ScanPollerTest {

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void aFailingScanIsReportedAndPollingGoesOn() throws InterruptedException {
        BlockingQueue<ScanResult> results = new LinkedBlockingQueue<>();
        var scanner = new FakeScanner().failEvery(2, "could not read /proc/net/tcp");
        var poller = new ScanPoller(scanner, executor, results::add);
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
        var poller = new ScanPoller(new FakeScanner(), executor, r -> { });

        poller.setInterval(Duration.ofMillis(10));
        assertThat(poller.interval()).isEqualTo(ScanPoller.MIN_INTERVAL);
        poller.setInterval(Duration.ofMinutes(5));
        assertThat(poller.interval()).isEqualTo(ScanPoller.MAX_INTERVAL);
        poller.setInterval(Duration.ofSeconds(2));
        assertThat(poller.interval()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void pauseStopsScansAndRefreshNowStillScansOnce() throws InterruptedException {
        var scanner = new FakeScanner();
        BlockingQueue<ScanResult> results = new LinkedBlockingQueue<>();
        var poller = new ScanPoller(scanner, executor, results::add);
        poller.start();
        assertThat(results.poll(5, TimeUnit.SECONDS)).isNotNull();

        poller.pause();
        int afterPause = scanner.scans();
        poller.refreshNow();

        assertThat(results.poll(5, TimeUnit.SECONDS)).isNotNull();
        assertThat(scanner.scans()).isEqualTo(afterPause + 1);
        assertThat(poller.isRunning()).isFalse();
    }
}
