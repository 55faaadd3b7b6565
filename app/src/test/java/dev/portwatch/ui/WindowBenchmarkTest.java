package dev.portwatch.ui;

import dev.portwatch.core.bench.ListenerHolderProcess;
import dev.portwatch.core.bench.ScanBenchmark.Timings;
import dev.portwatch.core.service.ContainerNames;
import dev.portwatch.model.Listener;
import dev.portwatch.model.ProcessInfo;
import dev.portwatch.os.Scanners;
import dev.portwatch.testing.FakeScanner;
import dev.portwatch.testing.ManualScheduler;
import dev.portwatch.ui.tasks.UiTasks;
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
    /** For the synthetic benchmarks: scans come from here, on the FX thread, when the benchmark says. */
    private final FakeScanner synthetic = new FakeScanner();
    /** Their highlight timer, on virtual time. */
    private final ManualScheduler ticks = new ManualScheduler(Instant.parse("2026-01-01T10:00:00Z"));
    /** What the view model hands to the FX thread, run (and timed) by the benchmark. */
    private final List<Runnable> fxQueue = new ArrayList<>();
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
        showWindow(syntheticModel());
        ProcessInfo owner = SyntheticListeners.owner(4242, "node");
        ProcessInfo renamed = SyntheticListeners.owner(4242, "node-renamed");
        List<Listener> current = SyntheticListeners.listeners(FIRST_PORT, ROWS, owner);
        onFx(() -> scanAndApply(current));
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
            List<Listener> scanned = next;
            long[] took = new long[3];
            onFx(() -> {
                // The scan and its diff (the scan thread's share) run first, untimed; then what the FX thread does.
                synthetic.willReport(scanned);
                model.refreshNow();
                long start = System.nanoTime();
                runFxQueue();
                took[0] = System.nanoTime() - start;
                view.applyCss();
                view.layout();
                took[1] = System.nanoTime() - start;
                // Let the closed rows go as the 250 ms timer does, so the table stays at ROWS rows.
                ticks.advance(ListenerRow.HIGHLIGHT);
                start = System.nanoTime();
                runFxQueue();
                took[2] = System.nanoTime() - start;
            });
            if (i >= warmUp) {
                apply[i - warmUp] = took[0];
                applyAndLayout[i - warmUp] = took[1];
                expire[i - warmUp] = took[2];
            }
            previous = next;
        }
        int rows = onFx(() -> model.totalCountProperty().get());
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
        showWindow(syntheticModel());
        ProcessInfo owner = SyntheticListeners.owner(4242, "node");
        List<Listener> rows = SyntheticListeners.listeners(FIRST_PORT, ROWS, owner);
        onFx(() -> scanAndApply(rows));
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

    /**
     * Scrolling: each jump of a page (and every 50th a jump across the table), from the scroll to the table laid out
     * again (FX thread), with ROWS rows sorted by port.
     */
    @Test
    void scrollingPerPage() throws Exception {
        showWindow(syntheticModel());
        ProcessInfo owner = SyntheticListeners.owner(4242, "node");
        onFx(() -> scanAndApply(SyntheticListeners.listeners(FIRST_PORT, ROWS, owner)));
        settle();
        int page = onFx(() -> Math.max(1, (int) (view.table().getHeight() / 24)));
        int steps = 200;
        long[] took = new long[steps];
        for (int i = 0; i < steps; i++) {
            int to = i % 50 == 49 ? ThreadLocalRandom.current().nextInt(ROWS) : (i * page) % ROWS;
            long[] one = new long[1];
            onFx(() -> {
                long start = System.nanoTime();
                view.table().scrollTo(to);
                view.applyCss();
                view.layout();
                one[0] = System.nanoTime() - start;
            });
            took[i] = one[0];
        }
        Timings timings = Timings.of(took);
        System.out.printf(Locale.ROOT, "BENCH scroll a page on %d rows (FX thread, scroll to layout): median %.1f ms"
                + " p95 %.1f ms max %.1f ms (%d scrolls)%n", ROWS, timings.medianMs(), timings.p95Ms(),
                Arrays.stream(took).max().orElse(0) / 1e6, steps);
    }

    /** A listener bound by another process shows in the table within how long, at 1 s polling. */
    @Test
    void newListenerLatencyAtOneSecondPolling() throws Exception {
        try (var holder = ListenerHolderProcess.start(ROWS, Duration.ofMinutes(2))) {
            showWindow(new MainViewModel(Scanners.create(), executor, UiTasks.on(executor, Platform::runLater),
                    Clock.systemUTC(), ContainerNames.none()));
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

    /** A view model fed by {@link #synthetic} through the FX queue, its timer on {@link #ticks}. */
    private MainViewModel syntheticModel() {
        return new MainViewModel(synthetic, ticks, UiTasks.on(Runnable::run, fxQueue::add), ticks.clock(),
                ContainerNames.none());
    }

    /** FX thread: one scan of {@code listeners}, applied. */
    private void scanAndApply(List<Listener> listeners) {
        synthetic.willReport(listeners);
        model.refreshNow();
        runFxQueue();
    }

    /** FX thread: runs what the view model handed to the FX thread so far. */
    private void runFxQueue() {
        List<Runnable> due = List.copyOf(fxQueue);
        fxQueue.clear();
        due.forEach(Runnable::run);
    }

    private void settle() throws Exception {
        onFx(() -> {
            ticks.advance(ListenerRow.HIGHLIGHT);
            runFxQueue();
            view.applyCss();
            view.layout();
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static void onFx(Runnable action) throws Exception {
        WaitForAsyncUtils.asyncFx(action).get(30, TimeUnit.SECONDS);
    }

    private static <T> T onFx(Callable<T> action) throws Exception {
        return WaitForAsyncUtils.asyncFx(action).get(30, TimeUnit.SECONDS);
    }
}
