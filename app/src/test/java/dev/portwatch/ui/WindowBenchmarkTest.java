package dev.portwatch.ui;

import dev.portwatch.core.bench.ListenerHolderProcess;
import dev.portwatch.core.bench.ScanBenchmark.Timings;
import dev.portwatch.model.Listener;
import dev.portwatch.model.ProcessInfo;
import dev.portwatch.model.Snapshot;
import dev.portwatch.model.SnapshotDiff;
import dev.portwatch.os.Scanners;
import dev.portwatch.ui.vm.ListenerRow;
import dev.portwatch.ui.vm.MainViewModel;
import dev.portwatch.ui.vm.SyntheticListeners;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Benchmarks of the window, headless through Monocle; they print figures and assert only correctness. Skipped unless
 * {@code -Dportwatch.bench=true}:
 * <pre>mvn -B -q verify -Dtest=WindowBenchmarkTest -Dportwatch.bench=true -Dsurefire.failIfNoSpecifiedTests=false</pre>
 * {@code -Dportwatch.bench.rows=N} changes the row count (default 5000).
 */
@ExtendWith(ApplicationExtension.class)
class WindowBenchmarkTest {

    private static final int ROWS = Integer.getInteger("portwatch.bench.rows", 5_000);
    private static final int FIRST_PORT = 20_000;

    private Stage stage;
    private ScheduledExecutorService executor;
    private MainViewModel model;
    private MainView view;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    @BeforeEach
    void onlyWhenAsked() {
        assumeTrue(Boolean.getBoolean("portwatch.bench"), "benchmarks run with -Dportwatch.bench=true");
        executor = Executors.newSingleThreadScheduledExecutor();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (executor == null) {
            return;
        }
        WaitForAsyncUtils.asyncFx(() -> {
            if (view != null) {
            }
            if (model != null) {
                model.close();
            }
        }).get(10, TimeUnit.SECONDS);
        executor.shutdownNow();
    }

    /** Applying a scan in which 1% of the rows changed (a third added, removed, changed), on the FX thread. */
    @Test
    void applyingOnePercentChange() throws Exception {
        showWindow(new MainViewModel(Scanners.full(), executor, Platform::runLater, Clock.systemUTC()));
        ProcessInfo owner = SyntheticListeners.owner(4242, "node");
        ProcessInfo renamed = SyntheticListeners.owner(4242, "node-renamed");
        List<Listener> current = SyntheticListeners.listeners(FIRST_PORT, ROWS, owner);
        onFx(() -> model.apply(snapshot(current), SnapshotDiff.between(List.of(), current)));
        settle();

        int perKind = Math.max(1, ROWS / 100 / 3);
        int warmUp = 20;
        int measured = 60;
        long[] apply = new long[measured];
        long[] applyAndLayout = new long[measured];
        long[] expire = new long[measured];
        int nextPort = FIRST_PORT + ROWS;
        List<Listener> previous = current;
        for (int i = 0; i < warmUp + measured; i++) {
            List<Listener> next = new ArrayList<>(previous.subList(perKind, previous.size()));
            for (int j = 0; j < perKind; j++) {
                next.add(SyntheticListeners.listener(nextPort++, owner));
                int at = ThreadLocalRandom.current().nextInt(next.size() - perKind);
                Listener old = next.get(at);
                ProcessInfo other = old.owner().orElseThrow() == owner ? renamed : owner;
                next.set(at, SyntheticListeners.listener(old.port(), other));
            }
            SnapshotDiff diff = SnapshotDiff.between(previous, next);
            Snapshot fresh = snapshot(next);
            long[] took = new long[3];
            onFx(() -> {
                long start = System.nanoTime();
                model.apply(fresh, diff);
                took[0] = System.nanoTime() - start;
                view.applyCss();
                view.layout();
                took[1] = System.nanoTime() - start;
                // Let the closed rows go as the 250 ms timer would, so the table stays at ROWS rows.
                start = System.nanoTime();
                model.expireHighlights(Instant.now().plus(ListenerRow.HIGHLIGHT));
                took[2] = System.nanoTime() - start;
            });
            if (i >= warmUp) {
                apply[i - warmUp] = took[0];
                applyAndLayout[i - warmUp] = took[1];
                expire[i - warmUp] = took[2];
            }
            previous = next;
        }
        int rows = onFx(() -> model.rows().size());
        assertThat(rows).isEqualTo(ROWS);
        System.out.printf(Locale.ROOT, "BENCH apply %d changes on %d rows (FX thread): apply median %.3f ms p95 %.3f"
                        + " ms; apply+css+layout median %.3f ms p95 %.3f ms; expire highlights median %.3f ms%n",
                perKind * 3, ROWS, Timings.of(apply).medianMs(), Timings.of(apply).p95Ms(),
                Timings.of(applyAndLayout).medianMs(), Timings.of(applyAndLayout).p95Ms(),
                Timings.of(expire).medianMs());
    }

