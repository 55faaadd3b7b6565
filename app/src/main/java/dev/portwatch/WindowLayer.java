package dev.portwatch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Opens the window with JavaFX loaded as named modules when the JVM was started with JavaFX on the class path
 * ({@code java -jar portwatch.jar}, whose manifest lists {@code lib/javafx-*.jar}).
 *
 * <p>JavaFX supports only being loaded as modules; from the class path it warns "Unsupported JavaFX configuration:
 * classes were loaded from 'unnamed module'" at every start. So the window is started from a module layer: JavaFX's
 * jars in {@code lib/} become modules of a child layer of the boot layer, and the app's own jars (the window's code,
 * ControlsFX, OSHI...) are loaded again by a class loader whose parent is that layer's, so every JavaFX class they
 * name resolves to the module. The app image needs none of this: its runtime holds JavaFX as boot-layer modules.
 *
 * <p>Never references a JavaFX type: the command line must keep working on machines without JavaFX.
 */
final class WindowLayer {

    private static final String WINDOW_CLASS = "dev.portwatch.ui.PortwatchApp";

    private WindowLayer() {
    }

    /** True when JavaFX is already a named module of the boot layer (the app image, a module-path launch). */
    static boolean javafxInBootLayer() {
        return ModuleLayer.boot().findModule("javafx.graphics").isPresent();
    }

    /**
     * The jars of a {@code java -jar} layout: the jar holding this class and {@code lib/} beside it, if JavaFX's jars
     * are there; empty for any other layout (classes directories, tests, an IDE).
     */
    static Optional<Jars> jarLayout() {
        try {
            return jarLayout(Path.of(WindowLayer.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
        } catch (URISyntaxException | SecurityException e) {
            return Optional.empty();
        }
    }

    /** {@link #jarLayout()} for the app's jar or classes directory at {@code self}. */
    static Optional<Jars> jarLayout(Path self) {
        try {
            Path lib = self.resolveSibling("lib");
            if (!Files.isRegularFile(self) || !Files.isDirectory(lib)) {
                return Optional.empty();
            }
            List<Path> javafx = new ArrayList<>();
            List<Path> app = new ArrayList<>(List.of(self));
            try (Stream<Path> jars = Files.list(lib)) {
                jars.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().forEach(p ->
                        (p.getFileName().toString().startsWith("javafx-") ? javafx : app).add(p));
            }
            return javafx.isEmpty() ? Optional.empty() : Optional.of(new Jars(javafx, app));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * The two groups of jars.
     *
     * @param javafx JavaFX's jars (the platform ones carry the classes, the others are empty)
     * @param app    the app's jar and every other library
     */
    record Jars(List<Path> javafx, List<Path> app) {
    }

    /**
     * Defines the JavaFX layer, loads the window's class in a loader above it and opens the window; returns when it
     * is closed.
     *
     * @param watchSpecs the {@code --watch} specifications, passed as plain strings because the window's copy of
     *                   {@code LaunchOptions} is another class than this loader's
     */
    static void openWindow(Jars jars, List<String> watchSpecs) {
        ModuleFinder finder = ModuleFinder.of(jars.javafx().toArray(Path[]::new));
        Configuration configuration = ModuleLayer.boot().configuration()
                .resolve(finder, ModuleFinder.of(), Set.of("javafx.controls"));
        ModuleLayer layer = ModuleLayer.defineModulesWithOneLoader(configuration, List.of(ModuleLayer.boot()),
                ClassLoader.getPlatformClassLoader()).layer();
        ClassLoader javafxLoader = layer.findLoader("javafx.controls");
        // Not closed: it serves the window's classes until the JVM exits, right after the window closes.
        @SuppressWarnings("resource")
        var appLoader = new URLClassLoader("portwatch-window", urls(jars.app()), javafxLoader);
        Thread.currentThread().setContextClassLoader(appLoader);
        try {
            Class<?> window = Class.forName(WINDOW_CLASS, true, appLoader);
            window.getMethod("launchWindow", List.class).invoke(null, List.copyOf(watchSpecs));
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("the window failed: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot start the window from " + jars.app().get(0) + ": " + e, e);
        }
    }

    private static URL[] urls(List<Path> jars) {
        return jars.stream().map(p -> {
            try {
                return p.toUri().toURL();
            } catch (MalformedURLException e) {
                throw new UncheckedIOException(e);
            }
        }).toArray(URL[]::new);
    }
}
