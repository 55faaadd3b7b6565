package archfixture.core;

/** Violation: core depending on ui. */
public class CoreUsingUi {
    Object window() {
        return new archfixture.ui.Window(null, null);
    }
}
