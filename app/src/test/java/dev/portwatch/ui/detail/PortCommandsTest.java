package dev.portwatch.ui.detail;

import dev.portwatch.core.service.ServiceMatch;
import dev.portwatch.model.Endpoint;
import dev.portwatch.model.IpVersion;
import dev.portwatch.model.Listener;
import dev.portwatch.model.Protocol;
import dev.portwatch.model.SocketState;
import dev.portwatch.os.OsFamily;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class PortCommandsTest {

    @ParameterizedTest
    @CsvSource({
        "0.0.0.0, http://localhost:8080/",
        "::, http://localhost:8080/",
        "127.0.0.1, http://127.0.0.1:8080/",
        "::1, http://[::1]:8080/",
        "::ffff:127.0.0.1, http://127.0.0.1:8080/",
        "192.168.1.20, http://192.168.1.20:8080/",
        "fe80::1, http://[fe80::1]:8080/"})
    void buildsABrowserUrlForTcpListeners(String address, String url) {
        Listener listener = socket(Protocol.TCP, SocketState.LISTEN, address);

        assertThat(PortCommands.url(listener)).contains(url);
        assertThat(PortCommands.curl(listener)).contains("curl -v " + url);
    }

    @Test
    void opensInABrowserOnlyWhatLooksLikeAnHttpServer() {
        Listener devPort = socket(Protocol.TCP, SocketState.LISTEN, "127.0.0.1");
        var webServer = new ServiceMatch("Python http.server", "-m http.server in the command line", false, true);
        var debugger = new ServiceMatch("JDWP debugger", "Java debug agent on this port", false, false);
        var ianaHttp = new ServiceMatch("http-alt", "IANA registers 8080/tcp as http-alt", true, true);
        var ianaOther = new ServiceMatch("postgresql", "IANA registers 5432/tcp as postgresql", true, false);

        assertThat(PortCommands.browserUrl(devPort, Optional.of(webServer))).contains("http://127.0.0.1:8080/");
        assertThat(PortCommands.browserUrl(devPort, Optional.of(ianaHttp))).contains("http://127.0.0.1:8080/");
        // Nothing known but a conventional dev-server port (8080): offered.
        assertThat(PortCommands.browserUrl(devPort, Optional.empty())).contains("http://127.0.0.1:8080/");
        // A debugger or a database recognised from the command line is not a web page, even on 8080.
        assertThat(PortCommands.browserUrl(devPort, Optional.of(debugger))).isEmpty();
        Listener other = new Listener(Protocol.TCP, IpVersion.V4, new Endpoint("127.0.0.1", 5432), Optional.empty(),
                SocketState.LISTEN, Optional.empty());
        assertThat(PortCommands.browserUrl(other, Optional.of(ianaOther))).isEmpty();
        assertThat(PortCommands.browserUrl(other, Optional.empty())).isEmpty();
        assertThat(PortCommands.browserUrl(other, Optional.of(webServer))).contains("http://127.0.0.1:5432/");
        // Copy curl stays offered for any TCP listener.
        assertThat(PortCommands.curl(other)).contains("curl -v http://127.0.0.1:5432/");
    }

    @Test
    void offersNoUrlForUdpOrConnections() {
        assertThat(PortCommands.url(socket(Protocol.UDP, SocketState.BOUND, "0.0.0.0"))).isEmpty();
        assertThat(PortCommands.curl(socket(Protocol.TCP, SocketState.ESTABLISHED, "127.0.0.1"))).isEmpty();
    }

    @Test
    void terminalCommandsNameThePortAndProtocol() {
        assertThat(PortCommands.lsof(socket(Protocol.TCP, SocketState.LISTEN, "::1")))
                .isEqualTo("lsof -nP -i TCP:8080");
        assertThat(PortCommands.lsof(socket(Protocol.UDP, SocketState.BOUND, "::1"))).isEqualTo("lsof -nP -i UDP:8080");
        assertThat(PortCommands.netstat(socket(Protocol.TCP, SocketState.LISTEN, "::1"), OsFamily.WINDOWS))
                .isEqualTo("netstat -ano | findstr :8080");
        assertThat(PortCommands.netstat(socket(Protocol.TCP, SocketState.LISTEN, "::1"), OsFamily.LINUX))
                .isEqualTo("ss -ltnp 'sport = :8080'");
        assertThat(PortCommands.netstat(socket(Protocol.UDP, SocketState.BOUND, "::1"), OsFamily.LINUX))
                .isEqualTo("ss -lunp 'sport = :8080'");
        assertThat(PortCommands.netstat(socket(Protocol.TCP, SocketState.LISTEN, "::1"), OsFamily.MAC))
                .isEqualTo("netstat -anv -p tcp | grep '\\.8080 '");
    }

    @Test
    void uptimeIsShortAndReadable() {
        Instant start = Instant.parse("2026-11-20T10:00:00Z");

        assertThat(DetailPane.uptime(start, start.plusSeconds(12))).isEqualTo("12 s");
        assertThat(DetailPane.uptime(start, start.plusSeconds(4 * 60 + 9))).isEqualTo("4 min 09 s");
        assertThat(DetailPane.uptime(start, start.plusSeconds(3600 + 5 * 60))).isEqualTo("1 h 05 min");
        assertThat(DetailPane.uptime(start, start.plusSeconds(2 * 86_400 + 3 * 3600))).isEqualTo("2 d 3 h");
        assertThat(DetailPane.uptime(start, start.minusSeconds(5))).isEqualTo("0 s");
    }

    private static Listener socket(Protocol protocol, SocketState state, String address) {
        Optional<Endpoint> remote = state == SocketState.ESTABLISHED
                ? Optional.of(new Endpoint("127.0.0.1", 50_000)) : Optional.empty();
        return new Listener(protocol, address.contains(":") ? IpVersion.V6 : IpVersion.V4,
                new Endpoint(address, 8080), remote, state, Optional.empty());
    }
}
