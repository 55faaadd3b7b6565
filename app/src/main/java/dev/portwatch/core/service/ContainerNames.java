package dev.portwatch.core.service;

import dev.portwatch.model.Listener;
import dev.portwatch.model.ProcessInfo;
import dev.portwatch.os.DockerContainers;

import java.util.Collection;
import java.util.Objects;

/**
 * Names the containers behind docker-proxy sockets for the Service field, asking docker only when a docker-proxy is
 * among the sockets shown. The window and the command line use the same rule, so their Service values agree.
 * Thread-safe.
 */
public final class ContainerNames {

    private final DockerContainers docker;
    private final ServiceIdentifier identifier;

    /** @param docker reads the running containers */
    public ContainerNames(DockerContainers docker) {
        this.docker = Objects.requireNonNull(docker, "docker");
        this.identifier = ServiceIdentifier.standard().withContainers(docker::cached);
    }

    /**
     * Reads the running containers from docker when one of {@code shown} is a docker-proxy socket (docker's answer
     * is reused for {@link DockerContainers#MAX_AGE}). Blocks on docker: never call it on the JavaFX thread.
     */
    public void refreshFor(Collection<Listener> shown) {
        boolean proxied = shown.stream().flatMap(l -> l.owner().stream()).map(ProcessInfo::arguments)
                .anyMatch(arguments -> DockerProxy.parse(arguments).isPresent());
        if (proxied) {
            docker.byAddress();
        }
    }

    /**
     * The standard identifier plus the container names learnt by the last {@link #refreshFor}; never blocks. Call
     * {@code refreshFor} with the sockets before identifying them: the identifier remembers each socket's answer.
     */
    public ServiceIdentifier identifier() {
        return identifier;
    }
}
