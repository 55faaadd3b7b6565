package dev.portwatch.ui.elevate;

import dev.portwatch.core.helper.Elevation;
import dev.portwatch.core.helper.HelperClient;
import dev.portwatch.core.helper.HelperException;
import dev.portwatch.core.helper.RevealingScanner;
import dev.portwatch.model.Listener;
import dev.portwatch.model.OwnerSource;
import dev.portwatch.ui.MainView;
import dev.portwatch.ui.tasks.UiTasks;
import dev.portwatch.ui.vm.ListenerRow;
import javafx.css.PseudoClass;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableRow;
import javafx.scene.control.Tooltip;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * <em>Show all owners</em>: starts portwatch's privileged helper (pkexec with the package's polkit policy, else
 * {@code sudo -n}) off the FX thread; from then on the scanner merges the owners it reveals into the rows, which are
 * marked (italic, with a tooltip saying where the owner came from). Rows whose owner is still hidden are greyed and
 * say whose they are. When no mechanism works, says so once and the window keeps working as the user.
 */
public final class ShowAllOwners implements AutoCloseable {

    private static final PseudoClass REVEALED = PseudoClass.getPseudoClass("revealed");
    private static final PseudoClass HIDDEN = PseudoClass.getPseudoClass("hidden-owner");

    private static final String TOOLTIP_KEY = ShowAllOwners.class.getName() + ".tooltip";

    private final MainView view;
    private final RevealingScanner scanner;
    private final UiTasks background;
    private final Supplier<Elevation.Choice> mechanism;
    private final Button button = new Button("Show all owners");
    /** The same in the View menu: the toolbar is full, and on a narrow window the button sits in its overflow. */
    private final MenuItem menuItem = new MenuItem("Show all owners");

    /**
     * @param view       the window
     * @param scanner    the window's scanner, which merges revealed owners
     * @param background where the helper is started (it may wait for a password), with the outcome on the FX thread
     * @param mechanism  how to start it
     */
    public ShowAllOwners(MainView view, RevealingScanner scanner, UiTasks background,
                         Supplier<Elevation.Choice> mechanism) {
        this.view = Objects.requireNonNull(view, "view");
        this.scanner = Objects.requireNonNull(scanner, "scanner");
        this.background = Objects.requireNonNull(background, "background");
        this.mechanism = Objects.requireNonNull(mechanism, "mechanism");
    }

    /** Adds the button and the row marks to the window. FX thread. */
    public ShowAllOwners install() {
        button.setId("showAllOwners");
        button.setTooltip(new Tooltip("See other users' processes through portwatch's privileged helper "
                + "(asks for an administrator password once)"));
        button.setOnAction(e -> start());
        view.addToolbarItems(button);
        menuItem.setId("showAllOwnersMenu");
        menuItem.setOnAction(e -> start());
        menuItem.disableProperty().bind(button.disableProperty());
        view.menu("View").getItems().add(menuItem);
        view.addRowDecorator(this::mark);
        return this;
    }

    /** The helper, once started. */
    public Optional<HelperClient> helper() {
        return scanner.helper();
    }

    /** Starts the helper in the background, as the button does; FX thread. */
    public void start() {
        if (scanner.helper().isPresent()) {
            return;
        }
        button.setDisable(true);
        button.setText("Asking for rights…");
        Elevation.Choice choice = mechanism.get();
        background.run(() -> HelperClient.start(choice), this::started, e -> failed(e instanceof HelperException
                ? e.getMessage() : "The helper did not start: " + e.getMessage()));
    }

    private void started(HelperClient client) {
        scanner.reveal(client);
        button.setText("All owners shown (" + client.mechanism() + ")");
        menuItem.setText("All owners shown (" + client.mechanism() + ")");
        view.model().refreshNow();
    }

    private void failed(String message) {
        button.setDisable(false);
        button.setText("Show all owners");
        menuItem.setText("Show all owners");
        var alert = new Alert(Alert.AlertType.INFORMATION, message + "\nportwatch keeps showing what your user can "
                + "see.");
        alert.setHeaderText("Could not show all owners");
        alert.getDialogPane().setId("elevationFailed");
        if (view.getScene() != null) {
            alert.initOwner(view.getScene().getWindow());
        }
        alert.show();
    }

    private void mark(TableRow<ListenerRow> row, ListenerRow item) {
        Listener socket = item == null ? null : item.getListener();
        boolean revealed = socket != null && socket.owner().isPresent() && socket.ownerSource() == OwnerSource.HELPER;
        boolean hidden = socket != null && socket.owner().isEmpty();
        row.pseudoClassStateChanged(REVEALED, revealed);
        row.pseudoClassStateChanged(HIDDEN, hidden);
        Tooltip mine = (Tooltip) row.getProperties().computeIfAbsent(TOOLTIP_KEY, k -> new Tooltip());
        if (revealed || hidden) {
            mine.setText(revealed ? "Owner shown by portwatch's privileged helper; your user cannot see it."
                    : socket.socketUser().map(u -> "Owned by " + u.name() + "; ").orElse("")
                            + (scanner.helper().isPresent()
                            ? "not even portwatch's privileged helper can see its process (the OS protects it, or it "
                                    + "has none)."
                            : "the OS hides the process from your user. Show all owners to see it."));
            // Another decorator's tooltip (a watch conflict) says more; only an empty slot is taken.
            if (row.getTooltip() == null) {
                row.setTooltip(mine);
            }
        } else if (row.getTooltip() == mine) {
            row.setTooltip(null);
        }
    }

    /** Ends the helper (quitting portwatch ends it). */
    @Override
    public void close() {
        scanner.close();
    }
}
