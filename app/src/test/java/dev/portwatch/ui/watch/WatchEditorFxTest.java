package dev.portwatch.ui.watch;

import dev.portwatch.core.service.ContainerNames;
import dev.portwatch.core.settings.Settings;
import dev.portwatch.core.settings.SettingsStore;
import dev.portwatch.model.PortRange;
import dev.portwatch.model.Protocol;
import dev.portwatch.model.WatchRule;
import dev.portwatch.model.WatchState;
import dev.portwatch.model.WatchStatus;
import dev.portwatch.testing.FakeScanner;
import dev.portwatch.ui.MainView;
import dev.portwatch.ui.settings.ViewSettings;
import dev.portwatch.ui.tasks.UiTasks;
import dev.portwatch.ui.vm.MainViewModel;
import dev.portwatch.ui.vm.SyntheticListeners;
import dev.portwatch.ui.vm.WatchViewModel;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The watch panel's form keeps the entry being edited while scans change the watch states (each change replaces the
 * statuses, which clears the list's selection), and an entry given with {@code --watch} can be edited too.
 */
@ExtendWith(ApplicationExtension.class)
class WatchEditorFxTest {

    private static final int SAVED = 62_893;
    private static final int THIS_RUN = 3_000;

    @TempDir
    Path config;

    /** The OS is not the point here: the test decides when the watched port is taken and freed. */
    private final FakeScanner scanner = new FakeScanner();
    /** The settings' file thread, which the window's composition root would own. */
    private final ExecutorService io = Executors.newSingleThreadExecutor();
    private ScheduledExecutorService scans;
    private MainViewModel model;
    private ViewSettings settings;
    private WatchViewModel watch;

    @Start
    void start(Stage stage) {
        scans = Executors.newSingleThreadScheduledExecutor();
        model = new MainViewModel(scanner, scans, UiTasks.on(scans, Platform::runLater), Clock.systemUTC(),
                ContainerNames.none());
        settings = new ViewSettings(new SettingsStore(config), Settings.defaults()
                .withWatchRules(List.of(WatchRule.tcp(PortRange.of(SAVED)))), model,
                UiTasks.on(io, Platform::runLater));
        var view = new MainView(model);
        settings.bind(view);
        watch = WatchFeature.install(view, settings, List.of(String.valueOf(THIS_RUN)), Optional.empty());
        model.setInterval(Duration.ofMillis(500));
        stage.setScene(new Scene(view, 1200, 700));
        stage.show();
        model.start();
    }

    @AfterEach
    void stop() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> model.close()).get(10, TimeUnit.SECONDS);
        scans.shutdownNow();
        io.shutdownNow();
    }

    @Test
    void editingASavedEntrySurvivesScansThatChangeItsState(FxRobot robot) throws Exception {
        robot.clickOn(cellOf(robot, SAVED));
        robot.clickOn("#watchLabel").write("my API");

        // Several scans in a row change the entry's state: taken, freed, taken, freed.
        var holder = SyntheticListeners.listener(SAVED, SyntheticListeners.owner(4242, "java"));
        for (int i = 0; i < 4; i++) {
            boolean taken = i % 2 == 0;
            scanner.willReport(taken ? List.of(holder) : List.of());
            awaitFx(() -> stateOf(SAVED) == (taken ? WatchState.IN_USE : WatchState.FREE));
            WaitForAsyncUtils.waitForFxEvents();
            assertEditing(robot, String.valueOf(SAVED));
        }
        assertThat(fx(() -> robot.lookup("#watchLabel").queryAs(TextField.class).getText())).isEqualTo("my API");

        robot.clickOn("#watchSave");
        awaitFx(() -> watch.savedRules().stream().anyMatch(r -> r.label().equals("my API")));
        assertThat(fx(() -> watch.savedRules())).containsExactly(
                new WatchRule(PortRange.of(SAVED), "my API", "", Set.of(Protocol.TCP)));
    }

    @Test
    void anEntryForThisRunOnlyIsEditedWithoutAFalseDuplicateAndSaveKeepsIt(FxRobot robot) throws Exception {
        robot.clickOn(cellOf(robot, THIS_RUN));
        assertEditing(robot, String.valueOf(THIS_RUN));

        robot.clickOn("#watchLabel").write("web");
        robot.clickOn("#watchSave");
        awaitFx(() -> !watch.savedRules().isEmpty() && watch.savedRules().size() == 2);
        assertThat(fx(() -> watch.savedRules())).contains(
                new WatchRule(PortRange.of(THIS_RUN), "web", "", Set.of(Protocol.TCP)));
        assertThat(fx(() -> watch.statuses().stream().filter(s -> s.rule().ports().from() == THIS_RUN).count()))
                .isEqualTo(1);
    }

    /** The form shows the entry, no error, and Save and Remove are enabled. */
    private static void assertEditing(FxRobot robot, String port) throws Exception {
        assertThat(fx(() -> robot.lookup("#watchPort").queryAs(TextField.class).getText())).isEqualTo(port);
        Label error = robot.lookup("#watchError").queryAs(Label.class);
        assertThat(fx(() -> error.isVisible() ? error.getText() : "")).isEmpty();
        assertThat(fx(() -> robot.lookup("#watchSave").queryAs(Button.class).isDisabled())).isFalse();
        assertThat(fx(() -> robot.lookup("#watchRemove").queryAs(Button.class).isDisabled())).isFalse();
    }

    private WatchState stateOf(int port) {
        return watch.statuses().stream().filter(s -> s.rule().ports().from() == port).map(WatchStatus::state)
                .findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static ListCell<WatchStatus> cellOf(FxRobot robot, int port) throws Exception {
        awaitFx(() -> robot.lookup("#watchList .list-cell").queryAll().stream()
                .anyMatch(n -> ((ListCell<WatchStatus>) n).getItem() != null
                        && ((ListCell<WatchStatus>) n).getItem().rule().ports().from() == port));
        return fx(() -> robot.lookup("#watchList .list-cell").queryAll().stream()
                .map(node -> (ListCell<WatchStatus>) node)
                .filter(cell -> cell.getItem() != null && cell.getItem().rule().ports().from() == port)
                .findFirst().orElseThrow());
    }

    private static <T> T fx(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get(10, TimeUnit.SECONDS);
    }

    private static void awaitFx(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> fx(condition));
    }
}
