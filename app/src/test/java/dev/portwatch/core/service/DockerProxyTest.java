package dev.portwatch.core.service;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DockerProxyTest {

    @Test
    void readsTheForwardingFromTheArguments() {
        var proxy = DockerProxy.parse(List.of("/usr/bin/docker-proxy", "-proto", "udp", "-host-ip", "0.0.0.0",
                "-host-port", "5353", "-container-ip", "172.17.0.4", "-container-port", "53"));

        assertThat(proxy).contains(new DockerProxy("udp", "0.0.0.0", 5353, "172.17.0.4", 53));
    }

    @Test
    void acceptsDoubleDashesAndEqualsSigns() {
        var proxy = DockerProxy.parse(List.of("docker-proxy", "--proto=tcp", "--host-ip=::", "--host-port=8443",
                "--container-ip=fd00::2", "--container-port=443", "--use-listen-fd"));

        assertThat(proxy).contains(new DockerProxy("tcp", "::", 8443, "fd00::2", 443));
    }

    @Test
    void rejectsOtherProgramsAndMissingOrBadFlags() {
        assertThat(DockerProxy.parse(List.of("/usr/bin/not-docker-proxy", "-host-ip", "0.0.0.0", "-host-port", "1",
                "-container-ip", "1.2.3.4", "-container-port", "2"))).isEmpty();
        assertThat(DockerProxy.parse(List.of("docker-proxy", "-host-ip", "0.0.0.0", "-host-port", "80"))).isEmpty();
        assertThat(DockerProxy.parse(List.of("docker-proxy", "-host-ip", "0.0.0.0", "-host-port", "eighty",
                "-container-ip", "1.2.3.4", "-container-port", "2"))).isEmpty();
        assertThat(DockerProxy.parse(List.of())).isEmpty();
    }
}
