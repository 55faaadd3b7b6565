package dev.portwatch.core;

import dev.portwatch.model.Snapshot;

import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of one poll: a fresh snapshot, or the reason the scan failed.
 *
 * @param snapshot the new snapshot; empty when the scan failed
 * @param error    a short user-facing sentence; empty when the scan succeeded
 */
public record ScanResult(Optional<Snapshot> snapshot, Optional<String> error) {

    /** Checks that exactly one of the two is present. */
    public ScanResult {
        Objects.requireNonNull(snapshot, "snapshot");
        Objects.requireNonNull(error, "error");
        if (snapshot.isPresent() == error.isPresent()) {
            throw new IllegalArgumentException("exactly one of snapshot and error must be present");
        }
    }

    /** A successful scan. */
    public static ScanResult of(Snapshot snapshot) {
        return new ScanResult(Optional.of(snapshot), Optional.empty());
    }

    /** A failed scan. */
    public static ScanResult failed(String error) {
        return new ScanResult(Optional.empty(), Optional.of(error));
    }
}
