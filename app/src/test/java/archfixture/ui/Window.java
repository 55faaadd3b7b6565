package archfixture.ui;

import archfixture.core.Service;

/** A clean ui class: it uses core, JavaFX and the OS contract. */
public class Window {
    /** Wires the window. */
    public Window(Service service, Object osThing) {
        javafx.application.Platform.isFxApplicationThread();
    }
}
