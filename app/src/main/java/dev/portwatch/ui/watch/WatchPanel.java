package dev.portwatch.ui.watch;

import dev.portwatch.core.ProtocolChoice;
import dev.portwatch.model.Listener;
import dev.portwatch.model.Protocol;
import dev.portwatch.model.SocketKey;
import dev.portwatch.model.WatchRule;
import dev.portwatch.model.WatchState;
import dev.portwatch.model.WatchStatus;
import dev.portwatch.ui.HolderAction;
import dev.portwatch.ui.MainView;
import dev.portwatch.ui.vm.WatchViewModel;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The side panel: a form to add or edit a watched entry, validated as typed, and the list of entries with their
 * state, holders and reason. Double-clicking an entry selects its holder's row in the table.
 */
final class WatchPanel extends VBox {

    private static final PseudoClass IN_USE = PseudoClass.getPseudoClass("in-use");

    private final WatchViewModel watch;
    private final MainView view;
    private final TextField port = new TextField();
    private final ChoiceBox<ProtocolChoice> protocol = new ChoiceBox<>();
    private final TextField label = new TextField();
    private final TextField owner = new TextField();
    private final Label error = new Label();
    private final Button add = new Button("Add");
    private final Button update = new Button("Save");
    private final Button remove = new Button("Remove");
    private final ListView<WatchStatus> list = new ListView<>();
    /**
     * The statuses, held here: the list and the re-selecting listener hang on this one view, and a view held only
     * by a weak listener of the view model's list would be collected, and the listener with it.
     */
    private final ObservableList<WatchStatus> statuses;
    /**
     * The entry the form edits, chosen by selecting it in the list. It is the form's own state, not the list's
     * selection: a scan that changes a state replaces the statuses and clears the selection for a moment, and the
     * edit must survive that.
     */
    private WatchRule editingRule;

    WatchPanel(WatchViewModel watch, MainView view) {
        this.watch = watch;
        this.view = view;
        this.statuses = watch.statuses();
        setId("watchPanel");
        getStyleClass().add("watch-panel");
        setSpacing(6);
        setPadding(new Insets(8));
        setMinWidth(280);

        var title = new Label("Watched ports");
        title.getStyleClass().add("watch-title");
        getChildren().addAll(title, buildForm(), error, buildButtons(), list, buildMute());
        VBox.setVgrow(list, Priority.ALWAYS);
        buildList();
        validate();
    }

    private GridPane buildForm() {
        port.setId("watchPort");
        port.setPromptText("62893 or 3000-3010");
        protocol.setId("watchProtocol");
        protocol.getItems().setAll(ProtocolChoice.TCP, ProtocolChoice.UDP, ProtocolChoice.BOTH);
        protocol.setValue(ProtocolChoice.TCP);
        label.setId("watchLabel");
        label.setPromptText("optional, e.g. my API");
        owner.setId("watchOwner");
        owner.setPromptText("optional: process name or command part");
        owner.setTooltip(new Tooltip("Holders whose name or command line does not match are a CONFLICT"));
        port.textProperty().addListener((obs, old, text) -> validate());
        protocol.valueProperty().addListener((obs, old, choice) -> validate());
        port.setOnAction(e -> addOrSave());

        error.setId("watchError");
        error.getStyleClass().add("watch-error");
        error.setWrapText(true);
        error.managedProperty().bind(error.visibleProperty());

        var grid = new GridPane();
        grid.setHgap(6);
        grid.setVgap(4);
        grid.addRow(0, caption("Port"), port, protocol);
        grid.addRow(1, caption("Label"), label);
        grid.addRow(2, caption("Owner"), owner);
        GridPane.setColumnSpan(label, 2);
        GridPane.setColumnSpan(owner, 2);
        GridPane.setHgrow(port, Priority.ALWAYS);
        return grid;
    }

