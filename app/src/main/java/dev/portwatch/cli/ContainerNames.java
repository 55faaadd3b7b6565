package dev.portwatch.cli;

import dev.portwatch.core.service.DockerProxy;
import dev.portwatch.core.service.ServiceIdentifier;
import dev.portwatch.model.ContainerInfo;
import dev.portwatch.model.Listener;
import dev.portwatch.model.ProcessInfo;
import dev.portwatch.os.DockerContainers;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/** Gives commands a service identifier that names containers, asking docker only when a docker-proxy is shown. */
final class ContainerNames {

    private ContainerNames() {
    }

    /** The standard identifier, plus container names when one of {@code shown} is a docker-proxy socket. */
    static ServiceIdentifier identifierFor(Collection<Listener> shown) {
        boolean proxied = shown.stream().flatMap(l -> l.owner().stream()).map(ProcessInfo::arguments)
                .anyMatch(arguments -> DockerProxy.parse(arguments).isPresent());
        if (!proxied) {
            return ServiceIdentifier.standard();
        }
        Map<String, ContainerInfo> containers = DockerContainers.system().byAddress();
        return ServiceIdentifier.standard().withContainers(ip -> Optional.ofNullable(containers.get(ip)));
    }
}
