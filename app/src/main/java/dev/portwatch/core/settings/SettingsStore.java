package dev.portwatch.core.settings;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.portwatch.core.watch.WatchSpecException;
import dev.portwatch.core.watch.WatchSpecs;
import dev.portwatch.model.Protocol;
import dev.portwatch.model.WatchRule;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Reads and writes {@code settings.json} in the config directory: pretty-printed JSON a person can edit.
 *
 * <p>Writes are atomic: the JSON goes to a temporary file in the same directory, is forced to disk, then renamed
 * over the old file, so a crash or kill mid-write leaves either the old or the new file, never half of one. A file
 * that cannot be read or parsed is renamed to {@code settings.json.bak} and defaults are used, with one message
 * saying so. Methods block on the file system: never call them on the JavaFX application thread. Thread-safe.
 */
public final class SettingsStore {

    /** The settings file's name inside the config directory. */
    public static final String FILE_NAME = "settings.json";
    /** The name a corrupt settings file is kept under. */
    public static final String BACKUP_NAME = FILE_NAME + ".bak";

    private static final Logger LOG = Logger.getLogger(SettingsStore.class.getName());
    private static final String TEMP_PREFIX = "settings-";
    private static final String TEMP_SUFFIX = ".tmp";
    /** Temporary files older than this are leftovers of a killed write, not a write under way in another window. */
    private static final Duration STALE_TEMP = Duration.ofMinutes(1);

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            // Newer versions may add fields; an older portwatch keeps working with their file.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /** Bytes written per call, so a large file is written in several steps (and a test can stop in between). */
    private static final int CHUNK = 16 * 1024;

    private final Path directory;
    private final Runnable betweenChunks;

    /** A store in the given directory, created on first save. */
    public SettingsStore(Path directory) {
        this(directory, () -> { });
    }

    /** For tests: {@code betweenChunks} runs after each chunk of a save is written, before the rename. */
    SettingsStore(Path directory, Runnable betweenChunks) {
        this.directory = directory;
        this.betweenChunks = betweenChunks;
    }

    /** A store in this user's config directory; see {@link ConfigDirectory}. */
    public static SettingsStore inUserConfig() {
        return new SettingsStore(ConfigDirectory.resolve());
    }

    /**
     * What {@link #load()} found.
     *
     * @param settings the settings read, or the defaults
     * @param problem  a sentence for the user when the file was corrupt or unreadable; empty otherwise
     */
    public record Loaded(Settings settings, Optional<String> problem) {
    }

    /** The settings file. */
    public Path file() {
        return directory.resolve(FILE_NAME);
    }

