package dev.portwatch.core.service;

import dev.portwatch.core.format.SocketFields;
import dev.portwatch.model.Endpoint;
import dev.portwatch.model.IpVersion;
import dev.portwatch.model.Listener;
import dev.portwatch.model.ProcessInfo;
import dev.portwatch.model.Protocol;
import dev.portwatch.model.SocketState;
import dev.portwatch.os.DockerContainers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The Service field names a docker-proxy's container for the window and list alike; docker is a stand-in script. */
@EnabledOnOs({OS.LINUX, OS.MAC})
class ContainerNamesTest {

    private static final List<String> PROXY = List.of("/usr/bin/docker-proxy", "-proto", "tcp", "-host-ip",
            "0.0.0.0", "-host-port", "8080", "-container-ip", "172.17.0.2", "-container-port", "80");

    @Test
    void aDockerProxyRowNamesItsContainerAfterARefresh(@TempDir Path dir) throws IOException {
        Path calls = dir.resolve("calls");
        var names = new ContainerNames(new DockerContainers(docker(dir, calls).toString(), Duration.ofSeconds(10),
                Clock.systemUTC()));
        Listener proxy = socket(8080, new ProcessInfo(900, "docker-proxy", "root", String.join(" ", PROXY), PROXY,
                Optional.empty(), 1));

        names.refreshFor(List.of(proxy));

        assertThat(SocketFields.byId("service").orElseThrow().textOf(proxy, names.identifier()))
                .contains("shop-web");
    }

    @Test
    void dockerIsNotAskedWhenNoDockerProxyIsShown(@TempDir Path dir) throws IOException {
        Path calls = dir.resolve("calls");
        var names = new ContainerNames(new DockerContainers(docker(dir, calls).toString(), Duration.ofSeconds(10),
                Clock.systemUTC()));

        names.refreshFor(List.of(socket(3000, new ProcessInfo(901, "node", "dev", "node server.js",
                List.of("node", "server.js"), Optional.empty(), 1))));

        assertThat(calls).doesNotExist();
    }

    private static Listener socket(int port, ProcessInfo owner) {
        return new Listener(Protocol.TCP, IpVersion.V4, new Endpoint("0.0.0.0", port), Optional.empty(),
                SocketState.LISTEN, Optional.of(owner));
    }

    private static Path docker(Path dir, Path calls) throws IOException {
        Path file = dir.resolve("docker");
        Files.writeString(file, "#!/bin/sh\necho \"$1\" >> '" + calls + "'\n" + """
                case "$1" in
                  ps) printf '3f2a9c1b7d4e5f60\\n' ;;
                  inspect) printf '3f2a9c1b7d4e5f60\\t/shop-web\\tnginx:1.27\\t172.17.0.2 \\n' ;;
                esac
                """);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return file;
    }
}
