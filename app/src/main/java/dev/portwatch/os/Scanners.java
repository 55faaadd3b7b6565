package dev.portwatch.os;

import dev.portwatch.os.linux.LinuxSocketScanner;
import dev.portwatch.os.linux.LinuxTcpConnections;
import dev.portwatch.os.oshi.OshiSocketScanner;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** The one place that decides which {@link SocketScanner} implementation portwatch runs with. */
public final class Scanners {

    /**
     * System property that forces an implementation: {@code oshi} (OSHI's full scan every time) or {@code linux}
     * (the incremental {@code /proc} scanner); unset picks the fastest one this machine supports.
     */
    public static final String PROPERTY = "portwatch.scanner";

    private static final Path PROC = Path.of("/proc");

    private Scanners() {
    }

    /** Creates OSHI's scanner, which reads everything afresh every scan: the reference the others must equal. */
    public static SocketScanner full() {
        return new OshiSocketScanner();
    }

    /** Creates the scanner for this machine. Cheap enough to call once at start-up; keep the instance. */
    public static SocketScanner create() {
        String wanted = System.getProperty(PROPERTY, "").toLowerCase(Locale.ROOT);
        if (wanted.equals("oshi")) {
            return new OshiSocketScanner();
        }
        if (wanted.equals("linux") || LinuxSocketScanner.isSupported(PROC)) {
            // OSHI stays the source of process details; the /proc reader only spares it the per-scan fd walk.
            return new LinuxSocketScanner(PROC, new OshiSocketScanner());
        }
        return new OshiSocketScanner();
    }

    /**
     * Opens the reader and closer of TCP connections for this machine.
     *
     * @return empty where portwatch cannot close connections (not Linux, or no netlink)
     */
    public static Optional<TcpConnections> connections() {
        if (!LinuxSocketScanner.isSupported(PROC)) {
            return Optional.empty();
        }
        try {
            return Optional.of(LinuxTcpConnections.open());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
