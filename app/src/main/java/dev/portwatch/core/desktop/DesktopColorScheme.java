package dev.portwatch.core.desktop;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Reads whether the Linux desktop prefers a dark or a light colour scheme. JavaFX 21 has no API for it (JavaFX 22's
 * {@code Platform.Preferences} does), so portwatch asks the way GTK applications do, first answer wins:
 * <ol>
 *   <li>{@code GTK_THEME} naming a dark variant ({@code Adwaita:dark}, {@code Yaru-dark});</li>
 *   <li>GNOME's {@code color-scheme} setting ({@code gsettings get org.gnome.desktop.interface color-scheme}:
 *       {@code 'prefer-dark'} or {@code 'prefer-light'}; GNOME 42+, also read by other GTK desktops);</li>
 *   <li>the GTK theme's name ({@code gsettings get org.gnome.desktop.interface gtk-theme} containing "dark");</li>
 *   <li>KDE's colour scheme in {@code $XDG_CONFIG_HOME/kdeglobals} ({@code ColorScheme=BreezeDark}).</li>
 * </ol>
 * Anything else, and every other OS, is light. {@link #detect()} runs {@code gsettings} and reads files: it blocks
 * for up to two seconds per command, so never call it on the JavaFX application thread.
 */
public final class DesktopColorScheme {

    private static final Logger LOG = Logger.getLogger(DesktopColorScheme.class.getName());
    private static final long COMMAND_TIMEOUT_SECONDS = 2;

    private DesktopColorScheme() {
    }

    /** This desktop's preference; {@link ColorScheme#LIGHT} when it states none or is not Linux. Blocks. */
    public static ColorScheme detect() {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux")) {
            return ColorScheme.LIGHT;
        }
        Map<String, String> environment = System.getenv();
        return decide(environment, DesktopColorScheme::run,
                readKdeGlobals(XdgPaths.configHome(environment, System.getProperty("user.home", "."))));
    }

    /**
     * The decision, apart from the OS so that every rule can be tested.
     *
     * @param environment the environment variables
     * @param command     runs a command and gives its standard output, empty when it failed or is missing
     * @param kdeGlobals  the text of {@code kdeglobals}, empty when there is none
     */
    static ColorScheme decide(Map<String, String> environment, Function<List<String>, Optional<String>> command,
                              Optional<String> kdeGlobals) {
        String gtkTheme = environment.getOrDefault("GTK_THEME", "");
        if (!gtkTheme.isBlank()) {
            return namesDark(gtkTheme) ? ColorScheme.DARK : ColorScheme.LIGHT;
        }
        Optional<String> scheme = command.apply(List.of("gsettings", "get", "org.gnome.desktop.interface",
                "color-scheme"));
        if (scheme.isPresent()) {
            String value = unquote(scheme.get());
            if (value.equals("prefer-dark")) {
                return ColorScheme.DARK;
            }
            if (value.equals("prefer-light")) {
                return ColorScheme.LIGHT;
            }
        }
        // 'default' (or a GNOME older than 42): the theme's name is the only hint GTK desktops give.
        Optional<String> theme = command.apply(List.of("gsettings", "get", "org.gnome.desktop.interface",
                "gtk-theme"));
        if (theme.isPresent() && namesDark(unquote(theme.get()))) {
            return ColorScheme.DARK;
        }
        if (kdeGlobals.isPresent() && kdeColorSchemeIsDark(kdeGlobals.get())) {
            return ColorScheme.DARK;
        }
        return ColorScheme.LIGHT;
    }

    private static boolean namesDark(String themeName) {
        return themeName.toLowerCase(Locale.ROOT).contains("dark");
    }

    private static String unquote(String gsettingsValue) {
        String value = gsettingsValue.strip();
        if (value.length() >= 2 && value.startsWith("'") && value.endsWith("'")) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }

    private static boolean kdeColorSchemeIsDark(String kdeGlobals) {
        boolean inGeneral = false;
        for (String line : kdeGlobals.split("\\R")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("[")) {
                inGeneral = trimmed.equals("[General]");
            } else if (inGeneral && trimmed.startsWith("ColorScheme=")) {
                return namesDark(trimmed.substring("ColorScheme=".length()));
            }
        }
        return false;
    }

    private static Optional<String> readKdeGlobals(Path configHome) {
        Path file = configHome.resolve("kdeglobals");
        try {
            return Files.isReadable(file) ? Optional.of(Files.readString(file)) : Optional.empty();
        } catch (IOException e) {
            LOG.log(Level.FINE, "could not read " + file, e);
            return Optional.empty();
        }
    }

    /** Runs a fixed command with no shell; its output, or empty when it is missing, fails or hangs. */
    private static Optional<String> run(List<String> command) {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(false)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            LOG.log(Level.FINE, "no " + command.get(0) + " here", e);
            return Optional.empty();
        }
        try (InputStream out = process.getInputStream()) {
            process.getOutputStream().close();
            if (!process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                LOG.fine(() -> String.join(" ", command) + " did not answer within " + COMMAND_TIMEOUT_SECONDS + " s");
                process.destroyForcibly();
                return Optional.empty();
            }
            String text = new String(out.readAllBytes(), StandardCharsets.UTF_8);
            return process.exitValue() == 0 ? Optional.of(text) : Optional.empty();
        } catch (IOException e) {
            LOG.log(Level.FINE, "could not read the output of " + command, e);
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return Optional.empty();
        }
    }
}