    /**
     * Typing into the filter: each keystroke, from the text change to the table laid out again (FX thread), with
     * ROWS rows (run with {@code -Dportwatch.bench.rows=20000} for the 20,000-listener figure).
     */
    @Test
    void filteringPerKeystroke() throws Exception {
        showWindow(new MainViewModel(Scanners.full(), executor, Platform::runLater, Clock.systemUTC()));
        ProcessInfo owner = SyntheticListeners.owner(4242, "node");
        List<Listener> rows = SyntheticListeners.listeners(FIRST_PORT, ROWS, owner);
        onFx(() -> model.apply(snapshot(rows), SnapshotDiff.between(List.of(), rows)));
        settle();
        // Narrowing port by port ("2", "20", "200", "2000", "20001"), then widening again with backspaces.
        String typed = String.valueOf(FIRST_PORT + 1);
        List<String> texts = new ArrayList<>();
        for (int i = 1; i <= typed.length(); i++) {
            texts.add(typed.substring(0, i));
        }
        for (int i = typed.length() - 1; i >= 0; i--) {
            texts.add(typed.substring(0, i));
        }
        int rounds = 5;
        long[] took = new long[rounds * texts.size()];
        int n = 0;
        for (int round = 0; round < rounds; round++) {
            for (String text : texts) {
                long[] one = new long[1];
                onFx(() -> {
                    long start = System.nanoTime();
                    view.filterTextProperty().set(text);
                    view.applyCss();
                    view.layout();
                    one[0] = System.nanoTime() - start;
                });
                took[n++] = one[0];
            }
        }
        assertThat(onFx(() -> view.table().getItems().size())).isEqualTo(ROWS);
        Timings timings = Timings.of(took);
        System.out.printf(Locale.ROOT, "BENCH filter keystroke on %d rows (FX thread, text change to layout): median"
                + " %.1f ms p95 %.1f ms max %.1f ms (%d keystrokes)%n", ROWS, timings.medianMs(), timings.p95Ms(),
                Arrays.stream(took).max().orElse(0) / 1e6, took.length);
    }

    /** A listener bound by another process shows in the table within how long, at 1 s polling. */
    @Test
    void newListenerLatencyAtOneSecondPolling() throws Exception {
        try (var holder = ListenerHolderProcess.start(ROWS, Duration.ofMinutes(2))) {
            showWindow(new MainViewModel(Scanners.create(), executor, Platform::runLater, Clock.systemUTC()));
            onFx(() -> {
                model.start();
                return null;
            });
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> view.table().getItems().size() >= ROWS);
            int samples = Integer.getInteger("portwatch.bench.samples", 12);
            long[] latency = new long[samples];
            // Every row that appears, with when it appeared on the FX thread; looked up after each bind.
            Map<Integer, Instant> appeared = new ConcurrentHashMap<>();
            ListChangeListener<ListenerRow> watch = change -> {
                Instant now = Instant.now();
                while (change.next()) {
                    for (ListenerRow row : change.getAddedSubList()) {
                        appeared.putIfAbsent(row.getListener().port(), now);
                    }
                }
            };
            onFx(() -> view.table().getItems().addListener(watch));
            for (int i = 0; i < samples; i++) {
                Thread.sleep(ThreadLocalRandom.current().nextLong(200, 1_200));
                ListenerHolderProcess.Opened opened = holder.open();
                WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> appeared.containsKey(opened.port()));
                latency[i] = Duration.between(opened.boundAt(), appeared.get(opened.port())).toNanos();
            }
            onFx(() -> view.table().getItems().removeListener(watch));
            Timings timings = Timings.of(latency);
            System.out.printf(Locale.ROOT, "BENCH new listener visible after bind, %d listeners, 1 s polling,"
                            + " %d samples: median %.0f ms p95 %.0f ms max %.0f ms%n", ROWS, samples,
                    timings.medianMs(), timings.p95Ms(), latency[latency.length - 1] / 1e6);
        }
    }

    private void showWindow(MainViewModel viewModel) throws Exception {
        model = viewModel;
        onFx(() -> {
            view = new MainView(model);
            var scene = new Scene(view, 1280, 720);
            scene.getStylesheets().add(PortwatchApp.class.getResource("portwatch.css").toExternalForm());
            stage.setScene(scene);
            stage.show();
            return null;
        });
    }

    private void settle() throws Exception {
        onFx(() -> {
            model.expireHighlights(Instant.now().plus(ListenerRow.HIGHLIGHT));
            view.applyCss();
            view.layout();
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static Snapshot snapshot(List<Listener> listeners) {
        return new Snapshot(Instant.now(), listeners, Duration.ofMillis(5), false);
    }

    private static void onFx(Runnable action) throws Exception {
        WaitForAsyncUtils.asyncFx(action).get(30, TimeUnit.SECONDS);
    }

    private static <T> T onFx(Callable<T> action) throws Exception {
        return WaitForAsyncUtils.asyncFx(action).get(30, TimeUnit.SECONDS);
    }
}
