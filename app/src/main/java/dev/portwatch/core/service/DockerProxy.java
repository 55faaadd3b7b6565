package dev.portwatch.core.service;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a {@code docker-proxy} process forwards, read from its arguments
 * ({@code -proto tcp -host-ip 0.0.0.0 -host-port 8080 -container-ip 172.17.0.2 -container-port 80}).
 *
 * @param protocol      {@code "tcp"}, {@code "udp"} or {@code "sctp"}
 * @param hostIp        the address the proxy binds on the host
 * @param hostPort      the port the proxy binds on the host
 * @param containerIp   the container's address
 * @param containerPort the port inside the container
 */
public record DockerProxy(String protocol, String hostIp, int hostPort, String containerIp, int containerPort) {

    /**
     * Parses a docker-proxy argument vector ({@code argv[0]} included). Flags may use one or two dashes and
     * {@code -flag value} or {@code -flag=value}.
     *
     * @return the forwarding, or empty when {@code argv[0]} is not docker-proxy or a flag is missing or malformed
     */
    public static Optional<DockerProxy> parse(List<String> arguments) {
        if (arguments.isEmpty() || !arguments.get(0).replace('\\', '/').matches("(?:.*/)?docker-proxy(?:\\.exe)?")) {
            return Optional.empty();
        }
        Map<String, String> flags = new HashMap<>();
        for (int i = 1; i < arguments.size(); i++) {
            String arg = arguments.get(i);
            if (!arg.startsWith("-")) {
                continue;
            }
            String flag = arg.replaceFirst("^--?", "");
            int equals = flag.indexOf('=');
            if (equals >= 0) {
                flags.put(flag.substring(0, equals), flag.substring(equals + 1));
            } else if (i + 1 < arguments.size() && !arguments.get(i + 1).startsWith("-")) {
                flags.put(flag, arguments.get(++i));
            }
        }
        try {
            return Optional.of(new DockerProxy(flags.getOrDefault("proto", "tcp"),
                    required(flags, "host-ip"), Integer.parseInt(required(flags, "host-port")),
                    required(flags, "container-ip"), Integer.parseInt(required(flags, "container-port"))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String required(Map<String, String> flags, String name) {
        String value = flags.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("missing -" + name);
        }
        return value;
    }
}
