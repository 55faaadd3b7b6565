package dev.portwatch.os;

import dev.portwatch.os.linux.LinuxProcessReader;
import dev.portwatch.os.linux.LinuxSocketScanner;
import dev.portwatch.os.oshi.OshiProcessReader;
import dev.portwatch.os.oshi.OshiSocketScanner;

import java.nio.file.Path;
import java.util.Locale;

/**
 * The one place that decides which {@link SocketScanner} and {@link ProcessReader} implementations portwatch runs
 * with. Only the entry point's wiring calls it (ArchitectureTest checks that).
 */
public final class Scanners {

    /**
     * System property that forces an implementation: {@code oshi} (OSHI's full scan every time) or {@code linux}
     * (the incremental {@code /proc} scanner); unset picks the fastest one this machine supports.
     */
    public static final String PROPERTY = "portwatch.scanner";

    private static final Path PROC = Path.of("/proc");

    /** Holds the process-wide reader, created on first use. */
    private static final class Shared {
        static final ProcessReader PROCESSES = OsFamily.current() == OsFamily.LINUX
                && LinuxSocketScanner.isSupported(PROC)
                ? new LinuxProcessReader(PROC, new OshiProcessReader()) : new OshiProcessReader();
    }

    private Scanners() {
    }

    /** The process reader of this JVM: thread-safe and stateless, so one is shared by every caller. */
    public static ProcessReader processes() {
        return Shared.PROCESSES;
    }

    /** Creates OSHI's scanner, which reads everything afresh every scan: the reference the others must equal. */
    public static SocketScanner full() {
        return new OshiSocketScanner(processes());
    }

    /**
     * Creates the scanner for this machine. Each scanner keeps caches for one thread: create one per thread that
     * scans, once, and keep it.
     */
    public static SocketScanner create() {
        String wanted = System.getProperty(PROPERTY, "").toLowerCase(Locale.ROOT);
        if (wanted.equals("oshi")) {
            return full();
        }
        if (wanted.equals("linux") || (OsFamily.current() == OsFamily.LINUX && LinuxSocketScanner.isSupported(PROC))) {
            // The process reader stays the source of owners' details; the /proc reader spares OSHI the fd walk.
            return new LinuxSocketScanner(PROC, processes());
        }
        return full();
    }
}
