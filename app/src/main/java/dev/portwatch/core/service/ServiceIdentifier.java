package dev.portwatch.core.service;

import dev.portwatch.model.ContainerInfo;
import dev.portwatch.model.Listener;
import dev.portwatch.model.ProcessInfo;
import dev.portwatch.model.Protocol;
import dev.portwatch.model.SocketState;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Says which service a socket belongs to, in this order: a docker-proxy's container, a rule of the bundled rule
 * file over the owner's command line ({@code service-rules.json}: debuggers, inspectors, dev servers, ...), and
 * last, for listeners only, the IANA name of the port, marked as a guess.
 *
 * <p>Pure and thread-safe: it reads only the socket and the bundled data, plus the container lookup given to
 * {@link #withContainers}, which must not block. The rule file is searched once per process and the result
 * remembered per socket, so a table may ask for every cell and every sort comparison.
 */
public final class ServiceIdentifier {

    private static final int CACHE_SIZE = 1 << 16;

    private static final class Standard {
        static final ServiceIdentifier INSTANCE =
                new ServiceIdentifier(ServiceRules.bundled(), IanaNames.bundled(), ip -> Optional.empty());
    }

    private final List<ServiceRule> rules;
    private final IanaNames iana;
    private final Function<String, Optional<ContainerInfo>> containers;
    /** The rules that matched one process's command line, searched once per process. */
    private final Map<ProcessInfo, List<RuleHits>> byProcess = lru(CACHE_SIZE / 4);
    private final Map<SocketKey, Optional<ServiceMatch>> bySocket = lru(CACHE_SIZE);

    private record RuleHits(ServiceRule rule, List<ServiceRule.Hit> hits) {
    }

    /** What decides a socket's service: its owner's command line, protocol, port and whether it listens. */
    private record SocketKey(Protocol protocol, int port, SocketState state, Optional<ProcessInfo> owner) {
    }

    private ServiceIdentifier(List<ServiceRule> rules, IanaNames iana,
                              Function<String, Optional<ContainerInfo>> containers) {
        this.rules = rules;
        this.iana = iana;
        this.containers = containers;
    }

    /**
     * The identifier with the bundled rules and IANA names, without container names. Loaded on first use and
     * shared.
     */
    public static ServiceIdentifier standard() {
        return Standard.INSTANCE;
    }

    /**
     * A copy that names the containers behind docker-proxy sockets.
     *
     * @param lookup finds a container by its IP address; called with the identifier's lock held, so it must
     *               answer from memory
     */
    public ServiceIdentifier withContainers(Function<String, Optional<ContainerInfo>> lookup) {
        return new ServiceIdentifier(rules, iana, Objects.requireNonNull(lookup, "lookup"));
    }

    /**
     * Identifies the service on a socket.
     *
     * @return the service with the reason it was recognised, or empty when nothing is known
     */
    public synchronized Optional<ServiceMatch> identify(Listener listener) {
        var key = new SocketKey(listener.protocol(), listener.port(), listener.state(), listener.owner());
        return bySocket.computeIfAbsent(key, k -> compute(listener));
    }

    /** The bundled rules' service names, in rule order; for help texts and tests. */
    public List<String> ruleNames() {
        return rules.stream().map(ServiceRule::name).toList();
    }

    private Optional<ServiceMatch> compute(Listener listener) {
        Optional<ProcessInfo> owner = listener.owner();
        if (owner.isPresent()) {
            List<String> arguments = argumentsOf(owner.get());
            Optional<ServiceMatch> container = DockerProxy.parse(arguments)
                    .filter(proxy -> proxy.hostPort() == listener.port())
                    .map(this::containerMatch);
            if (container.isPresent()) {
                return container;
            }
            List<RuleHits> matched = byProcess.computeIfAbsent(owner.get(), p -> search(arguments));
            for (RuleHits hits : matched) {
                Optional<ServiceMatch> match = hits.rule().accept(listener, hits.hits());
                if (match.isPresent()) {
                    return match;
                }
            }
        }
        if (!listener.state().isListening()) {
            // The local port of a connection is usually an ephemeral one; its IANA name would mislead.
            return Optional.empty();
        }
        return iana.name(listener.port(), listener.protocol()).map(name -> new ServiceMatch(name,
                "IANA registers " + listener.port() + "/" + listener.protocol().label() + " as " + name
                        + "; nothing in the command line confirms it", true,
                listener.protocol() == Protocol.TCP && isHttpName(name)));
    }

    private List<RuleHits> search(List<String> arguments) {
        String commandLine = String.join(" ", arguments);
        List<RuleHits> matched = new ArrayList<>();
        for (ServiceRule rule : rules) {
            List<ServiceRule.Hit> hits = rule.find(commandLine);
            if (!hits.isEmpty()) {
                matched.add(new RuleHits(rule, hits));
            }
        }
        return List.copyOf(matched);
    }

    private static <K, V> Map<K, V> lru(int capacity) {
        return new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        };
    }

    private ServiceMatch containerMatch(DockerProxy proxy) {
        String target = proxy.containerIp() + ":" + proxy.containerPort();
        Optional<ContainerInfo> container = containers.apply(proxy.containerIp());
        String name = container.map(c -> "Docker " + c.name() + " → " + proxy.containerPort())
                .orElse("Docker → " + target);
        String reason = "docker-proxy forwards host port " + proxy.hostPort() + " to container " + target
                + container.map(c -> " (" + c.name() + (c.image().isEmpty() ? "" : ", image " + c.image()) + ")")
                .orElse("");
        // A container's HTTP port (80, 8080 as IANA names it) is a web server the browser reaches through the proxy.
        boolean web = iana.name(proxy.containerPort(), Protocol.TCP).filter(ServiceIdentifier::isHttpName).isPresent();
        return new ServiceMatch(name, reason, false, web);
    }

    /** IANA names of HTTP ports: {@code http}, {@code https}, {@code http-alt}, {@code http-mgmt}, {@code www}. */
    static boolean isHttpName(String ianaName) {
        return ianaName.startsWith("http") || ianaName.equals("www");
    }

    private static List<String> argumentsOf(ProcessInfo owner) {
        if (!owner.arguments().isEmpty()) {
            return owner.arguments();
        }
        // Without an argument vector, white space is the best guess at argument boundaries.
        return owner.commandLine().isBlank() ? List.of() : Arrays.asList(owner.commandLine().strip().split("\\s+"));
    }
}