    /**
     * Reads the settings; defaults when there is no file yet. Never throws: a corrupt or unreadable file is kept
     * aside as {@link #BACKUP_NAME} and reported in {@link Loaded#problem()}.
     */
    public synchronized Loaded load() {
        removeStaleTemporaryFiles();
        Path file = file();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return new Loaded(Settings.defaults(), Optional.empty());
        } catch (IOException e) {
            return keepAside("could not be read (" + e.getMessage() + ")", e);
        }
        try {
            SettingsJson json = MAPPER.readValue(bytes, SettingsJson.class);
            if (json == null) {
                return keepAside("is empty", null);
            }
            return new Loaded(json.toSettings(), Optional.empty());
        } catch (JacksonException e) {
            return keepAside("is not valid JSON (line " + e.getLocation().getLineNr() + ")", e);
        } catch (IOException e) {
            return keepAside("could not be read (" + e.getMessage() + ")", e);
        } catch (WatchSpecException | IllegalArgumentException | NullPointerException e) {
            return keepAside("holds an invalid value (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Writes the settings atomically, creating the directory if needed.
     *
     * @throws SettingsException when the directory or file cannot be written; the old file is then untouched
     */
    public synchronized void save(Settings settings) throws SettingsException {
        byte[] bytes;
        try {
            bytes = MAPPER.writeValueAsBytes(SettingsJson.of(settings));
        } catch (IOException e) {
            throw new SettingsException("Could not encode the settings: " + e.getMessage(), e);
        }
        Path temp = null;
        try {
            Files.createDirectories(directory);
            temp = Files.createTempFile(directory, TEMP_PREFIX, TEMP_SUFFIX);
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                for (int offset = 0; offset < bytes.length; offset += CHUNK) {
                    ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, Math.min(CHUNK, bytes.length - offset));
                    while (buffer.hasRemaining()) {
                        channel.write(buffer);
                    }
                    betweenChunks.run();
                }
                // On disk before the rename, so a power cut cannot leave the new name on empty content.
                channel.force(true);
            }
            move(temp, file());
            temp = null;
        } catch (IOException e) {
            throw new SettingsException("Could not save settings to " + file() + ": " + e.getMessage()
                    + ". Check that the folder is writable.", e);
        } finally {
            if (temp != null) {
                deleteQuietly(temp);
            }
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            // Some network file systems cannot rename atomically; a plain replace is the best they offer.
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private Loaded keepAside(String what, Exception cause) {
        LOG.log(Level.WARNING, "settings file " + what, cause);
        Path backup = directory.resolve(BACKUP_NAME);
        String kept;
        try {
            Files.move(file(), backup, StandardCopyOption.REPLACE_EXISTING);
            kept = "It was kept as " + backup;
        } catch (IOException e) {
            LOG.log(Level.WARNING, "could not keep the corrupt settings file aside", e);
            kept = "It could not be moved aside (" + e.getMessage() + ")";
        }
        // One sentence a line: the window shows it in a notification, the command line on stderr.
        return new Loaded(Settings.defaults(), Optional.of("The settings file " + what + ".\n" + kept
                + ".\nportwatch started with default settings."));
    }

    private void removeStaleTemporaryFiles() {
        if (!Files.isDirectory(directory)) {
            return;
        }
        FileTime cutoff = FileTime.from(Instant.now().minus(STALE_TEMP));
        try (DirectoryStream<Path> temps = Files.newDirectoryStream(directory, TEMP_PREFIX + "*" + TEMP_SUFFIX)) {
            for (Path temp : temps) {
                if (Files.getLastModifiedTime(temp).compareTo(cutoff) < 0) {
                    deleteQuietly(temp);
                }
            }
        } catch (IOException e) {
            LOG.log(Level.FINE, "could not list leftover temporary settings files", e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.log(Level.FINE, "could not delete " + file, e);
        }
    }

    /** The file's JSON shape: ports as typed ({@code "3000-3010"}), protocols in lower case. */
    @JsonPropertyOrder({"watch", "filterText", "pollIntervalMillis", "windowWidth", "windowHeight", "columns",
        "notificationsMuted", "theme", "keepInTray"})
    record SettingsJson(List<RuleJson> watch, String filterText, Long pollIntervalMillis, Double windowWidth,
                        Double windowHeight, List<ColumnLayout> columns, Boolean notificationsMuted, String theme,
                        Boolean keepInTray) {

        static SettingsJson of(Settings settings) {
            return new SettingsJson(settings.watchRules().stream().map(RuleJson::of).toList(),
                    settings.filterText(), settings.pollInterval().toMillis(), settings.windowWidth(),
                    settings.windowHeight(), settings.columns(), settings.notificationsMuted(),
                    settings.desktop().theme().name().toLowerCase(Locale.ROOT), settings.desktop().keepInTray());
        }

        /** Missing fields take their defaults, so a hand-written file may hold only what it changes. */
        Settings toSettings() throws WatchSpecException {
            Settings defaults = Settings.defaults();
            List<WatchRule> rules = new ArrayList<>();
            if (watch == null) {
                rules.addAll(defaults.watchRules());
            } else {
                for (RuleJson rule : watch) {
                    rules.add(rule.toRule());
                }
            }
            return new Settings(rules,
                    filterText == null ? defaults.filterText() : filterText,
                    pollIntervalMillis == null ? defaults.pollInterval() : Duration.ofMillis(pollIntervalMillis),
                    windowWidth == null ? defaults.windowWidth() : windowWidth,
                    windowHeight == null ? defaults.windowHeight() : windowHeight,
                    columns == null ? defaults.columns() : columns,
                    notificationsMuted != null && notificationsMuted,
                    new DesktopPrefs(theme == null ? defaults.desktop().theme()
                            : ThemeChoice.valueOf(theme.toUpperCase(Locale.ROOT)), keepInTray != null && keepInTray));
        }
    }

    /** One watch entry in the file. */
    @JsonPropertyOrder({"ports", "protocols", "label", "expectedOwner"})
    record RuleJson(String ports, List<String> protocols, String label, String expectedOwner) {

        static RuleJson of(WatchRule rule) {
            return new RuleJson(rule.ports().toString(),
                    EnumSet.copyOf(rule.protocols()).stream().map(Protocol::label).toList(),
                    rule.label(), rule.expectedOwner());
        }

        WatchRule toRule() throws WatchSpecException {
            Set<Protocol> set = EnumSet.noneOf(Protocol.class);
            for (String protocol : protocols == null ? List.of("tcp") : protocols) {
                set.add(Protocol.valueOf(protocol.toUpperCase(Locale.ROOT)));
            }
            return new WatchRule(WatchSpecs.range(ports == null ? "" : ports), label == null ? "" : label,
                    expectedOwner == null ? "" : expectedOwner, set);
        }
    }
}
