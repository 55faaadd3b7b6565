package dev.portwatch.core.service;

import dev.portwatch.model.Listener;
import dev.portwatch.model.ProcessInfo;
import dev.portwatch.os.DockerContainers;

import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Names the containers behind docker-proxy sockets for the Service field, asking docker only when a docker-proxy is
 * among the sockets shown. The window and the command line use the same rule, so their Service values agree.
 * Thread-safe.
 */
public final class ContainerNames {

    private final Optional<DockerContainers> docker;
    private final ServiceIdentifier identifier;
    /** The last collection {@link #refreshFor} looked through, and whether a docker-proxy holds one of them. */
    private volatile Looked lastLooked;

    private record Looked(Collection<Listener> shown, boolean proxied) {
    }

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
        // The scanner hands over the very same list while nothing changed: looked through once.
        Looked looked = lastLooked;
        if (looked == null || looked.shown() != shown) {
            looked = new Looked(shown, anyDockerProxy(shown));
            lastLooked = looked;
        }
        if (looked.proxied()) {
            docker.ifPresent(DockerContainers::byAddress);
        }
    }

    /** Whether a docker-proxy owns one of the sockets; each owner looked at once (thousands of sockets share few). */
    private static boolean anyDockerProxy(Collection<Listener> shown) {
        Set<ProcessInfo> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Listener listener : shown) {
            if (listener.owner().isPresent() && seen.add(listener.owner().get())
                    && DockerProxy.parse(listener.owner().get().arguments()).isPresent()) {
                return true;
            }
        }
        return false;
    }

    /**
     * The standard identifier plus the container names learnt by the last {@link #refreshFor}; never blocks. Call
     * {@code refreshFor} with the sockets before identifying them: the identifier remembers each socket's answer.
     */
    public ServiceIdentifier identifier() {
        return identifier;
    }
}
