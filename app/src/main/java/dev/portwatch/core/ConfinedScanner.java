package dev.portwatch.core;

import dev.portwatch.model.Snapshot;
import dev.portwatch.os.ScanException;
import dev.portwatch.os.SocketScanner;

import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;

/**
 * A {@link SocketScanner} that runs every scan on the thread that owns the real scanner (the window's polling
 * thread), so the window needs one scanner (one netlink socket, one set of caches) for polling and actions alike.
 * The caller blocks until its scan ran: call it off the JavaFX thread and never from the owning thread itself.
 */
public final class ConfinedScanner implements SocketScanner {

    private final SocketScanner scanner;
    private final ExecutorService owner;

    /**
     * @param scanner the scanner, used only on {@code owner}
     * @param owner   the single thread that owns {@code scanner}
     */
    public ConfinedScanner(SocketScanner scanner, ExecutorService owner) {
        this.scanner = Objects.requireNonNull(scanner, "scanner");
        this.owner = Objects.requireNonNull(owner, "owner");
    }

    @Override
    public Snapshot scan() throws ScanException {
        try {
            return owner.submit(scanner::scan).get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ScanException scan) {
                throw scan;
            }
            throw new ScanException("Scan failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ScanException("Interrupted while waiting for a scan", e);
        } catch (RejectedExecutionException e) {
            throw new ScanException("portwatch is closing; no more scans", e);
        }
    }
}
