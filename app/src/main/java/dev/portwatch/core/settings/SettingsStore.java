package dev.portwatch.core.settings;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portwatch.core.watch.WatchSpecException;
import dev.portwatch.core.watch.WatchSpecs;
import dev.portwatch.model.Protocol;
import dev.portwatch.model.WatchRule;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads and writes {@code settings.json} in the config directory: pretty-printed JSON a person can edit.
 *
 * <p>Writes are atomic: the JSON goes to a temporary file in the same directory, is forced to disk, then renamed
 * over the old file, so a crash or kill mid-write leaves either the old or the new file, never half of one. A file
 * that cannot be read or parsed is renamed to {@code settings.json.bak} and defaults are used, with one message
 * saying so. Methods block on the file system: never call them on the JavaFX application thread. Thread-safe.
 *
 * <p>Faults lose nothing: a file that can't be parsed is kept aside under a name of its own
 * ({@code settings.json.<time>.bak}, never over an earlier backup); a file that can't be read (permission denied)
 * or is not a regular file (a FIFO, which would block the read, a directory, a device) is never moved, never read
 * and never overwritten by {@link #save} from this store: the user is told why and portwatch runs on defaults.
 * Details (Jackson's message and trace) go to the log at FINE level, never to the terminal.
 *
 * <p>Settings this version does not know (a newer version's, or a misspelt one a person wrote) are kept: the
 * top-level entries {@link #load} found beyond its own are written back, as they were, by every {@link #save}.
 */
public final class SettingsStore {

    /** The settings file's name inside the config directory. */
    public static final String FILE_NAME = "settings.json";
    /** How a corrupt settings file's backup name ends: {@code settings.json.20261130-002501.bak}. */
    public static final String BACKUP_SUFFIX = ".bak";
    /** A settings file larger than this is not a settings file portwatch wrote; it is left alone. */
    static final long MAX_SIZE = 4L * 1024 * 1024;
    private static final DateTimeFormatter BACKUP_STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private static final Logger LOG = Logger.getLogger(SettingsStore.class.getName());
    private static final String TEMP_PREFIX = "settings-";
    private static final String TEMP_SUFFIX = ".tmp";
    /** Temporary files older than this are leftovers of a killed write, not a write under way in another window. */
    private static final Duration STALE_TEMP = Duration.ofMinutes(1);

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            // Newer versions may add fields; an older portwatch keeps working with their file.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // A null inside a list ("watch": [null]) is a bad file, refused while reading, not a crash later.
            .withConfigOverride(List.class, o -> o.setSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL)))
            .build();

    /** The top-level fields of the file this version reads and writes. */
    private static final Set<String> KNOWN_FIELDS = Stream.of(SettingsJson.class.getRecordComponents())
            .map(component -> component.getName()).collect(Collectors.toUnmodifiableSet());

    /** Bytes written per call, so a large file is written in several steps (and a test can stop in between). */
    private static final int CHUNK = 16 * 1024;

    private final Path directory;
    private final Runnable betweenChunks;
    /** Set when the file could not be read: then this store never replaces it. Guarded by {@code this}. */
    private String untouchable;
    /** The loaded file's top-level entries this version does not know, written back by each save. Guarded. */
    private ObjectNode unknown = MAPPER.createObjectNode();

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
     * @param problem  a sentence for the user when the file was corrupt or unreadable; empty otherwise. When
     *                 present, the settings are the defaults, not what the user saved.
     */
    public record Loaded(Settings settings, Optional<String> problem) {
    }

    /** The settings file. */
    public Path file() {
        return directory.resolve(FILE_NAME);
    }

    /**
     * Reads the settings; defaults when there is no file yet. Never throws and never blocks on a special file: a
     * corrupt file is kept aside under a backup name of its own, an unreadable or non-regular one is left where it
     * is; either way {@link Loaded#problem()} says what happened.
     */
    public synchronized Loaded load() {
        removeStaleTemporaryFiles();
        unknown = MAPPER.createObjectNode();
        Path file = file();
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return new Loaded(Settings.defaults(), Optional.empty());
        } catch (IOException e) {
            return leaveAlone("could not be read (" + reason(e) + ")", e);
        }
        // Checked before opening it: opening a FIFO for reading blocks until someone writes to it.
        if (!attributes.isRegularFile()) {
            return leaveAlone("is not a regular file (" + kind(attributes) + ")", null);
        }
        if (attributes.size() > MAX_SIZE) {
            return leaveAlone("is " + attributes.size() / (1024 * 1024) + " MB, too large for a settings file", null);
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return new Loaded(Settings.defaults(), Optional.empty());
        } catch (IOException e) {
            return leaveAlone("could not be read (" + reason(e) + ")", e);
        }
        try {
            SettingsJson json = MAPPER.readValue(bytes, SettingsJson.class);
            if (json == null) {
                return keepAside("is empty", null);
            }
            Settings settings = json.toSettings();
            unknown = unknownEntries(MAPPER.readTree(bytes));
            return new Loaded(settings, Optional.empty());
        } catch (InvalidNullException e) {
            return keepAside("holds an invalid value (null in a list, line " + e.getLocation().getLineNr() + ")", e);
        } catch (JacksonException e) {
            return keepAside("is not valid JSON (line " + e.getLocation().getLineNr() + ")", e);
        } catch (IOException e) {
            return leaveAlone("could not be read (" + reason(e) + ")", e);
        } catch (WatchSpecException | IllegalArgumentException e) {
            return keepAside("holds an invalid value (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Writes the settings atomically, creating the directory if needed.
     *
     * @throws SettingsException when the directory or file cannot be written; the old file is then untouched
     */
    public synchronized void save(Settings settings) throws SettingsException {
        if (untouchable != null) {
            throw new SettingsException("Settings not saved: " + file() + " " + untouchable
                    + ", and portwatch does not overwrite a file it could not read.", null);
        }
        byte[] bytes;
        try {
            ObjectNode json = MAPPER.valueToTree(SettingsJson.of(settings));
            unknown.fields().forEachRemaining(entry -> json.set(entry.getKey(), entry.getValue()));
            bytes = MAPPER.writeValueAsBytes(json);
        } catch (IOException | IllegalArgumentException e) {
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

    /** The entries of a settings file's top-level object that {@link SettingsJson} has no field for. */
    private static ObjectNode unknownEntries(JsonNode file) {
        ObjectNode unknown = MAPPER.createObjectNode();
        if (file instanceof ObjectNode object) {
            object.fields().forEachRemaining(entry -> {
                if (!KNOWN_FIELDS.contains(entry.getKey())) {
                    unknown.set(entry.getKey(), entry.getValue());
                }
            });
        }
        return unknown;
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
        LOG.log(Level.FINE, "settings file " + what, cause);
        String kept;
        try {
            Path backup = freeBackupName();
            // No REPLACE_EXISTING: an earlier backup is never overwritten.
            Files.move(file(), backup);
            kept = "It was kept as " + backup;
        } catch (IOException e) {
            LOG.log(Level.FINE, "could not keep the corrupt settings file aside", e);
            // Not moved, so never saved over either: what the user wrote stays.
            untouchable = what;
            kept = "It could not be moved aside (" + reason(e) + ") and is left as it is";
        }
        // One sentence a line: the window shows it in a notification, the command line on stderr.
        return new Loaded(Settings.defaults(), Optional.of("The settings file " + file() + " " + what + ".\n"
                + kept + ".\nportwatch started with default settings."));
    }

    /** For a file portwatch must not touch: it stays where it is, unread, and this store will not replace it. */
    private Loaded leaveAlone(String what, Exception cause) {
        LOG.log(Level.FINE, "settings file " + what, cause);
        untouchable = what;
        return new Loaded(Settings.defaults(), Optional.of("The settings file " + file() + " " + what + ".\n"
                + "It was left as it is, and portwatch will not save over it.\n"
                + "portwatch started with default settings."));
    }

    /** {@code settings.json.<time>.bak}, with {@code -2}, {@code -3}, ... when that name is taken. */
    private Path freeBackupName() {
        String stamp = LocalDateTime.now().format(BACKUP_STAMP);
        Path backup = directory.resolve(FILE_NAME + "." + stamp + BACKUP_SUFFIX);
        for (int n = 2; Files.exists(backup, LinkOption.NOFOLLOW_LINKS); n++) {
            backup = directory.resolve(FILE_NAME + "." + stamp + "-" + n + BACKUP_SUFFIX);
        }
        return backup;
    }

    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static String kind(BasicFileAttributes attributes) {
        if (attributes.isDirectory()) {
            return "a directory";
        }
        return attributes.isOther() ? "a FIFO, socket or device" : "not a file";
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
        "notificationsMuted", "theme", "keepInTray", "hosts"})
    record SettingsJson(List<RuleJson> watch, String filterText, Long pollIntervalMillis, Double windowWidth,
                        Double windowHeight, List<ColumnLayout> columns, Boolean notificationsMuted, String theme,
                        Boolean keepInTray, List<HostJson> hosts) {

        static SettingsJson of(Settings settings) {
            return new SettingsJson(settings.watchRules().stream().map(RuleJson::of).toList(),
                    settings.filterText(), settings.pollInterval().toMillis(), settings.windowWidth(),
                    settings.windowHeight(), settings.columns(), settings.notificationsMuted(),
                    settings.desktop().theme().name().toLowerCase(Locale.ROOT), settings.desktop().keepInTray(),
                    settings.hosts().stream().map(HostJson::of).toList());
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
                            : ThemeChoice.valueOf(theme.toUpperCase(Locale.ROOT)), keepInTray != null && keepInTray),
                    hosts == null ? List.of() : hosts.stream().map(HostJson::toHost).toList());
        }
    }

    /** One remote host in the file: its SSH destination and its own watch list. */
    @JsonPropertyOrder({"destination", "watch"})
    record HostJson(String destination, List<RuleJson> watch) {

        static HostJson of(SavedHost host) {
            return new HostJson(host.destination(), host.watchRules().stream().map(RuleJson::of).toList());
        }

        SavedHost toHost() {
            if (destination == null || destination.isBlank()) {
                throw new IllegalArgumentException("a saved host has no destination");
            }
            List<WatchRule> rules = new ArrayList<>();
            for (RuleJson rule : watch == null ? List.<RuleJson>of() : watch) {
                try {
                    rules.add(rule.toRule());
                } catch (WatchSpecException e) {
                    throw new IllegalArgumentException("host " + destination + ": " + e.getMessage(), e);
                }
            }
            return new SavedHost(destination, rules);
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
