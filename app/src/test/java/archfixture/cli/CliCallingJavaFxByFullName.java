package archfixture.cli;

/** Violation: JavaFX outside ui, named by its full name with no import line. */
public class CliCallingJavaFxByFullName {
    boolean onFx() {
        return javafx.application.Platform.isFxApplicationThread();
    }
}
