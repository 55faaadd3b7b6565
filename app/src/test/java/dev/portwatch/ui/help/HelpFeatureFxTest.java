package dev.portwatch.ui.help;

import dev.portwatch.core.AppVersion;
import dev.portwatch.os.Scanners;
import dev.portwatch.testing.LiveWindow;
import dev.portwatch.ui.Icons;
import dev.portwatch.ui.QuitItem;
import dev.portwatch.ui.Shortcut;
import dev.portwatch.ui.Shortcuts;
import dev.portwatch.ui.actions.ActionsFeature;
import dev.portwatch.ui.tasks.UiTasks;
import javafx.scene.Node;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Help ▸ Keyboard shortcuts lists exactly the shortcuts the window registers; About shows the version; icons. */
@ExtendWith(ApplicationExtension.class)
class HelpFeatureFxTest {

    private LiveWindow window;
    private HelpFeature help;
    private final AtomicInteger quits = new AtomicInteger();

    @Start
    void start(Stage stage) {
        window = LiveWindow.show(stage, view -> {
            // Only the menus and keys matter here; no action runs, so nothing reaches the OS.
            ActionsFeature.install(view, Scanners.create(), Scanners.processes(), UiTasks.direct());
            help = HelpFeature.install(view);
            // Quit is counted, not run: Platform.exit would end the test's toolkit.
            QuitItem.install(view, quits::incrementAndGet);
        });
        Icons.decorate(window.view());
    }

    @AfterEach
    void close() throws Exception {
        LiveWindow.fx(() -> {
            for (Window w : List.copyOf(Window.getWindows())) {
                if (w != window.view().getScene().getWindow()) {
                    w.hide();
                }
            }
            return null;
        });
        window.close();
    }

    private static Set<KeyCombination> keys(Shortcut.Scope scope) {
        return Shortcuts.all().stream().filter(s -> s.scope() == scope).map(Shortcut::keys).collect(Collectors.toSet());
    }

    @Test
    void theWindowRegistersExactlyTheListedWindowShortcuts() throws Exception {
        Set<KeyCombination> registered = LiveWindow.fx(() -> Set.copyOf(
                window.view().getScene().getAccelerators().keySet()));

        assertThat(registered).isEqualTo(keys(Shortcut.Scope.WINDOW));
    }

    @Test
    void f1OpensTheListWithEveryShortcut(FxRobot robot) throws Exception {
        robot.clickOn("#listeners");
        robot.push(KeyCode.F1);

        LiveWindow.await(() -> robot.lookup("#shortcutsDialog").tryQuery().isPresent());
        DialogPane pane = robot.lookup("#shortcutsDialog").queryAs(DialogPane.class);
        List<String> texts = LiveWindow.fx(() -> pane.lookupAll(".label").stream()
                .map(n -> ((Label) n).getText()).toList());
        for (Shortcut shortcut : Shortcuts.all()) {
            assertThat(texts).contains(shortcut.keysText(), shortcut.action(), shortcut.scope().label());
        }
        assertThat(texts).contains("Ctrl+F", "F5", "Delete", "F1", "Ctrl+Q");
    }

    @Test
    void ctrlQAndFileQuitQuit(FxRobot robot) throws Exception {
        robot.clickOn("#listeners");
        robot.press(KeyCode.CONTROL).press(KeyCode.Q).release(KeyCode.Q).release(KeyCode.CONTROL);
        LiveWindow.await(() -> quits.get() == 1);

        robot.clickOn("#menuFile");
        robot.clickOn("Quit");
        LiveWindow.await(() -> quits.get() == 2);
        assertThat(LiveWindow.fx(() -> {
            var items = window.view().menu("File").getItems();
            return items.get(items.size() - 1).getId();
        })).isEqualTo("quitMenu");
    }

    @Test
    void aboutShowsTheBuildsVersion() throws Exception {
        String header = LiveWindow.fx(() -> {
            var about = help.showAbout();
            String text = about.getHeaderText();
            about.close();
            return text;
        });

        assertThat(header).isEqualTo(AppVersion.display()).startsWith("portwatch ").doesNotContain("${");
        assertThat(HelpFeature.aboutText()).contains("Java " + System.getProperty("java.version"), "Settings: ");
    }

    @Test
    void toolbarButtonsAndMenusHaveIconsAndPauseShowsPlayWhilePaused() throws Exception {
        var refresh = LiveWindow.fx(() -> (ButtonBase) window.view().toolbarItems().stream()
                .filter(n -> "refresh".equals(n.getId())).findFirst().orElseThrow());
        assertThat(((FontIcon) refresh.getGraphic()).getIconCode()).isEqualTo(MaterialDesignR.REFRESH);

        var pause = LiveWindow.fx(() -> (ToggleButton) window.view().toolbarItems().stream()
                .filter(n -> "pause".equals(n.getId())).findFirst().orElseThrow());
        assertThat(((FontIcon) pause.getGraphic()).getIconCode()).isEqualTo(MaterialDesignP.PAUSE);
        LiveWindow.fx(() -> {
            pause.setSelected(true);
            return null;
        });
        assertThat(((FontIcon) pause.getGraphic()).getIconCode()).isEqualTo(MaterialDesignP.PLAY);

        List<MenuItem> items = LiveWindow.fx(() -> List.copyOf(window.view().menu("Help").getItems()));
        assertThat(items).allSatisfy(item -> assertThat(item.getGraphic()).isInstanceOf(FontIcon.class));
        for (String id : List.of("killButton", "moveButton")) {
            Node button = LiveWindow.fx(() -> window.view().toolbarItems().stream()
                    .filter(n -> id.equals(n.getId())).findFirst().orElseThrow());
            assertThat(((ButtonBase) button).getGraphic()).as(id).isInstanceOf(FontIcon.class);
        }
    }
}
