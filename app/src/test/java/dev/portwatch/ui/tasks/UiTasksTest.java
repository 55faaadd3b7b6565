package dev.portwatch.ui.tasks;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class UiTasksTest {

    @Test
    void directRunsBothHalvesOnTheCallersThreadInOrder() {
        List<String> seen = new ArrayList<>();
        Thread caller = Thread.currentThread();

        UiTasks.direct().run(() -> {
            seen.add("work on caller: " + (Thread.currentThread() == caller));
            return 42;
        }, value -> seen.add("result " + value), error -> seen.add("failed"));

        assertThat(seen).containsExactly("work on caller: true", "result 42");
    }

    @Test
    void workRunsInTheBackgroundAndResultsAndFailuresArriveThroughTheFxExecutor() throws Exception {
        ExecutorService background = Executors.newSingleThreadExecutor();
        ExecutorService fx = Executors.newSingleThreadExecutor(r -> new Thread(r, "fake-fx"));
        try {
            List<String> seen = new CopyOnWriteArrayList<>();
            var done = new CountDownLatch(2);
            Executor fxThread = fx;
            UiTasks tasks = UiTasks.on(background, fxThread);

            tasks.run(() -> Thread.currentThread().getName(), name -> {
                seen.add("worked on fake-fx: " + name.equals("fake-fx") + ", delivered on " + Thread.currentThread()
                        .getName());
                done.countDown();
            }, error -> done.countDown());
            tasks.run(() -> {
                throw new IOException("disk full");
            }, value -> done.countDown(), error -> {
                seen.add("failed on " + Thread.currentThread().getName() + ": " + error.getMessage());
                done.countDown();
            });

            assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(seen).containsExactlyInAnyOrder("worked on fake-fx: false, delivered on fake-fx",
                    "failed on fake-fx: disk full");
        } finally {
            background.shutdownNow();
            fx.shutdownNow();
        }
    }
}
