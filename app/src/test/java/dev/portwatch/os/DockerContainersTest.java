package dev.portwatch.os;

import dev.portwatch.model.ContainerInfo;
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

import static org.assertj.core.api.Assertions.assertThat;

/** Runs a stand-in {@code docker} script as a real child process. */
@EnabledOnOs({OS.LINUX, OS.MAC})
class DockerContainersTest {

    @Test
    void namesContainersByEachOfTheirAddresses(@TempDir Path dir) throws IOException {
        Path docker = script(dir, """
                case "$1" in
                  ps) printf '3f2a9c1b7d4e5f60\\n9b8c7d6e5f4a3b21\\n' ;;
                  inspect) printf '3f2a9c1b7d4e5f60\\t/shop-web\\tnginx:1.27\\t172.17.0.2 fd00::2 \\n'
                           printf '9b8c7d6e5f4a3b21\\t/shop-db\\tpostgres:16\\t172.18.0.3  \\n' ;;
                esac
                """);
        var containers = new DockerContainers(docker.toString(), Duration.ofSeconds(10), Clock.systemUTC());

        var byAddress = containers.byAddress();

        assertThat(byAddress).containsEntry("172.17.0.2", new ContainerInfo("3f2a9c1b7d4e", "shop-web", "nginx:1.27"))
                .containsEntry("fd00::2", new ContainerInfo("3f2a9c1b7d4e", "shop-web", "nginx:1.27"))
                .containsEntry("172.18.0.3", new ContainerInfo("9b8c7d6e5f4a", "shop-db", "postgres:16"))
                .hasSize(3);
        assertThat(containers.cached("172.18.0.3")).map(ContainerInfo::name).contains("shop-db");
    }

    @Test
    void aFailingOrMissingDockerMeansNoNames(@TempDir Path dir) throws IOException {
        Path failing = script(dir, "echo 'Cannot connect to the Docker daemon' >&2; exit 1\n");

        assertThat(new DockerContainers(failing.toString(), Duration.ofSeconds(10), Clock.systemUTC()).byAddress())
                .isEmpty();
        assertThat(new DockerContainers(dir.resolve("no-such-docker").toString(), Duration.ofSeconds(10),
                Clock.systemUTC()).byAddress()).isEmpty();
    }

    @Test
    void aHangingDockerIsKilledAfterTheTimeout(@TempDir Path dir) throws IOException {
        Path marker = dir.resolve("pid");
        Path hanging = script(dir, "echo $$ > '" + marker + "'\nexec sleep 60\n");

        var names = new DockerContainers(hanging.toString(), Duration.ofMillis(500), Clock.systemUTC()).byAddress();

        assertThat(names).isEmpty();
        long pid = Long.parseLong(Files.readString(marker).strip());
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }

    private static Path script(Path dir, String body) throws IOException {
        Path file = dir.resolve("docker-" + Math.abs(body.hashCode()));
        Files.writeString(file, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return file;
    }
}
