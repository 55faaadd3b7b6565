package archfixture.ui;

/** Violation: a feature making a docker client of its own instead of getting the window's one. */
public class FeatureAskingDockerItself {
    Object docker() {
        return archfixture.os.DockerContainers.system();
    }
}
