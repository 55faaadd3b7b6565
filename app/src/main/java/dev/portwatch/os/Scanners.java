package dev.portwatch.os;

import dev.portwatch.os.oshi.OshiSocketScanner;

/** The one place that decides which {@link SocketScanner} implementation portwatch runs with. */
public final class Scanners {

    private Scanners() {
    }

    /** Creates the scanner for this machine. Cheap enough to call once at start-up; keep the instance. */
    public static SocketScanner create() {
        return new OshiSocketScanner();
    }
}
