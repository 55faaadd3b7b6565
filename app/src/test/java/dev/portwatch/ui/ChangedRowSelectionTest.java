package dev.portwatch.ui;

import dev.portwatch.core.service.ContainerNames;
import dev.portwatch.model.Listener;
import dev.portwatch.model.ProcessInfo;
import dev.portwatch.testing.FakeScanner;
import dev.portwatch.testing.ManualScheduler;
import dev.portwatch.ui.tasks.UiTasks;
import dev.portwatch.ui.vm.ListenerRow;
import dev.portwatch.ui.vm.MainViewModel;
import dev.portwatch.ui.vm.SyntheticListeners;
import javafx.scene.Scene;
import javafx.scene.control.TableColumn;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A row whose socket changed in place (same key, new owner details) keeps its selection and moves to its new
 * sorted place; the table shows the new details. Guards the single-change apply path.
 */
@ExtendWith(ApplicationExtension.class)
class ChangedRowSelectionTest {

    /** Scans run when the test says, on the FX thread, and are applied there at once. */
    private final FakeScanner scanner = new FakeScanner();
    private final ManualScheduler scheduler = new ManualScheduler(Instant.parse("2026-01-01T10:00:00Z"));
    private MainViewModel model;
    private MainView view;

    @Start
    void start(Stage stage) {
        model = new MainViewModel(scanner, scheduler, UiTasks.direct(), scheduler.clock(), ContainerNames.none());
        view = new MainView(model);
        stage.setScene(new Scene(view, 900, 500));
        stage.show();
    }

    @AfterEach
    void stop() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            model.close();
        }).get(10, TimeUnit.SECONDS);
        scheduler.shutdownNow();
    }

    @Test
    void changedRowStaysSelectedAndMovesToItsSortedPlace() throws Exception {
        ProcessInfo alpha = SyntheticListeners.owner(4242, "alpha");
        List<Listener> rows = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            rows.add(SyntheticListeners.listener(41_000 + i, alpha));
        }
        apply(rows);
        int port = 41_010;
        onFx(() -> {
            TableColumn<ListenerRow, ?> process = view.table().getColumns().stream()
                    .filter(c -> "process".equals(c.getId())).findFirst().orElseThrow();
            process.setSortType(TableColumn.SortType.ASCENDING);
            view.table().getSortOrder().setAll(process);
            view.selectFirst(l -> l.port() == port);
        });
        ListenerRow selected = onFx(() -> view.table().getSelectionModel().getSelectedItem());
        assertThat(selected.getListener().port()).isEqualTo(port);

        List<Listener> next = new ArrayList<>(rows);
        next.set(10, SyntheticListeners.listener(port, SyntheticListeners.owner(4242, "zulu")));
        apply(next);

        ListenerRow after = onFx(() -> view.table().getSelectionModel().getSelectedItem());
        int lastIndex = onFx(() -> view.table().getItems().size() - 1);
        ListenerRow last = onFx(() -> view.table().getItems().get(lastIndex));
        assertThat(after).isSameAs(selected);
        assertThat(after.getListener().owner().orElseThrow().name()).isEqualTo("zulu");
        assertThat(last).isSameAs(selected);
    }

    private void apply(List<Listener> next) throws Exception {
        onFx(() -> {
            scanner.willReport(next);
            model.refreshNow();
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static void onFx(Runnable action) throws Exception {
        WaitForAsyncUtils.asyncFx(action).get(10, TimeUnit.SECONDS);
    }

    private static <T> T onFx(Callable<T> action) throws Exception {
        return WaitForAsyncUtils.asyncFx(action).get(10, TimeUnit.SECONDS);
    }
}
