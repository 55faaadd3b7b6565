package dev.portwatch.ui.vm;

import dev.portwatch.core.watch.LocalhostNames;
import dev.portwatch.core.watch.WatchEvaluator;
import dev.portwatch.core.watch.WatchEvent;
import dev.portwatch.core.watch.WatchSpecException;
import dev.portwatch.core.watch.WatchSpecs;
import dev.portwatch.core.watch.WatchTransitions;
import dev.portwatch.model.Addresses;
import dev.portwatch.model.Listener;
import dev.portwatch.model.PortRange;
import dev.portwatch.model.Protocol;
import dev.portwatch.model.Snapshot;
import dev.portwatch.model.SocketKey;
import dev.portwatch.model.WatchRule;
import dev.portwatch.model.WatchState;
import dev.portwatch.model.WatchStatus;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The watch list, each entry's state, the row marks of the live table and the event log. FX thread only.
 *
 * <p>States are re-evaluated on every snapshot on the FX thread: the evaluation is a pure pass over the snapshot's
 * sockets (1.3 ms for 5,000 sockets and 50 entries, 0.1 ms for 500 and 10; see {@code WatchEvaluatorBenchmark}),
 * far cheaper than the table update the same snapshot triggers. Entries given with {@code --watch} live only for
 * this run.
 */
public final class WatchViewModel {

    /** How many events the log keeps; the oldest go first. */
    public static final int MAX_EVENTS = 5_000;

    /**
     * How one row of the live table is marked.
     *
     * @param conflict true when the row's socket holds an entry in CONFLICT
     * @param exposed  true when the row's socket is a holder reachable from the network
     * @param tooltip  the entry, its state and reasons
     */
    public record RowMark(boolean conflict, boolean exposed, String tooltip) {
    }

    private final ObservableList<WatchRule> savedRules = FXCollections.observableArrayList();
    private final List<WatchRule> sessionRules = new ArrayList<>();
    private final ObservableList<WatchStatus> statuses = FXCollections.observableArrayList();
    private final ObservableList<WatchEvent> events = FXCollections.observableArrayList();
    private final BooleanProperty muted = new SimpleBooleanProperty(this, "muted");
    private final ReadOnlyLongWrapper revision = new ReadOnlyLongWrapper(this, "revision");
    private final Consumer<List<WatchRule>> onSavedRulesChanged;
    private Map<SocketKey, RowMark> marks = Map.of();
    private Snapshot snapshot = Snapshot.empty();
    private LocalhostNames localhost = LocalhostNames.UNKNOWN;
    private Consumer<WatchEvent> notifier = event -> { };

    /**
     * @param snapshots           the live snapshot; each new value is evaluated and compared with the last
     * @param saved               the saved watch list
     * @param session             entries for this run only ({@code --watch}); those clashing with saved ones are
     *                            dropped, since the saved entry already watches those ports
     * @param onSavedRulesChanged called with the new saved list after every add, edit or remove, to persist it
     */
    public WatchViewModel(ObservableValue<Snapshot> snapshots, List<WatchRule> saved, List<WatchRule> session,
                          Consumer<List<WatchRule>> onSavedRulesChanged) {
        this.onSavedRulesChanged = onSavedRulesChanged;
        savedRules.setAll(saved);
        for (WatchRule rule : session) {
            if (WatchSpecs.clash(rule, allRules(), Optional.empty()).isEmpty()) {
                sessionRules.add(rule);
            }
        }
        snapshots.addListener((obs, old, fresh) -> onSnapshot(fresh));
        onSnapshot(snapshots.getValue());
    }

    /**
     * Sets what {@code localhost} resolves to on this machine (resolved off the JavaFX thread), so split-localhost
     * conflicts say which holder it reaches first; re-evaluates the entries.
     */
    public void setLocalhost(LocalhostNames names) {
        localhost = Objects.requireNonNull(names, "names");
        evaluate();
    }

    /** Receives each event worth a notification (taken, freed, conflict, exposed) unless muted. */
    public void setNotifier(Consumer<WatchEvent> notifier) {
        this.notifier = notifier;
    }

    /**
     * Why the typed entry cannot be saved, in one sentence naming the bad part; empty when it can.
     *
     * @param portText  the port or range as typed
     * @param protocols the chosen protocols
     * @param editing   the entry being edited, if any, which the new one replaces
     */
    public Optional<String> validate(String portText, Set<Protocol> protocols, Optional<WatchRule> editing) {
        Result<List<WatchRule>> result = parse(portText, "", "", protocols, editing);
        return result.value().isPresent() ? Optional.empty() : Optional.of(result.problem());
    }

    /**
     * Adds an entry, or one per port of a list ({@code 80, 81}, the grammar of {@code --watch}); false (and nothing
     * changes) when the text is invalid or an entry clashes.
     */
    public boolean add(String portText, String label, String owner, Set<Protocol> protocols) {
        Optional<List<WatchRule>> rules = parse(portText, label, owner, protocols, Optional.empty()).value();
        rules.ifPresent(r -> {
            savedRules.addAll(r);
            rulesChanged();
        });
        return rules.isPresent();
    }

    /**
     * Replaces an entry; false (and nothing changes) when invalid or clashing with another entry. An entry for this
     * run only ({@code --watch}) is saved by its edit: it takes the place of the session entry in the saved list.
     */
    public boolean replace(WatchRule old, String portText, String label, String owner, Set<Protocol> protocols) {
        int index = savedRules.indexOf(old);
        if (index < 0 && !sessionRules.contains(old)) {
            return false;
        }
        Optional<WatchRule> rule = parse(portText, label, owner, protocols, Optional.of(old)).value()
                .map(rules -> rules.get(0));
        rule.ifPresent(r -> {
            if (index >= 0) {
                savedRules.set(index, r);
            } else {
                sessionRules.remove(old);
                savedRules.add(r);
            }
            rulesChanged();
        });
        return rule.isPresent();
    }

