package dev.portwatch.core.desktop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Start at login through an XDG autostart entry, {@code $XDG_CONFIG_HOME/autostart/portwatch.desktop} (or
 * {@code ~/.config/autostart}), which GNOME, KDE Plasma, Xfce, Cinnamon, MATE and LXQt all read at login.
 *
 * <p>The file on disk is the truth, not a setting: a user may add or remove it by hand. portwatch only ever touches a
 * file it wrote itself: it marks its entries with {@value #MARKER}, never replaces an existing file (the new file is
 * hard-linked into place, which fails if one appeared meanwhile), and removes only a file that is exactly what it
 * wrote. Anything else is left alone and reported in one sentence. Methods block on the file system: never call them
 * on the JavaFX application thread.
 */
public final class Autostart {

    /** The entry's file name. */
    public static final String FILE_NAME = "portwatch.desktop";
    /** The line that marks an entry as written by portwatch. */
    public static final String MARKER = "X-Portwatch-Managed=true";

    private static final Logger LOG = Logger.getLogger(Autostart.class.getName());

    /** What is at the entry's path. */
    public enum State {
        /** No file: portwatch does not start at login. */
        ABSENT,
        /** The file portwatch writes, unchanged. */
        OURS,
        /** A file portwatch wrote, changed since (by hand, or by a portwatch started from elsewhere). */
        OURS_CHANGED,
        /** A file portwatch did not write. */
        FOREIGN
    }

    private final Path directory;
    private final List<String> command;

    /**
     * @param directory the autostart directory, created when needed
     * @param command   the command that starts portwatch's window, program first
     */
    public Autostart(Path directory, List<String> command) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.command = List.copyOf(command);
        if (this.command.isEmpty()) {
            throw new IllegalArgumentException("empty command");
        }
    }

    /** The autostart directory of this user, by the XDG rules; see {@link XdgPaths#configHome}. */
    public static Path userDirectory() {
        return userDirectory(System.getenv(), System.getProperty("user.home", "."));
    }

    /** The autostart directory for the given environment. */
    static Path userDirectory(Map<String, String> environment, String userHome) {
        return XdgPaths.configHome(environment, userHome).resolve("autostart");
    }

    /** The entry's path. */
    public Path file() {
        return directory.resolve(FILE_NAME);
    }

    /** What is at the entry's path now. */
    public State state() throws AutostartException {
        String existing;
        try {
            existing = Files.readString(file(), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return State.ABSENT;
        } catch (IOException e) {
            throw new AutostartException("Could not read " + file() + ": " + e.getMessage() + ".", e);
        }
        if (existing.equals(entry())) {
            return State.OURS;
        }
        return existing.lines().anyMatch(line -> line.strip().equals(MARKER)) ? State.OURS_CHANGED : State.FOREIGN;
    }

    /** True when some entry starts portwatch at login, whoever wrote it. */
    public boolean isEnabled() throws AutostartException {
        return state() != State.ABSENT;
    }

    /**
     * Makes portwatch start at login: writes the entry when there is none.
     *
     * @throws AutostartException when a different file is already there (it is left as it is), or on a write error
     */
    public void enable() throws AutostartException {
        State state = state();
        if (state == State.OURS) {
            return;
        }
        if (state != State.ABSENT) {
            throw new AutostartException(file() + " already exists and is not the entry portwatch writes; it was left "
                    + "as it is.");
        }
        Path temp = null;
        try {
            Files.createDirectories(directory);
            temp = Files.createTempFile(directory, ".portwatch-", ".tmp");
            Files.writeString(temp, entry(), StandardCharsets.UTF_8);
            placeWithoutReplacing(temp, file());
        } catch (FileAlreadyExistsException e) {
            throw new AutostartException(file() + " appeared while portwatch was writing it; it was left as it is.", e);
        } catch (IOException e) {
            throw new AutostartException("Could not write " + file() + ": " + e.getMessage()
                    + ". Check that the folder is writable.", e);
        } finally {
            if (temp != null) {
                deleteQuietly(temp);
            }
        }
    }

    /**
     * Stops portwatch from starting at login: removes the entry when it is exactly what portwatch wrote.
     *
     * @throws AutostartException when the file there is not portwatch's unchanged entry (it is left as it is), or on
     *                            a delete error
     */
    public void disable() throws AutostartException {
        State state = state();
        if (state == State.ABSENT) {
            return;
        }
        if (state != State.OURS) {
            throw new AutostartException(file() + (state == State.FOREIGN ? " was not written by portwatch"
                    : " was changed since portwatch wrote it") + "; it was left as it is. Delete it yourself to stop "
                    + "portwatch starting at login.");
        }
        try {
            // One unlink: atomic, the file is either there whole or gone.
            Files.deleteIfExists(file());
        } catch (IOException e) {
            throw new AutostartException("Could not remove " + file() + ": " + e.getMessage() + ".", e);
        }
    }

    /**
     * The entry's text: a Desktop Entry that starts the window, hidden from menus. Version 1.4, the newest that
     * Debian 12's desktop-file-validate knows; nothing newer is used.
     */
    public String entry() throws AutostartException {
        return "[Desktop Entry]\n"
                + "Type=Application\n"
                + "Version=1.4\n"
                + "Name=portwatch\n"
                + "Comment=Desktop port monitor for developers\n"
                + "Exec=" + DesktopEntries.exec(command) + "\n"
                + "Terminal=false\n"
                + "NoDisplay=true\n"
                + "X-GNOME-Autostart-enabled=true\n"
                + MARKER + "\n";
    }

    private static void placeWithoutReplacing(Path temp, Path target) throws IOException {
        try {
            // link() refuses an existing target atomically; a move would check first and then replace.
            Files.createLink(target, temp);
        } catch (FileAlreadyExistsException e) {
            throw e;
        } catch (UnsupportedOperationException | IOException e) {
            // File systems without hard links (FAT, some network shares): rename, after one more look.
            LOG.log(Level.FINE, "no hard link in " + target.getParent() + ", renaming instead", e);
            if (Files.exists(target)) {
                throw new FileAlreadyExistsException(target.toString());
            }
            moveWithoutReplacing(temp, target);
        }
    }

    private static void moveWithoutReplacing(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.log(Level.FINE, "could not delete " + file, e);
        }
    }

    /** Lower-cased OS name test, so the window offers start at login only where XDG autostart exists. */
    public static boolean supported() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        return !os.startsWith("windows") && !os.startsWith("mac");
    }
}
