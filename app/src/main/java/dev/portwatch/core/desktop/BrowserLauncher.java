package dev.portwatch.core.desktop;

import dev.portwatch.os.OsFamily;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Opens a URL in the user's browser through the desktop's own opener: {@code xdg-open} on Linux and other Unixes,
 * {@code open} on macOS, {@code rundll32 url.dll,FileProtocolHandler} on Windows. JavaFX's
 * {@code HostServices.showDocument} prints a stack trace and returns when no browser is found, so the window could
 * not say so; this fails with a sentence instead. Blocking (it waits for the opener): call it off the JavaFX thread.
 */
public final class BrowserLauncher {

    /** How long the opener may take to hand the URL over; some keep running as long as the browser does. */
    private static final long HAND_OVER_SECONDS = 10;

    private final List<String> opener;

    /**
     * @param opener the opener's command, to which the URL is appended as one more argument
     */
    public BrowserLauncher(List<String> opener) {
        this.opener = List.copyOf(opener);
        if (this.opener.isEmpty()) {
            throw new IllegalArgumentException("the opener needs a program");
        }
    }

    /** The opener of the OS this runs on. */
    public static BrowserLauncher forThisOs() {
        List<String> opener = switch (OsFamily.current()) {
            case MAC -> List.of("open");
            case WINDOWS -> List.of("rundll32", "url.dll,FileProtocolHandler");
            case LINUX, OTHER -> List.of("xdg-open");
        };
        return new BrowserLauncher(opener);
    }

    /**
     * Opens the URL. Returns once the opener handed it over (exit 0), or after 10 s while it keeps running.
     *
     * @throws IOException          with a sentence for the user when there is no opener or it failed
     * @throws InterruptedException when the waiting thread was interrupted
     */
    public void open(String url) throws IOException, InterruptedException {
        Objects.requireNonNull(url, "url");
        List<String> command = new ArrayList<>(opener);
        command.add(url);
        Process process;
        try {
            process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new IOException("No browser opener: '" + opener.get(0) + "' was not found"
                    + (isXdgOpen() ? " (install xdg-utils)" : "") + ". Copy the URL instead.", e);
        }
        process.getOutputStream().close();
        if (!process.waitFor(HAND_OVER_SECONDS, TimeUnit.SECONDS)) {
            return;
        }
        int exit = process.exitValue();
        if (exit != 0) {
            throw new IOException(opener.get(0) + " could not open " + url + " (exit " + exit + reason(exit)
                    + "). Copy the URL instead.");
        }
    }

    private boolean isXdgOpen() {
        String program = opener.get(0);
        return program.substring(program.lastIndexOf('/') + 1).equals("xdg-open");
    }

    /** xdg-open's documented exit codes. */
    private String reason(int exit) {
        if (!isXdgOpen()) {
            return "";
        }
        return switch (exit) {
            case 3 -> ": no browser was found";
            case 4 -> ": the browser failed to start";
            default -> "";
        };
    }
}
