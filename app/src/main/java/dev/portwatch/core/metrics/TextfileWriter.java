package dev.portwatch.core.metrics;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes metrics in the Prometheus text format for node_exporter's textfile collector, atomically: into a temporary
 * file beside the target, then renamed over it, so the collector never reads half a file.
 *
 * <p>The temporary file's name starts with a dot and does not end in {@code .prom}, so the collector ignores it.
 * The file is made readable by everyone ({@code rw-r--r--}): node_exporter usually runs as another user.
 */
public final class TextfileWriter {

    private TextfileWriter() {
    }

    /**
     * Replaces {@code target} with the metrics.
     *
     * @throws IOException when the directory does not exist or cannot be written; the old file is then unchanged
     *                     and no temporary file is left behind
     */
    public static void write(Path target, MetricSnapshots metrics) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path directory = absolute.getParent();
        Path temporary = Files.createTempFile(directory, "." + absolute.getFileName(), ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(temporary)) {
                PrometheusTextFormatWriter.create().write(out, metrics);
            }
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-r--r--"));
            }
            try {
                Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
