package dev.portwatch.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * portwatch's own version, as the build wrote it ({@code project.version} of the Maven build, for example
 * {@code 0.1.0-SNAPSHOT}); shown by {@code --version} and the About dialog.
 *
 * <p>Read from a resource that Maven filters at build time rather than from the jar manifest, so the same answer
 * comes from the jar, the app image and plain {@code target/classes} ({@code mvn javafx:run}, tests).
 */
public final class AppVersion {

    private static final String RESOURCE = "version.properties";

    private AppVersion() {
    }

    /**
     * The version string, such as {@code 0.1.0} or {@code 0.1.0-SNAPSHOT}; {@code "development build"} when the
     * resource is missing or unfiltered (an IDE that compiles without Maven's resource step).
     */
    public static String current() {
        try (InputStream in = AppVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return "development build";
            }
            var properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("version", "").strip();
            return version.isEmpty() || version.startsWith("${") ? "development build" : version;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read portwatch's version resource", e);
        }
    }

    /** The line {@code --version} prints and the About dialog shows: {@code "portwatch 0.1.0"}. */
    public static String display() {
        return "portwatch " + current();
    }
}
