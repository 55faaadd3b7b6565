package dev.portwatch.ui.detail;

import dev.portwatch.model.Endpoint;
import dev.portwatch.model.EphemeralRange;
import dev.portwatch.model.IpVersion;
import dev.portwatch.model.Listener;
import dev.portwatch.model.ProcessDetails;
import dev.portwatch.model.ProcessInfo;
import dev.portwatch.model.Protocol;
import dev.portwatch.model.Snapshot;
import dev.portwatch.model.SocketState;
import dev.portwatch.os.ProcessReader;
import dev.portwatch.ui.tasks.UiTasks;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;

import static org.assertj.core.api.Assertions.assertThat;

/** The detail pane's state, with a fake scanner (the OS is not the point) and hand-run executors. */
class DetailViewModelTest {

    private static final EphemeralRange RANGE = new EphemeralRange(32_768, 60_999, "test");

    private final FakeProcesses scanner = new FakeProcesses();
    private final Queue<Runnable> background = new ArrayDeque<>();
    private final DetailViewModel model = new DetailViewModel(scanner, UiTasks.on(background::add, Runnable::run),
            () -> RANGE, Map::of);

    @Test
    void readsTheProcessOffTheCallersThreadAndShowsItWhenDone() {
        Listener debugger = socket(5005, 100, "java -agentlib:jdwp=transport=dt_socket,server=y,address=5005 Main");
        model.snapshotChanged(snapshot(debugger, socket(8080, 100, "java"), socket(9000, 200, "other")));

        model.show(Optional.of(debugger));

        assertThat(scanner.reads).isEmpty();
        assertThat(model.getState().extras()).isEmpty();
        assertThat(model.getState().service()).get().extracting(s -> s.name()).isEqualTo("JDWP debugger");
        assertThat(model.getState().sockets()).extracting(Listener::port).containsExactly(5005, 8080);

        runBackground();

        ProcessExtras extras = model.getState().extras().orElseThrow();
        assertThat(extras.workingDirectory()).isEqualTo("/home/dev/shop");
        assertThat(extras.parent()).get().extracting(ProcessInfo::name).isEqualTo("bash");
        assertThat(extras.children()).extracting(ProcessInfo::pid).containsExactly(101);
        assertThat(extras.portClass().inEphemeralRange()).isFalse();
        assertThat(scanner.reads).containsExactly("process 100", "process 1", "children 100");
    }

    @Test
    void anAnswerForAnEarlierSelectionIsDropped() {
        Listener first = socket(5005, 100, "java");
        Listener second = socket(9000, 200, "node");

        model.show(Optional.of(first));
        model.show(Optional.of(second));
        runBackground();

        assertThat(model.getState().listener()).contains(second);
        assertThat(model.getState().extras()).get().extracting(e -> e.portClass().port()).isEqualTo(9000);
    }

    @Test
    void aNewerScanOfTheSameSocketKeepsTheDetailsAndRereadsNothing() {
        Listener socket = socket(5005, 100, "java");
        model.show(Optional.of(socket));
        runBackground();
        int reads = scanner.reads.size();

        model.show(Optional.of(socket));
        model.snapshotChanged(snapshot(socket, socket(7000, 100, "java")));

        assertThat(background).isEmpty();
        assertThat(scanner.reads).hasSize(reads);
        assertThat(model.getState().extras()).isPresent();
        assertThat(model.getState().sockets()).extracting(Listener::port).containsExactly(5005, 7000);
    }

    @Test
    void nothingSelectedIsTheEmptyState() {
        model.show(Optional.of(socket(5005, 100, "java")));
        model.show(Optional.empty());
        runBackground();

        assertThat(model.getState()).isEqualTo(DetailState.EMPTY);
    }

    private void runBackground() {
        while (!background.isEmpty()) {
            background.poll().run();
        }
    }

    private static Snapshot snapshot(Listener... listeners) {
        return new Snapshot(Instant.now(), List.of(listeners), Duration.ZERO, false);
    }

    private static Listener socket(int port, int pid, String commandLine) {
        var owner = new ProcessInfo(pid, commandLine.split(" ")[0], "dev", commandLine,
                List.of(commandLine.split(" ")), Optional.empty(), 1);
        return new Listener(Protocol.TCP, IpVersion.V4, new Endpoint("127.0.0.1", port), Optional.empty(),
                SocketState.LISTEN, Optional.of(owner));
    }

    private static final class FakeProcesses implements ProcessReader {
        final List<String> reads = new ArrayList<>();

        @Override
        public Optional<ProcessDetails> process(int pid) {
            reads.add("process " + pid);
            var info = new ProcessInfo(pid, pid == 1 ? "bash" : "java", "dev", "", List.of(), Optional.empty(), 0);
            return Optional.of(new ProcessDetails(info, "/home/dev/shop", Map.of(), ""));
        }

        @Override
        public List<ProcessInfo> children(int pid) {
            reads.add("children " + pid);
            return List.of(new ProcessInfo(pid + 1, "sleep", "dev", "sleep 600", List.of(), Optional.empty(), pid));
        }

        @Override
        public boolean isRunning(int pid) {
            return true;
        }

        @Override
        public Map<Integer, ProcessInfo> readProcesses(Collection<Integer> pids) {
            return Map.of();
        }

        @Override
        public boolean isPrivileged() {
            return false;
        }
    }
}
