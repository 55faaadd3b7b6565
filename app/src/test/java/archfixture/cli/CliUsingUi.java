package archfixture.cli;

/** Violation: cli reaching into ui. */
public class CliUsingUi {
    Object window() {
        return new archfixture.ui.Window(null, null);
    }
}