    /** True while the entry is watched, saved or for this run. */
    public boolean isWatched(WatchRule rule) {
        return savedRules.contains(rule) || sessionRules.contains(rule);
    }

    /** Removes an entry, saved or for this run. */
    public void remove(WatchRule rule) {
        if (savedRules.remove(rule) || sessionRules.remove(rule)) {
            rulesChanged();
        }
    }

    /** True when the entry was given on the command line and is not saved. */
    public boolean isSessionOnly(WatchRule rule) {
        return sessionRules.contains(rule);
    }

    /** The mark of a row of the live table; empty when its socket holds no watched entry. */
    public Optional<RowMark> mark(Listener listener) {
        return Optional.ofNullable(marks.get(listener.key()));
    }

    /** Empties the event log. */
    public void clearEvents() {
        events.clear();
    }

    /** The saved entries; change them through {@link #add}, {@link #replace}, {@link #remove}. */
    public ObservableList<WatchRule> savedRules() {
        return FXCollections.unmodifiableObservableList(savedRules);
    }

    /** One status per entry, saved entries first, replaced wholesale after each snapshot. */
    public ObservableList<WatchStatus> statuses() {
        return FXCollections.unmodifiableObservableList(statuses);
    }

    /** The event log, oldest first. */
    public ObservableList<WatchEvent> events() {
        return FXCollections.unmodifiableObservableList(events);
    }

    /** When true, no notifications are shown; events are still logged. */
    public BooleanProperty mutedProperty() {
        return muted;
    }

    /** Increases whenever the entries' states or the row marks changed, so the view repaints rows once. */
    public ReadOnlyLongProperty revisionProperty() {
        return revision.getReadOnlyProperty();
    }

    private void onSnapshot(Snapshot fresh) {
        boolean first = snapshot.takenAt().equals(Snapshot.empty().takenAt());
        snapshot = fresh;
        List<WatchStatus> before = List.copyOf(statuses);
        evaluate();
        if (!first && !fresh.takenAt().equals(Snapshot.empty().takenAt())) {
            for (WatchEvent event : WatchTransitions.between(before, statuses, fresh.takenAt())) {
                log(event);
            }
        }
    }

    private void log(WatchEvent event) {
        events.add(event);
        if (events.size() > MAX_EVENTS) {
            events.remove(0, events.size() - MAX_EVENTS);
        }
        if (event.kind().notifies() && !muted.get()) {
            notifier.accept(event);
        }
    }

    private void rulesChanged() {
        onSavedRulesChanged.accept(List.copyOf(savedRules));
        evaluate();
    }

    private void evaluate() {
        List<WatchStatus> fresh = WatchEvaluator.evaluate(snapshot, allRules(), localhost);
        Map<SocketKey, RowMark> newMarks = new HashMap<>();
        for (WatchStatus status : fresh) {
            String tooltip = status.rule().describe() + ": " + status.state()
                    + (status.exposed() ? ", exposed" : "") + "\n" + String.join("\n", status.reasons());
            for (Listener holder : status.holders()) {
                newMarks.merge(holder.key(), new RowMark(status.state() == WatchState.CONFLICT,
                                status.exposed() && Addresses.isNetworkExposed(holder.address()), tooltip),
                        (a, b) -> new RowMark(a.conflict() || b.conflict(), a.exposed() || b.exposed(),
                                a.tooltip() + "\n" + b.tooltip()));
            }
        }
        boolean changed = !fresh.equals(statuses) || !newMarks.equals(marks);
        if (!fresh.equals(statuses)) {
            statuses.setAll(fresh);
        }
        // Same states and marks, no repaint: most scans change no watched port.
        if (changed) {
            marks = Map.copyOf(newMarks);
            revision.set(revision.get() + 1);
        }
    }

    private List<WatchRule> allRules() {
        List<WatchRule> all = new ArrayList<>(savedRules);
        all.addAll(sessionRules);
        return all;
    }

    /**
     * The typed entries as rules, or the sentence saying why they cannot be. An edit replaces one entry, so it takes
     * one port or range; adding takes a list.
     */
    private Result<List<WatchRule>> parse(String portText, String label, String owner, Set<Protocol> protocols,
                                          Optional<WatchRule> editing) {
        if (protocols.isEmpty()) {
            return Result.failed("choose a protocol");
        }
        try {
            List<PortRange> ranges = WatchSpecs.ranges(portText);
            if (editing.isPresent() && ranges.size() > 1) {
                return Result.failed("an edit replaces one entry: give one port or range");
            }
            List<WatchRule> rules = new ArrayList<>();
            for (PortRange range : ranges) {
                var rule = new WatchRule(range, label, owner, protocols);
                List<WatchRule> existing = new ArrayList<>(allRules());
                existing.addAll(rules);
                Optional<String> clash = WatchSpecs.clash(rule, existing, editing);
                if (clash.isPresent()) {
                    return Result.failed(clash.get());
                }
                rules.add(rule);
            }
            return Result.of(List.copyOf(rules));
        } catch (WatchSpecException e) {
            return Result.failed(e.getMessage());
        }
    }

    private record Result<T>(Optional<T> value, String problem) {
        static <T> Result<T> of(T value) {
            return new Result<>(Optional.of(value), "");
        }

        static <T> Result<T> failed(String problem) {
            return new Result<>(Optional.empty(), problem);
        }
    }

    /** The ports of every entry, for logs and tests: {@code 62893/tcp, 3000-3010/tcp}. */
    @Override
    public String toString() {
        return allRules().stream().map(WatchRule::describe).collect(Collectors.joining(", "));
    }
}
