package archfixture.ui.vm;

/** Violation: a view model that holds a control. */
public class SceneInViewModel {
    private final javafx.scene.control.Label label = new javafx.scene.control.Label();

    Object label() {
        return label;
    }
}
