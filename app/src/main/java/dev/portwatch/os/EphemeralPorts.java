package dev.portwatch.os;

import dev.portwatch.model.EphemeralRange;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Reads this OS's ephemeral port range. The only place that knows where each OS keeps it. */
public final class EphemeralPorts {

    /** Where Linux keeps the range: two numbers separated by white space. */
    public static final Path LINUX_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");

    private static volatile EphemeralRange current;

    private EphemeralPorts() {
    }

    /**
     * This machine's range, read once and then remembered. On Linux it comes from {@link #LINUX_RANGE}; elsewhere,
     * and when that file cannot be read, it is the IANA dynamic range, which Windows and macOS use by default. Reads
     * a small file the first time; safe from any thread.
     */
    public static EphemeralRange current() {
        EphemeralRange range = current;
        if (range == null) {
            boolean linux = OsFamily.current() == OsFamily.LINUX;
            range = (linux ? read(LINUX_RANGE) : Optional.<EphemeralRange>empty())
                    .orElse(EphemeralRange.IANA_DYNAMIC);
            current = range;
        }
        return range;
    }

    /**
     * Reads a Linux-style range file ({@code "32768\t60999"}).
     *
     * @return the range, or empty when the file is missing or does not hold two valid port numbers
     */
    public static Optional<EphemeralRange> read(Path file) {
        // Not Files.readString: procfs reports size 0, and the JDK then reads only the first byte.
        try (InputStream in = Files.newInputStream(file)) {
            String[] fields = new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip().split("\\s+");
            if (fields.length != 2) {
                return Optional.empty();
            }
            return Optional.of(new EphemeralRange(Integer.parseInt(fields[0]), Integer.parseInt(fields[1]),
                    file.toString()));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
