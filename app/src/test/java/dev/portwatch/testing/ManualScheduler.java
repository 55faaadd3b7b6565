package dev.portwatch.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A scheduled executor on virtual time, for tests of code that polls or ticks: {@link #execute} runs the task at
 * once on the caller's thread, a delayed task waits until {@link #advance} moves the clock past its time, then
 * runs on the caller's thread too. {@link #clock()} is that time, so a test sees timers and timestamps agree
 * without sleeping. Not thread-safe: use it from one thread at a time (the test's, or the FX thread).
 */
public final class ManualScheduler extends AbstractExecutorService implements ScheduledExecutorService {

    private final PriorityQueue<Task<?>> queue = new PriorityQueue<>(Comparator.comparing((Task<?> t) -> t.due)
            .thenComparingLong(t -> t.order));
    private Instant now;
    private long scheduled;
    private boolean shutdown;

    /** A scheduler whose clock starts at {@code start}. */
    public ManualScheduler(Instant start) {
        this.now = start;
    }

    /** The virtual time: moves only with {@link #advance}. */
    public Clock clock() {
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now;
            }
        };
    }

    /** The virtual time now. */
    public Instant now() {
        return now;
    }

    /**
     * Moves the clock forward by {@code step}, running every task that falls due on the way, in time order, each
     * with the clock at its due time; tasks they schedule run too when they fall due within the step.
     */
    public void advance(Duration step) {
        Instant end = now.plus(step);
        while (!queue.isEmpty() && !queue.peek().due.isAfter(end)) {
            Task<?> next = queue.poll();
            now = next.due;
            next.run();
            rethrowFailure(next);
        }
        now = end;
    }

    /** A task that threw fails the test at once, where a real executor would keep it in its future. */
    private static void rethrowFailure(Task<?> task) {
        if (task.isCancelled()) {
            return;
        }
        try {
            task.get();
        } catch (ExecutionException e) {
            throw new AssertionError("a scheduled task failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** How many delayed tasks wait (cancelled ones left out). */
    public int pending() {
        return (int) queue.stream().filter(t -> !t.isCancelled()).count();
    }

    /** When the next waiting task falls due. */
    public Optional<Instant> nextDue() {
        return queue.stream().filter(t -> !t.isCancelled()).map(t -> t.due).min(Comparator.naturalOrder());
    }

    @Override
    public void execute(Runnable command) {
        if (shutdown) {
            throw new RejectedExecutionException("shut down");
        }
        command.run();
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        return schedule(Executors.callable(command), delay, unit);
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        if (shutdown) {
            throw new RejectedExecutionException("shut down");
        }
        var task = new Task<>(callable, now.plusNanos(unit.toNanos(Math.max(0, delay))), scheduled++);
        queue.add(task);
        return task;
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        throw new UnsupportedOperationException("not used by portwatch");
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay,
            TimeUnit unit) {
        throw new UnsupportedOperationException("not used by portwatch");
    }

    @Override
    public void shutdown() {
        shutdown = true;
    }

    @Override
    public List<Runnable> shutdownNow() {
        shutdown = true;
        List<Runnable> left = new ArrayList<>(queue);
        queue.clear();
        return left;
    }

    @Override
    public boolean isShutdown() {
        return shutdown;
    }

    @Override
    public boolean isTerminated() {
        return shutdown;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return shutdown;
    }

    private final class Task<V> extends FutureTask<V> implements ScheduledFuture<V> {
        private final Instant due;
        private final long order;

        Task(Callable<V> callable, Instant due, long order) {
            super(callable);
            this.due = due;
            this.order = order;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(Duration.between(now, due));
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            queue.remove(this);
            return super.cancel(mayInterruptIfRunning);
        }
    }
}
