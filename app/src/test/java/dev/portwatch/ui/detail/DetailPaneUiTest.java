package dev.portwatch.ui.detail;

import dev.portwatch.core.desktop.BrowserLauncher;
import dev.portwatch.model.Listener;
import dev.portwatch.os.DockerContainers;
import dev.portwatch.os.Scanners;
import dev.portwatch.testing.Children;
import dev.portwatch.testing.LiveWindow;
import dev.portwatch.ui.MainView;
import dev.portwatch.ui.tasks.UiTasks;
import javafx.application.Platform;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.input.Clipboard;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

import static dev.portwatch.testing.LiveWindow.await;
import static dev.portwatch.testing.LiveWindow.fx;
import static org.assertj.core.api.Assertions.assertThat;

/** The real window with the detail pane, scanning the real OS, with a real debuggee JVM as a child. */
@ExtendWith(ApplicationExtension.class)
class DetailPaneUiTest {

    private static final Children CHILDREN = new Children();
    @TempDir
    static Path workingDirectory;
    private static Children.Child debuggee;
    private static int debugPort;

    private final List<String> opened = new CopyOnWriteArrayList<>();
    /** The browser the pane runs: records the URL, then fails as a desktop without a browser does. */
    private final DetailPane.UrlOpener browser = url -> {
        opened.add(url);
        new BrowserLauncher(List.of(workingDirectory.resolve("xdg-open").toString()))
                .open(url);
    };
    private LiveWindow window;
    private MainView view;

    @BeforeAll
    static void startDebuggee() throws Exception {
        debugPort = Children.freeLoopbackPort();
        debuggee = CHILDREN.startServer(List.of(Children.jdwpAgent(debugPort)), Map.of(), workingDirectory,
                "--children", "1");
    }

    @AfterAll
    static void stopDebuggee() {
        CHILDREN.close();
    }

    private ExecutorService details;

    @Start
    void start(Stage stage) {
        details = Executors.newSingleThreadExecutor();
        window = LiveWindow.show(stage, v -> DetailPane.install(v, Scanners.processes(), DockerContainers.system(),
                UiTasks.on(details, Platform::runLater), browser));
        view = window.view();
    }

    @AfterEach
    void stop() {
        window.close();
        details.shutdownNow();
    }

    @Test
    void selectingTheDebuggerRowFillsTheDetailPane(FxRobot robot) throws Exception {
        Predicate<Listener> debugger = l -> l.port() == debugPort && l.pid().orElse(0) == debuggee.pid();
        await(() -> view.table().getItems().stream().anyMatch(row -> debugger.test(row.getListener())));
        assertThat(fx(() -> robot.lookup("#detailPlaceholder").query().isVisible())).isTrue();

        robot.interact(() -> view.selectFirst(debugger));

        await(() -> !label(robot, "#detailDirectory").equals("…") && !label(robot, "#detailChildren").equals("…"));
        assertThat(label(robot, "#detailTitle")).contains("127.0.0.1:" + debugPort, "pid " + debuggee.pid());
        assertThat(label(robot, "#detailService")).startsWith("JDWP debugger — ")
                .contains("address=127.0.0.1:" + debugPort);
        assertThat(robot.lookup("#detailCommand").queryAs(TextArea.class).getText())
                .contains(Children.jdwpAgent(debugPort), "ChildServer --children 1");
        assertThat(label(robot, "#detailDirectory")).isEqualTo(workingDirectory.toRealPath().toString());
        assertThat(label(robot, "#detailUser")).isEqualTo(System.getProperty("user.name"));
        assertThat(label(robot, "#detailStarted")).contains("(up ");
        assertThat(label(robot, "#detailParent")).startsWith(ProcessHandle.current().pid() + "  java");
        long sleeper = debuggee.process().children().findFirst().orElseThrow().pid();
        assertThat(label(robot, "#detailChildren")).isEqualTo(sleeper + "  sleep");
        assertThat(label(robot, "#detailRange")).startsWith(debugPort < 49_152 ? "registered" : "dynamic");
        // Every socket of the process: the debug agent and the child server's own port.
        await(() -> label(robot, "#detailSockets").contains(":" + debuggee.port()));
        assertThat(label(robot, "#detailSockets")).contains("tcp4  LISTEN  127.0.0.1:" + debugPort);

        // A debugger is no web page: no Open in browser.
        assertThat(fx(() -> robot.lookup("#openBrowser").query().isDisabled())).isTrue();
        robot.clickOn("#copyLsof");

        assertThat(fx(() -> Clipboard.getSystemClipboard().getString())).isEqualTo("lsof -nP -i TCP:" + debugPort);
    }

    @Test
    void openInBrowserIsOfferedForAWebServerAndItsFailureIsShownInThePane(FxRobot robot) throws Exception {
        // "-m http.server" in its command line makes the child a Python http.server to the service rules.
        var web = CHILDREN.startServer("-m", "http.server");
        try {
            Predicate<Listener> server = l -> l.port() == web.port() && l.pid().orElse(0) == web.pid();
            await(() -> view.selectFirst(server));
            await(() -> label(robot, "#detailService").startsWith("Python http.server"));
            assertThat(fx(() -> robot.lookup("#openBrowser").query().isDisabled())).isFalse();

            robot.clickOn("#openBrowser");

            await(() -> label(robot, "#browserNote").startsWith("Could not open"));
            assertThat(opened).containsExactly("http://127.0.0.1:" + web.port() + "/");
            assertThat(label(robot, "#browserNote")).isEqualTo("Could not open http://127.0.0.1:" + web.port()
                    + "/ in a browser: No browser opener: '" + workingDirectory.resolve("xdg-open")
                    + "' was not found (install xdg-utils). Copy the URL instead.");
            assertThat(fx(() -> robot.lookup("#browserNote").query().isVisible())).isTrue();
        } finally {
            web.process().destroy();
        }
    }

    @Test
    void clearingTheSelectionShowsThePlaceholderAgain(FxRobot robot) throws Exception {
        await(() -> view.selectFirst(l -> l.pid().orElse(0) == debuggee.pid()));
        await(() -> label(robot, "#detailTitle").contains("pid " + debuggee.pid()));

        robot.interact(() -> view.table().getSelectionModel().clearSelection());

        assertThat(fx(() -> robot.lookup("#detailPlaceholder").query().isVisible())).isTrue();
        assertThat(fx(() -> robot.lookup("#detailContent").query().isVisible())).isFalse();
    }

    private static String label(FxRobot robot, String id) throws Exception {
        return fx(() -> robot.lookup(id).queryAs(Label.class).getText());
    }
}
