package archfixture.os;

/** The docker client, as in portwatch: made once by the wiring. */
public final class DockerContainers {
    private DockerContainers() {
    }

    /** The system's docker client. */
    public static DockerContainers system() {
        return new DockerContainers();
    }
}
