package dev.portwatch.testing;

import dev.portwatch.cli.OsServices;
import dev.portwatch.os.DockerContainers;
import dev.portwatch.os.Scanners;
import dev.portwatch.os.SocketScanner;

import java.util.function.Supplier;

/** The command line's OS wiring as {@code Main} makes it, with the scanner a test chooses. */
public final class OsWiring {

    private OsWiring() {
    }

    /** The real process reader, connection closer and docker client, and {@code scanner}. */
    public static OsServices real(Supplier<SocketScanner> scanner) {
        return new OsServices(scanner, Scanners::processes, Scanners::connections, DockerContainers::system,
                Scanners::full);
    }
}
