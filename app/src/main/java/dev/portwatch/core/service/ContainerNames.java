package dev.portwatch.core.service;

import dev.portwatch.model.Listener;
import dev.portwatch.model.ProcessInfo;
import dev.portwatch.os.DockerContainers;

import java.util.Collection;
import java.util.Objects;
import java.util.Optional;

/**
 * Names the containers behind docker-proxy sockets for the Service field, asking docker only when a docker-proxy is
 * among the sockets shown. The window and the command line use the same rule, so their Service values agree.
 * Thread-safe.
 */
public final class ContainerNames {

    private final Optional<DockerContainers> docker;
    private final ServiceIdentifier identifier;

    /** @param docker reads the running containers */
    public ContainerNames(DockerContainers docker) {
        this(Optional.of(Objects.requireNonNull(docker, "docker")));
    }

    private ContainerNames(Optional<DockerContainers> docker) {
        this.docker = docker;
        this.identifier = docker.map(d -> ServiceIdentifier.standard().withContainers(d::cached))
                .orElseGet(ServiceIdentifier::standard);
    }

    /**
     * Names no container: for a remote host's sockets, whose containers this machine's docker does not know; a
     * docker-proxy row still shows the address it forwards to.
     */
    public static ContainerNames none() {
        return new ContainerNames(Optional.empty());
    }

    /**
     * Reads the running containers from docker when one of {@code shown} is a docker-proxy socket (docker's answer
     * is reused for {@link DockerContainers#MAX_AGE}). Blocks on docker: never call it on the JavaFX thread.
     */
    public void refreshFor(Collection<Listener> shown) {
        boolean proxied = shown.stream().flatMap(l -> l.owner().stream()).map(ProcessInfo::arguments)
                .anyMatch(arguments -> DockerProxy.parse(arguments).isPresent());
        if (proxied) {
            docker.ifPresent(DockerContainers::byAddress);
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
