package dev.portwatch.ui;

import dev.portwatch.os.NativeEnvironment;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Picks JavaFX's rendering pipeline before the toolkit starts.
 *
 * <p>JavaFX prefers OpenGL ({@code es2}) whenever an OpenGL library loads. On a machine without a GPU driver (a VM, a
 * remote desktop, Xvfb, a laptop without its vendor driver) that library is Mesa's software rasteriser llvmpipe,
 * which renders the same frames as JavaFX's own software pipeline ({@code sw}) for more CPU and memory: its shader
 * threads and the GL state it keeps. Measured on the idle window with 5,000 rows, see README, Performance. So when the
 * OS shows no GPU device node, portwatch asks for {@code sw}; with one, JavaFX's default order stays. An explicit
 * {@code -Dprism.order} (or {@code JAVA_TOOL_OPTIONS=-Dprism.order=es2} for the app image's launcher) always wins.
 */
final class RenderingPipeline {

    private static final Logger LOG = Logger.getLogger(RenderingPipeline.class.getName());
    static final String PRISM_ORDER = "prism.order";
    static final String GDK_GL = "GDK_GL";
    /**
     * JavaFX's pulse rate, in Hz. On Linux its pulse timer never pauses (GTK's glass timer ignores pause), so an idle
     * window wakes this often; 30 instead of JavaFX's 60 halves that cost (0.48% to 0.22% of a core measured, see
     * README, Performance) for at most 30 frames a second. {@code -Djavafx.animation.pulse=60} brings 60 back.
     */
    static final int PULSE_HZ = 30;
    static final String PULSE = "javafx.animation.pulse";

    /** The decision and why, for the log. {@code order} empty: leave JavaFX's default. */
    record Choice(Optional<String> order, String reason) {
    }

    private RenderingPipeline() {
    }

    /**
     * Decides and sets {@code prism.order} in this JVM's system properties, tells GTK not to probe OpenGL for the
     * software pipeline, and lowers JavaFX's pulse rate unless given; call before {@code Application.launch}.
     */
    static void applyDefault() {
        Choice choice = choose(Optional.ofNullable(System.getProperty(PRISM_ORDER)), System.getenv(), Path.of("/dev"),
                System.getProperty("os.name", ""));
        choice.order().ifPresent(order -> System.setProperty(PRISM_ORDER, order));
        LOG.info(() -> "rendering pipeline: " + choice.order().orElse("JavaFX default") + " (" + choice.reason() + ")");
        gdkGl(Optional.ofNullable(System.getProperty(PRISM_ORDER)), System.getenv(),
                System.getProperty("os.name", "")).ifPresent(value -> NativeEnvironment.setIfAbsent(GDK_GL, value));
        pulse(Optional.ofNullable(System.getProperty(PULSE))).ifPresent(hz -> System.setProperty(PULSE, hz));
    }

    /** The pulse rate to set: {@link #PULSE_HZ} unless the user gave one. */
    static Optional<String> pulse(Optional<String> given) {
        return given.isPresent() ? Optional.empty() : Optional.of(String.valueOf(PULSE_HZ));
    }

    /**
     * What GTK's {@code GDK_GL} should say: {@code disable} when JavaFX renders in software on Linux and the user set
     * nothing. GTK 3 otherwise probes OpenGL as it opens the display, for visuals JavaFX's software pipeline never
     * uses: that loads Mesa and, without a GPU, LLVM (about 45 MB resident, and time before the first frame).
     *
     * @param order  the effective {@code prism.order}
     * @param env    the environment
     * @param osName {@code os.name}
     */
    static Optional<String> gdkGl(Optional<String> order, Map<String, String> env, String osName) {
        boolean software = order.map(o -> o.strip().equals("sw")).orElse(false);
        return software && osName.startsWith("Linux") && !env.containsKey(GDK_GL) ? Optional.of("disable")
                : Optional.empty();
    }

    /**
     * @param explicit the user's {@code prism.order}, if given
     * @param env      the environment ({@code LIBGL_ALWAYS_SOFTWARE} forces Mesa's software renderer)
     * @param dev      the device directory, {@code /dev}; a GPU shows as {@code dri/renderD*} or {@code nvidia*}
     * @param osName   {@code os.name}; only Linux is decided here, other systems keep JavaFX's default
     */
    static Choice choose(Optional<String> explicit, Map<String, String> env, Path dev, String osName) {
        if (explicit.isPresent()) {
            return new Choice(Optional.empty(), "prism.order=" + explicit.get() + " given");
        }
        if (!osName.startsWith("Linux")) {
            return new Choice(Optional.empty(), "not Linux");
        }
        if ("1".equals(env.get("LIBGL_ALWAYS_SOFTWARE")) || "true".equalsIgnoreCase(env.get("LIBGL_ALWAYS_SOFTWARE"))) {
            return new Choice(Optional.of("sw"), "LIBGL_ALWAYS_SOFTWARE: OpenGL would be a software renderer");
        }
        if (hasGpuDevice(dev)) {
            return new Choice(Optional.empty(), "a GPU device node is present");
        }
        return new Choice(Optional.of("sw"),
                "no GPU device node in " + dev + ": OpenGL would be a software renderer such as llvmpipe");
    }

    private static boolean hasGpuDevice(Path dev) {
        return anyMatch(dev.resolve("dri"), "renderD*") || anyMatch(dev.resolve("dri"), "card*")
                || anyMatch(dev, "nvidia[0-9]*");
    }

    private static boolean anyMatch(Path dir, String glob) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, glob)) {
            return entries.iterator().hasNext();
        } catch (IOException e) {
            // Unreadable /dev: assume a GPU and leave JavaFX's own choice, which works everywhere.
            return true;
        }
    }
}