    /** A field's name, never squeezed to "P…" by the fields that grow beside it. */
    private static Label caption(String text) {
        var caption = new Label(text);
        caption.setMinWidth(Region.USE_PREF_SIZE);
        return caption;
    }

    private HBox buildButtons() {
        add.setId("watchAdd");
        add.setOnAction(e -> {
            if (watch.add(port.getText(), label.getText(), owner.getText(), protocols())) {
                clearForm();
            }
        });
        update.setId("watchSave");
        update.setTooltip(new Tooltip("Save the changes to the selected entry (an entry given with --watch is then"
                + " saved for later runs too)"));
        update.setOnAction(e -> editing().ifPresent(old -> {
            if (watch.replace(old, port.getText(), label.getText(), owner.getText(), protocols())) {
                clearForm();
            }
        }));
        remove.setId("watchRemove");
        remove.setOnAction(e -> editing().ifPresent(rule -> {
            watch.remove(rule);
            clearForm();
        }));
        var clear = new Button("Clear");
        clear.setId("watchClear");
        clear.setOnAction(e -> clearForm());
        return new HBox(6, add, update, remove, clear);
    }

    private CheckBox buildMute() {
        var mute = new CheckBox("Mute notifications");
        mute.setId("muteNotifications");
        mute.selectedProperty().bindBidirectional(watch.mutedProperty());
        return mute;
    }

