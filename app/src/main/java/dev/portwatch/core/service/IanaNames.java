package dev.portwatch.core.service;

import dev.portwatch.model.Protocol;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * IANA service names by port and protocol, read from the bundled {@code iana-services.txt} (lines of
 * {@code PORT/PROTOCOL NAME}). Immutable once built; thread-safe.
 */
final class IanaNames {

    static final String RESOURCE = "iana-services.txt";

    private final Map<String, String> names;

    private IanaNames(Map<String, String> names) {
        this.names = Map.copyOf(names);
    }

    static IanaNames bundled() {
        try (InputStream in = IanaNames.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            Map<String, String> names = new HashMap<>();
            String line;
            while ((line = reader.readLine()) != null) {
                String[] fields = line.strip().split("\\s+");
                if (fields.length >= 2 && !fields[0].startsWith("#")) {
                    // The first name listed for a port wins, as in /etc/services.
                    names.putIfAbsent(fields[0].toLowerCase(Locale.ROOT), fields[1]);
                }
            }
            return new IanaNames(names);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + RESOURCE, e);
        }
    }

    Optional<String> name(int port, Protocol protocol) {
        return Optional.ofNullable(names.get(port + "/" + protocol.label()));
    }
}
