package dev.portwatch.core.remote;

import dev.portwatch.core.ScanFeed;
import dev.portwatch.core.ScanPoller;
import dev.portwatch.core.ScanResult;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A remote host's scans, streamed over ONE long-lived SSH session ({@code portwatch remote} scans on the host and
 * writes a line per scan; no connection per poll). When the session fails or drops, the host is reported
 * {@link HostStatus.State#DOWN} with the time and the reason, the consumer gets a failed {@link ScanResult} (so the
 * table keeps its last rows), and a new session is opened after a backoff: 1 s, doubling up to 60 s, back to 1 s
 * once scans arrive again. {@link #refreshNow()} on a down host retries at once.
 *
 * <p>Threads: each session's blocking reads run on {@code readers}; results, status changes and retries run on
 * the single-threaded {@code executor}, in order, as {@link ScanPoller}'s results do. Public methods only hand work
 * to those and never block.
 */
public final class RemoteScanFeed implements ScanFeed {

    /** The first wait before reconnecting. */
    public static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    /** The longest wait before reconnecting. */
    public static final Duration MAX_RETRY = Duration.ofSeconds(60);

    private static final Logger LOG = Logger.getLogger(RemoteScanFeed.class.getName());

    private final RemoteConnection.Connector connector;
    private final SshDestination destination;
    private final ScheduledExecutorService executor;
    private final Executor readers;
    private final Consumer<ScanResult> sink;
    private final Consumer<HostStatus> status;
    private final Clock clock;
    private final Duration firstRetry;

    // Guarded by this.
    private Duration interval = ScanPoller.DEFAULT_INTERVAL;
    private boolean running;
    private boolean closed;
    private boolean connecting;
    private int generation;
    private RemoteSession session;
    private Duration nextBackoff;
    private ScheduledFuture<?> retry;
    private int sessionsOpened;

    /**
     * @param connector   opens SSH sessions
     * @param destination the host
     * @param executor    single-threaded: delivers results and status, schedules retries
     * @param readers     runs each session's blocking reads (one task per session)
     * @param sink        receives scans and failures, on {@code executor}
     * @param status      receives the host's status changes, on {@code executor}
     * @param clock       the time source for the "since" of a status
     * @param firstRetry  the first backoff ({@link #FIRST_RETRY} in the window; shorter in tests)
     */
    public RemoteScanFeed(RemoteConnection.Connector connector, SshDestination destination,
                          ScheduledExecutorService executor, Executor readers, Consumer<ScanResult> sink,
                          Consumer<HostStatus> status, Clock clock, Duration firstRetry) {
        this.connector = Objects.requireNonNull(connector, "connector");
        this.destination = Objects.requireNonNull(destination, "destination");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.readers = Objects.requireNonNull(readers, "readers");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.status = Objects.requireNonNull(status, "status");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.firstRetry = Objects.requireNonNull(firstRetry, "firstRetry");
        this.nextBackoff = firstRetry;
    }

    /** The host this feed follows. */
    public SshDestination destination() {
        return destination;
    }

    /** How many SSH sessions this feed opened so far: one per (re)connection, never one per scan. */
    public synchronized int sessionsOpened() {
        return sessionsOpened;
    }

    @Override
    public synchronized void start() {
        if (closed) {
            return;
        }
        boolean wasRunning = running;
        running = true;
        if (session == null && !connecting && retry == null) {
            connect();
        } else if (!wasRunning) {
            sendControl(false);
        }
    }

    @Override
    public synchronized void pause() {
        running = false;
        sendControl(false);
    }

    @Override
    public synchronized boolean isRunning() {
        return running;
    }

    @Override
    public synchronized void setInterval(Duration wished) {
        interval = ScanPoller.clamp(wished);
        sendControl(false);
    }

    @Override
    public synchronized Duration interval() {
        return interval;
    }

    /** Scans now; on a host that is down, reconnects now instead of waiting for the backoff. */
    @Override
    public synchronized void refreshNow() {
        if (closed) {
            return;
        }
        if (session != null) {
            sendControl(true);
        } else if (!connecting) {
            if (retry != null) {
                retry.cancel(false);
                retry = null;
            }
            connect();
        }
    }

    @Override
    public void close() {
        RemoteSession open;
        synchronized (this) {
            closed = true;
            running = false;
            generation++;
            if (retry != null) {
                retry.cancel(false);
            }
            open = session;
            session = null;
        }
        if (open != null) {
            open.close();
        }
    }

    // Called with the lock held.
    private void connect() {
        int current = ++generation;
        connecting = true;
        retry = null;
        Instant now = clock.instant();
        deliver(() -> status.accept(HostStatus.connecting(now)));
        try {
            readers.execute(() -> runSession(current));
        } catch (RejectedExecutionException e) {
            connecting = false;
        }
    }

    private void runSession(int current) {
        RemoteSession opened;
        try {
            synchronized (this) {
                sessionsOpened++;
            }
            opened = RemoteSession.open(connector, destination);
        } catch (RemoteException e) {
            dropped(current, e.getMessage());
            return;
        }
        synchronized (this) {
            if (current != generation) {
                opened.close();
                return;
            }
            session = opened;
            connecting = false;
        }
        boolean up = false;
        try {
            long millis;
            boolean paused;
            synchronized (this) {
                millis = interval.toMillis();
                paused = !running;
            }
            opened.send(new RemoteMessage.Stream(millis));
            if (paused) {
                opened.send(new RemoteMessage.Control(millis, true, false));
            }
            while (true) {
                RemoteMessage message = opened.read();
                if (message instanceof RemoteMessage.Scan scan) {
                    ScanResult result = ScanResult.of(scan.snapshot().toSnapshot());
                    if (!up) {
                        up = true;
                        Instant now = clock.instant();
                        synchronized (this) {
                            nextBackoff = firstRetry;
                        }
                        deliver(() -> status.accept(HostStatus.up(now)));
                    }
                    deliver(() -> sink.accept(result));
                } else if (message instanceof RemoteMessage.ScanFailed failed) {
                    deliver(() -> sink.accept(ScanResult.failed(failed.error())));
                } else {
                    throw opened.unexpected(message);
                }
            }
        } catch (RemoteException e) {
            opened.close();
            dropped(current, e.getMessage());
        } catch (IllegalArgumentException | NullPointerException e) {
            opened.close();
            dropped(current, destination + " sent an invalid scan (" + e.getMessage() + ").");
        }
    }

    private void dropped(int current, String reason) {
        Instant now = clock.instant();
        synchronized (this) {
            if (current != generation || closed) {
                return;
            }
            session = null;
            connecting = false;
            Duration wait = nextBackoff;
            nextBackoff = nextBackoff.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY
                    : nextBackoff.multipliedBy(2);
            Instant nextTry = now.plus(wait);
            LOG.log(Level.FINE, "{0} dropped: {1}; retrying in {2}", new Object[] {destination, reason, wait});
            deliver(() -> {
                status.accept(HostStatus.down(now, reason, nextTry));
                sink.accept(ScanResult.failed(reason));
            });
            try {
                retry = executor.schedule(this::retryNow, wait.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                retry = null;
            }
        }
    }

    private synchronized void retryNow() {
        retry = null;
        if (!closed && session == null && !connecting) {
            connect();
        }
    }

    // Called with the lock held: the write happens on the executor, never on the caller's (FX) thread.
    private void sendControl(boolean scanNow) {
        RemoteSession open = session;
        if (open == null) {
            return;
        }
        var control = new RemoteMessage.Control(interval.toMillis(), !running, scanNow);
        deliver(() -> {
            try {
                open.send(control);
            } catch (RemoteException e) {
                // The reading side notices the dropped session and reports it.
                LOG.log(Level.FINE, "control not sent", e);
            }
        });
    }

    private void deliver(Runnable work) {
        try {
            executor.execute(work);
        } catch (RejectedExecutionException e) {
            // Shut down: the window is closing.
        }
    }
}