    private void buildList() {
        list.setId("watchList");
        list.setItems(statuses);
        list.setCellFactory(v -> new StatusCell());
        list.setPlaceholder(new Label("No watched ports: type one above"));
        list.getSelectionModel().selectedItemProperty().addListener((obs, old, status) -> {
            if (status != null && !status.rule().equals(editingRule)) {
                editingRule = status.rule();
                fill(status.rule());
            }
            validate();
        });
        // Statuses are replaced when a scan changes them, which clears the selection; select the same entry again.
        // Registered after setItems, so it runs after the selection model has reacted to the change.
        statuses.addListener((ListChangeListener<WatchStatus>) change -> reselect());
        // Actions for the selected entry's holders (Disconnect debugger for a JDWP session holding the port).
        var entryMenu = new ContextMenu();
        entryMenu.setOnShowing(e -> entryMenu.getItems().setAll(holderItems(
                Optional.ofNullable(list.getSelectionModel().getSelectedItem()), view.holderActions())));
        list.setContextMenu(entryMenu);
        list.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) {
                selectHolder();
            }
        });
    }

    /**
     * One menu item per holder action, enabled when it applies to one of the entry's holders, and run on the first
     * such holder; a note when nothing is registered.
     */
    static List<MenuItem> holderItems(Optional<WatchStatus> status, List<HolderAction> actions) {
        List<MenuItem> items = new ArrayList<>();
        List<Listener> holders = status.map(WatchStatus::holders).orElse(List.of());
        for (HolderAction action : actions) {
            var item = new MenuItem(action.label());
            item.setId(action.id());
            Optional<Listener> target = holders.stream().filter(action.appliesTo()).findFirst();
            item.setDisable(target.isEmpty());
            target.ifPresent(holder -> item.setOnAction(e -> action.run().accept(holder)));
            items.add(item);
        }
        return items;
    }

    /** Enter in the port field saves the edited entry, or adds a new one. */
    private void addOrSave() {
        if (!update.isDisabled()) {
            update.fire();
        } else if (!add.isDisabled()) {
            add.fire();
        }
    }

    private void reselect() {
        if (editingRule == null) {
            return;
        }
        for (int i = 0; i < list.getItems().size(); i++) {
            if (list.getItems().get(i).rule().equals(editingRule)) {
                if (list.getSelectionModel().getSelectedIndex() != i) {
                    list.getSelectionModel().select(i);
                }
                return;
            }
        }
        // The entry itself is gone (removed): what is typed stays in the form, to be added as new.
        editingRule = null;
        validate();
    }

    private void selectHolder() {
        WatchStatus status = list.getSelectionModel().getSelectedItem();
        if (status == null || status.holders().isEmpty()) {
            return;
        }
        Set<SocketKey> keys = status.holders().stream().map(Listener::key).collect(Collectors.toSet());
        if (!view.selectFirst(l -> keys.contains(l.key()))) {
            showError("The holder is hidden by the table's filter; tick 'All addresses' or clear the filter.");
        }
    }

    private void fill(WatchRule rule) {
        port.setText(rule.ports().toString());
        protocol.setValue(rule.protocols().size() == 2 ? ProtocolChoice.BOTH
                : rule.watches(Protocol.UDP) ? ProtocolChoice.UDP : ProtocolChoice.TCP);
        label.setText(rule.label());
        owner.setText(rule.expectedOwner());
    }

    private void clearForm() {
        editingRule = null;
        list.getSelectionModel().clearSelection();
        port.clear();
        label.clear();
        owner.clear();
        protocol.setValue(ProtocolChoice.TCP);
        validate();
    }

    /** Checks the typed entry on every keystroke; invalid input disables Add and Save and says why. */
    private void validate() {
        boolean blank = port.getText().isBlank();
        Optional<String> problem = blank ? Optional.empty() : watch.validate(port.getText(), protocols(), editing());
        Optional<String> asNew = blank ? Optional.empty() : watch.validate(port.getText(), protocols(),
                Optional.empty());
        problem.ifPresentOrElse(this::showError, () -> error.setVisible(false));
        add.setDisable(blank || asNew.isPresent());
        update.setDisable(blank || editing().isEmpty() || problem.isPresent());
        remove.setDisable(editing().isEmpty());
    }

    private void showError(String message) {
        error.setText(message);
        error.setVisible(true);
    }

    /** The entry the form edits, saved or for this run, while it is still watched. */
    private Optional<WatchRule> editing() {
        return Optional.ofNullable(editingRule).filter(watch::isWatched);
    }

    private Set<Protocol> protocols() {
        ProtocolChoice choice = protocol.getValue();
        return switch (choice == null ? ProtocolChoice.TCP : choice) {
            case TCP -> EnumSet.of(Protocol.TCP);
            case UDP -> EnumSet.of(Protocol.UDP);
            case BOTH -> EnumSet.of(Protocol.TCP, Protocol.UDP);
        };
    }

    /** One entry: ports, label and state on the first line, then the reason and the holders. */
    private final class StatusCell extends ListCell<WatchStatus> {
        private final Label heading = new Label();
        private final Label detail = new Label();
        private final VBox box = new VBox(2, heading, detail);

        StatusCell() {
            heading.getStyleClass().add("watch-heading");
            detail.getStyleClass().add("watch-detail");
            detail.setWrapText(true);
            // Wrapped over as many lines as the reason takes, rather than cut to one line with "…".
            detail.setMinHeight(Region.USE_PREF_SIZE);
            detail.maxWidthProperty().bind(widthProperty().subtract(20));
        }

        @Override
        protected void updateItem(WatchStatus status, boolean empty) {
            super.updateItem(status, empty);
            boolean shown = !empty && status != null;
            pseudoClassStateChanged(WatchRowMarks.CONFLICT, shown && status.state() == WatchState.CONFLICT);
            pseudoClassStateChanged(WatchRowMarks.EXPOSED, shown && status.exposed());
            pseudoClassStateChanged(IN_USE, shown && status.state() == WatchState.IN_USE);
            if (!shown) {
                setGraphic(null);
                return;
            }
            WatchRule rule = status.rule();
            heading.setText(rule.describe() + (watch.isSessionOnly(rule) ? " (this run)" : "") + " — "
                    + status.state() + (status.exposed() ? ", exposed" : ""));
            detail.setText(String.join("\n", status.reasons()));
            setGraphic(box);
        }
    }
}
