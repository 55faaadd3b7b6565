package dev.portwatch.ui.actions;

import dev.portwatch.core.actions.KillOptions;
import dev.portwatch.core.actions.RebindOutcome;
import dev.portwatch.core.actions.RebindPlan;
import dev.portwatch.model.Listener;
import dev.portwatch.model.ProcessInfo;
import dev.portwatch.model.TcpConnection;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** Answers the actions' questions as a test scripts them and records everything asked and told. */
final class RecordingPrompts implements ActionPrompts {

    final List<String> seen = new ArrayList<>();
    final List<String> copied = new ArrayList<>();
    /** The texts of {@link #inform}, in order. */
    final List<String> told = new ArrayList<>();
    Optional<KillOptions> killAnswer = Optional.empty();
    boolean forceAnswer;
    Optional<RebindPlan> rebindAnswer = Optional.empty();
    boolean copyFreePortAnswer;
    Optional<String> portAnswer = Optional.empty();
    boolean copyCommandAnswer;
    boolean closeAnswer;
    List<TcpConnection> closeAsked = List.of();
    ElevationChoice elevationAnswer = ElevationChoice.CLOSE;
    Optional<String> elevatedMoveAnswer = Optional.empty();
    RebindPlan suggested;
    NewPortCheck check;
    CompletionStage<List<ProcessInfo>> children;
    CompletionStage<List<ProcessInfo>> sharers;

    @Override
    public Optional<KillOptions> confirmKill(ProcessInfo process, List<Listener> sockets,
                                             CompletionStage<List<ProcessInfo>> children,
                                             CompletionStage<List<ProcessInfo>> sharers) {
        this.children = children;
        this.sharers = sharers;
        seen.add("confirmKill " + process.pid() + " sockets=" + sockets.size());
        return killAnswer;
    }

    @Override
    public boolean confirmClose(String header, String text, List<TcpConnection> connections) {
        closeAsked = connections;
        seen.add("confirmClose " + header + " n=" + connections.size());
        return closeAnswer;
    }

    @Override
    public Progress progress(String title, String text) {
        seen.add("progress " + title);
        return new Progress() {
            @Override
            public void fraction(double done) {
            }

            @Override
            public void step(String step) {
            }

            @Override
            public void close() {
                seen.add("progress closed");
            }
        };
    }

    @Override
    public boolean offerForce(ProcessInfo process, String sentence) {
        seen.add("offerForce " + process.pid());
        return forceAnswer;
    }

    @Override
    public Optional<RebindPlan> confirmRebind(RebindPlan plan, NewPortCheck check) {
        suggested = plan;
        this.check = check;
        seen.add("confirmRebind " + plan.oldPort() + "->" + plan.newPort());
        // Answered once: a dialog that comes back (a refused port) is then cancelled.
        Optional<RebindPlan> answer = rebindAnswer;
        rebindAnswer = Optional.empty();
        return answer;
    }

    @Override
    public void showRebound(RebindOutcome outcome) {
        seen.add("showRebound " + outcome.success());
    }

    @Override
    public boolean offerFreePort(String reason, int free) {
        seen.add("offerFreePort " + free);
        return copyFreePortAnswer;
    }

    @Override
    public Optional<String> askPortNear(int start) {
        seen.add("askPortNear " + start);
        return portAnswer;
    }

    @Override
    public void inform(Severity severity, String header, String text) {
        seen.add("inform " + severity + " " + header);
        told.add(text);
    }

    @Override
    public boolean showFailure(String header, String message, Optional<String> elevatedCommand) {
        seen.add("failure " + header + ": " + message + elevatedCommand.map(c -> " [" + c + "]").orElse(""));
        return copyCommandAnswer;
    }

    @Override
    public ElevationChoice offerElevation(String header, String message, String command) {
        seen.add("offerElevation " + header + " [" + command + "]");
        return elevationAnswer;
    }

    @Override
    public Optional<String> confirmElevatedMove(ProcessInfo process, int port, int suggested, String mechanism) {
        seen.add("confirmElevatedMove " + process.pid() + " " + port + "->" + suggested + " via " + mechanism);
        return elevatedMoveAnswer;
    }

    @Override
    public void copy(String text) {
        copied.add(text);
    }

    /** The first entry that starts with {@code prefix}, for assertions. */
    Optional<String> first(String prefix) {
        return seen.stream().filter(s -> s.startsWith(prefix)).findFirst();
    }
}
