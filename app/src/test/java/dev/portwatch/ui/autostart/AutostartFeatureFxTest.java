package dev.portwatch.ui.autostart;

import dev.portwatch.core.desktop.Autostart;
import dev.portwatch.testing.LiveWindow;
import dev.portwatch.ui.MainView;
import dev.portwatch.ui.tasks.UiTasks;
import javafx.application.Platform;
import javafx.scene.control.CheckMenuItem;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/** View ▸ Start portwatch at login writes and removes the autostart entry, and reverts with a sentence on refusal. */
@ExtendWith(ApplicationExtension.class)
class AutostartFeatureFxTest {

    @TempDir
    static Path autostartDir;

    private final ExecutorService io = Executors.newSingleThreadExecutor();
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private LiveWindow window;
    private Autostart autostart;
    private CheckMenuItem item;

    @Start
    void start(Stage stage) throws Exception {
        Files.deleteIfExists(autostartDir.resolve(Autostart.FILE_NAME));
        autostart = new Autostart(autostartDir, List.of("/opt/portwatch/bin/portwatch"));
        window = LiveWindow.show(stage, view -> {
            new AutostartFeature(view, autostart, UiTasks.on(io, Platform::runLater), problems::add);
            item = startAtLogin(view);
        });
    }

    @AfterEach
    void close() {
        window.close();
        io.shutdownNow();
    }

    /** The item as the user finds it in the View menu; the newest one when a test added a second feature. */
    private static CheckMenuItem startAtLogin(MainView view) {
        return view.menu("View").getItems().stream().filter(i -> "startAtLogin".equals(i.getId()))
                .map(CheckMenuItem.class::cast).reduce((first, second) -> second).orElseThrow();
    }

    private void click() throws Exception {
        LiveWindow.fx(() -> {
            item.setSelected(!item.isSelected());
            item.fire();
            return null;
        });
        LiveWindow.await(() -> !item.isDisable());
    }

    @Test
    void tickingWritesTheEntryAndUntickingRemovesIt() throws Exception {
        LiveWindow.await(() -> !item.isDisable());
        assertThat(LiveWindow.fx(item::isSelected)).isFalse();

        click();
        assertThat(autostartDir.resolve("portwatch.desktop")).exists();
        assertThat(LiveWindow.fx(item::isSelected)).isTrue();

        click();
        assertThat(autostartDir.resolve("portwatch.desktop")).doesNotExist();
        assertThat(problems).isEmpty();
    }

    @Test
    void aUsersOwnEntryShowsTickedAndUntickingKeepsItAndSaysWhy() throws Exception {
        Path file = autostartDir.resolve("portwatch.desktop");
        Files.writeString(file, "[Desktop Entry]\nExec=my-own-portwatch\n");
        // Re-read the disk the way the window does when it opens.
        LiveWindow.fx(() -> {
            new AutostartFeature(window.view(), autostart, UiTasks.on(io, Platform::runLater), problems::add);
            item = startAtLogin(window.view());
            return null;
        });
        LiveWindow.await(() -> !item.isDisable());
        assertThat(LiveWindow.fx(item::isSelected)).isTrue();

        click();

        assertThat(Files.readString(file)).isEqualTo("[Desktop Entry]\nExec=my-own-portwatch\n");
        assertThat(LiveWindow.fx(item::isSelected)).isTrue();
        assertThat(problems).singleElement().asString().contains("not written by portwatch", "left as it is");
    }
}
