package dev.portwatch;

import dev.portwatch.cli.OsServices;
import dev.portwatch.cli.PortwatchCommand;
import dev.portwatch.core.LaunchOptions;
import dev.portwatch.os.DockerContainers;
import dev.portwatch.os.Scanners;
import dev.portwatch.ui.PortwatchApp;

import java.util.List;
import java.util.Optional;

/**
 * Entry point of {@code portwatch.jar}: subcommands run headless; no subcommand opens the window.
 *
 * <p>This class must not reference JavaFX types directly: the window's classes are named only inside
 * {@link #openWindow}, so the JVM loads them only when the window is really opened, and the command line works on
 * machines with no display and no JavaFX natives.
 */
public final class Main {

    private Main() {
    }

    /** Runs portwatch with the given arguments and exits with the command's exit code. */
    public static void main(String[] args) {
        Logging.configure();
        if (args.length == 0) {
            System.exit(openWindowUnparsed());
        }
        // The command line's wiring: the OS services its subcommands share, each made on first use.
        var os = new OsServices(Scanners::create, Scanners::processes, Scanners::connections,
                DockerContainers::system, Scanners::full);
        var commandLine = PortwatchCommand.commandLine(os, Main::openWindow);
        int code = commandLine.execute(args);
        // Ends a helper started for --elevate by closing its input (it would also end when this JVM exits).
        ((PortwatchCommand) commandLine.getCommand()).close();
        System.exit(code);
    }

    /**
     * No arguments: the window, without building the command line first. picocli reads the annotations of every
     * subcommand before it parses anything (about 0.25 s of a 1.5 s start on a 2-core machine, and its Java 5 class
     * files cannot be kept in a CDS archive); with nothing to parse that is all waste. The same exit as
     * {@link PortwatchCommand#call()} through picocli: 0 once the window closes, or the one-line error and 1 when it
     * cannot open (no display).
     */
    private static int openWindowUnparsed() {
        try {
            openWindow(new LaunchOptions(List.of()));
            return 0;
        } catch (RuntimeException e) {
            System.err.println("portwatch: " + e.getMessage());
            return 1;
        }
    }

    private static void openWindow(LaunchOptions options) {
        // java -jar puts JavaFX on the class path, which JavaFX does not support: load it as modules instead.
        Optional<WindowLayer.Jars> jars = WindowLayer.javafxInBootLayer() ? Optional.empty() : WindowLayer.jarLayout();
        if (jars.isPresent()) {
            WindowLayer.openWindow(jars.get(), options.watchSpecs());
        } else {
            PortwatchApp.launchWindow(options);
        }
    }
}
