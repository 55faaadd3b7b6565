package dev.portwatch.ui;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class RenderingPipelineTest {

    @TempDir
    Path dev;

    private RenderingPipeline.Choice choose(Optional<String> explicit, Map<String, String> env) {
        return RenderingPipeline.choose(explicit, env, dev, "Linux");
    }

    @Test
    void noGpuDeviceNodeMeansTheSoftwarePipeline() {
        assertThat(choose(Optional.empty(), Map.of()).order()).contains("sw");
    }

    @Test
    void aRenderNodeOrAnNvidiaDeviceKeepsJavaFxsDefault() throws Exception {
        Files.createDirectories(dev.resolve("dri"));
        Files.createFile(dev.resolve("dri/renderD128"));
        assertThat(choose(Optional.empty(), Map.of()).order()).isEmpty();

        Files.delete(dev.resolve("dri/renderD128"));
        Files.createFile(dev.resolve("nvidia0"));
        assertThat(choose(Optional.empty(), Map.of()).order()).isEmpty();
    }

    @Test
    void mesaForcedToSoftwareMeansTheSoftwarePipelineEvenWithAGpu() throws Exception {
        Files.createDirectories(dev.resolve("dri"));
        Files.createFile(dev.resolve("dri/renderD128"));
        assertThat(choose(Optional.empty(), Map.of("LIBGL_ALWAYS_SOFTWARE", "1")).order()).contains("sw");
    }

    @Test
    void anExplicitPrismOrderAlwaysWins() {
        RenderingPipeline.Choice choice = choose(Optional.of("es2"), Map.of("LIBGL_ALWAYS_SOFTWARE", "1"));
        assertThat(choice.order()).isEmpty();
        assertThat(choice.reason()).contains("es2");
    }

    @Test
    void otherSystemsKeepJavaFxsDefault() {
        assertThat(RenderingPipeline.choose(Optional.empty(), Map.of(), dev, "Mac OS X").order()).isEmpty();
    }

    @Test
    void theSoftwarePipelineTellsGtkNotToProbeOpenGl() {
        assertThat(RenderingPipeline.gdkGl(Optional.of("sw"), Map.of(), "Linux")).contains("disable");
        // OpenGL wanted, the user's own GDK_GL, or not Linux: left alone.
        assertThat(RenderingPipeline.gdkGl(Optional.of("es2"), Map.of(), "Linux")).isEmpty();
        assertThat(RenderingPipeline.gdkGl(Optional.empty(), Map.of(), "Linux")).isEmpty();
        assertThat(RenderingPipeline.gdkGl(Optional.of("sw"), Map.of("GDK_GL", "always"), "Linux")).isEmpty();
        assertThat(RenderingPipeline.gdkGl(Optional.of("sw"), Map.of(), "Mac OS X")).isEmpty();
    }

    @Test
    void thePulseRateIsLoweredUnlessTheUserGaveOne() {
        assertThat(RenderingPipeline.pulse(Optional.empty())).contains("30");
        assertThat(RenderingPipeline.pulse(Optional.of("60"))).isEmpty();
    }
}
