package dev.portwatch.ui.export;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portwatch.core.format.Json;
import dev.portwatch.testing.Children;
import dev.portwatch.testing.LiveWindow;
import dev.portwatch.ui.MainView;
import dev.portwatch.ui.tasks.UiTasks;
import dev.portwatch.ui.vm.ListenerRow;
import dev.portwatch.ui.vm.MainViewModel;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableColumn;
import javafx.stage.Stage;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static dev.portwatch.testing.LiveWindow.await;
import static dev.portwatch.testing.LiveWindow.fx;
import static org.assertj.core.api.Assertions.assertThat;

/** File ▸ Export against the real window: the rows as shown, after the filter, in table order. */
@ExtendWith(ApplicationExtension.class)
class TableExportUiTest {

    @TempDir
    Path dir;

    private final Children children = new Children();
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private TableExport export;
    private LiveWindow window;
    private MainViewModel model;
    private MainView view;
    private Path target;

    @Start
    void start(Stage stage) {
        window = LiveWindow.show(stage, v -> export = new TableExport(v, format -> Optional.ofNullable(target),
                UiTasks.direct(), problems::add));
        model = window.model();
        view = window.view();
    }

    @AfterEach
    void stop() {
        window.close();
        children.close();
    }

    @Test
    void exportsTheFilteredRowsInTableOrderAsCsvAndJson() throws Exception {
        // Unique to this JVM: other worktrees on the machine run this same test at the same time.
        String awkward = "x,y \"z\" " + ProcessHandle.current().pid();
        var first = children.startServer("--note", awkward);
        var second = children.startServer("--note", awkward);
        await(() -> rows().stream().filter(r -> r.getListener().port() == first.port()
                || r.getListener().port() == second.port()).count() == 2);
        // Only the two children pass the filter; sort descending by port so table order differs from scan order.
        filter(awkward);
        await(() -> rows().size() == 2);
        WaitForAsyncUtils.asyncFx(() -> {
            var port = view.table().getColumns().get(0);
            port.setSortType(TableColumn.SortType.DESCENDING);
            view.table().getSortOrder().setAll(List.of(port));
        }).get(10, TimeUnit.SECONDS);
        List<String> shownPorts = fx(() -> rows().stream().map(r -> String.valueOf(r.getListener().port())).toList());

        target = dir.resolve("table.csv");
        fire("#exportCSV");
        List<CSVRecord> records;
        try (Reader in = Files.newBufferedReader(target);
                CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
            records = parser.getRecords();
        }
        target = dir.resolve("table.json");
        fire("#exportJSON");
        JsonNode json = Json.mapper().readTree(target.toFile());
        // The status bar says where the file went.
        assertThat(fx(() -> statusText())).isEqualTo("Exported 2 rows to " + target.toAbsolutePath());

        assertThat(records).extracting(r -> r.get("port")).containsExactlyElementsOf(shownPorts);
        assertThat(records).allSatisfy(r -> assertThat(r.get("command")).endsWith("--note " + awkward));
        List<String> jsonPorts = new ArrayList<>();
        json.forEach(node -> jsonPorts.add(node.get("port").asText()));
        assertThat(jsonPorts).containsExactlyElementsOf(shownPorts);
        assertThat(problems).isEmpty();
    }

    @Test
    void anUnwritableFileIsReportedAndNothingIsWritten() throws Exception {
        target = dir.resolve("no-such-dir").resolve("table.csv");

        fire("#exportCSV");

        assertThat(problems).singleElement().asString().startsWith("Could not write " + target)
                .endsWith("Choose another file.");
        assertThat(fx(() -> statusText())).isEqualTo(problems.get(0));
        assertThat(Files.exists(target)).isFalse();
    }

    /** The export's label in the window's status bar, found in the scene as the user sees it. */
    private String statusText() {
        var label = (Label) view.lookup("#exportStatus");
        assertThat(label.getText()).isEqualTo(export.lastOutcome());
        return label.getText();
    }

    private List<ListenerRow> rows() {
        return List.copyOf(view.table().getItems());
    }

    private void filter(String text) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> model.filterProperty().set(model.filterProperty().get().withText(text)))
                .get(10, TimeUnit.SECONDS);
    }

    private void fire(String id) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> view.menu("File").getItems().stream()
                .filter(item -> id.equals("#" + item.getId())).findFirst().ifPresent(MenuItem::fire))
                .get(10, TimeUnit.SECONDS);
    }
}
