package dev.portwatch.core.helper;

import dev.portwatch.model.Snapshot;
import dev.portwatch.os.ScanException;
import dev.portwatch.os.SocketScanner;

import java.util.Objects;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The caller's own scanner, plus owners revealed by the privileged helper once one is started ({@link #reveal}):
 * each scan is the caller's; only when it has hidden owners is the helper asked, and its owners are merged in and
 * marked. When the helper fails, the scan is returned as it was (owners hidden) and the failure kept for the status
 * bar. {@link #close()} ends the helper. Scans run on one thread; {@link #reveal} may be called from any.
 */
public final class RevealingScanner implements SocketScanner, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(RevealingScanner.class.getName());

    private final SocketScanner own;
    private volatile HelperClient helper;
    private volatile String lastProblem = "";

    /** @param own the caller's scanner */
    public RevealingScanner(SocketScanner own) {
        this.own = Objects.requireNonNull(own, "own");
    }

    /** From now on, hidden owners are asked of {@code started}; a helper set before is ended. */
    public void reveal(HelperClient started) {
        HelperClient before = helper;
        helper = Objects.requireNonNull(started, "started");
        if (before != null && before != started) {
            before.close();
        }
    }

    /** The helper revealing owners, empty before {@link #reveal} or after {@link #close}. */
    public Optional<HelperClient> helper() {
        return Optional.ofNullable(helper);
    }

    @Override
    public Snapshot scan() throws ScanException {
        Snapshot snapshot = own.scan();
        HelperClient current = helper;
        if (current == null || snapshot.listeners().stream().allMatch(l -> l.owner().isPresent())) {
            return snapshot;
        }
        try {
            Snapshot merged = RevealedOwners.merge(snapshot, current.owners());
            lastProblem = "";
            return merged;
        } catch (HelperException e) {
            if (!e.getMessage().equals(lastProblem)) {
                LOG.log(Level.WARNING, "helper failed: " + e.getMessage());
            }
            lastProblem = e.getMessage();
            return snapshot;
        }
    }

    /** The helper's last failure, empty when the last request worked. */
    public String lastProblem() {
        return lastProblem;
    }

    /** Ends the helper, if one was started. */
    @Override
    public void close() {
        HelperClient current = helper;
        helper = null;
        if (current != null) {
            current.close();
        }
    }
}
