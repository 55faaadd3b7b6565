package dev.portwatch.core;

import dev.portwatch.model.Endpoint;
import dev.portwatch.model.IpVersion;
import dev.portwatch.model.Listener;
import dev.portwatch.model.ProcessInfo;
import dev.portwatch.model.Protocol;
import dev.portwatch.model.SocketState;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ListenerFilterTest {

    private static final ProcessInfo NODE = new ProcessInfo(4242, "node", "dev", "node --inspect=127.0.0.1:9229 app.js",
            List.of("node", "--inspect=127.0.0.1:9229", "app.js"), Optional.empty(), 1);

    private static Listener listener(Protocol protocol, String address, int port, SocketState state) {
        return new Listener(protocol, address.contains(":") ? IpVersion.V6 : IpVersion.V4,
                new Endpoint(address, port), state == SocketState.ESTABLISHED
                        ? Optional.of(new Endpoint("127.0.0.1", 50000)) : Optional.empty(),
                state, Optional.of(NODE));
    }

    private final Listener loopback = listener(Protocol.TCP, "127.0.0.1", 9229, SocketState.LISTEN);
    private final Listener wildcard = listener(Protocol.TCP, "::", 3000, SocketState.LISTEN);
    private final Listener lan = listener(Protocol.TCP, "192.168.1.20", 8080, SocketState.LISTEN);
    private final Listener udp = listener(Protocol.UDP, "0.0.0.0", 5353, SocketState.BOUND);
    private final Listener connection = listener(Protocol.TCP, "127.0.0.1", 41000, SocketState.ESTABLISHED);

    @Test
    void defaultShowsLocalhostReachableListenersOfBothProtocols() {
        assertThat(List.of(loopback, wildcard, lan, udp, connection)).filteredOn(ListenerFilter.DEFAULT)
                .containsExactly(loopback, wildcard, udp);
    }

    @Test
    void togglesAddEveryAddressAndConnections() {
        var everything = ListenerFilter.DEFAULT.withAllAddresses(true).withConnections(true);

        assertThat(List.of(loopback, wildcard, lan, udp, connection)).filteredOn(everything)
                .containsExactly(loopback, wildcard, lan, udp, connection);
    }

    @Test
    void protocolChoiceNarrows() {
        assertThat(List.of(loopback, udp)).filteredOn(ListenerFilter.DEFAULT.withProtocols(ProtocolChoice.UDP))
                .containsExactly(udp);
        assertThat(List.of(loopback, udp)).filteredOn(ListenerFilter.DEFAULT.withProtocols(ProtocolChoice.TCP))
                .containsExactly(loopback);
    }

    @Test
    void textMatchesPortPrefixNameCommandPidAndAddress() {
        var all = List.of(loopback, wildcard, udp);
        assertThat(all).filteredOn(ListenerFilter.DEFAULT.withText("30")).containsExactly(wildcard);
        assertThat(all).filteredOn(ListenerFilter.DEFAULT.withText("5353")).containsExactly(udp);
        assertThat(all).filteredOn(ListenerFilter.DEFAULT.withText("NODE")).hasSize(3);
        assertThat(all).filteredOn(ListenerFilter.DEFAULT.withText("app.js")).hasSize(3);
        assertThat(all).filteredOn(ListenerFilter.DEFAULT.withText("4242")).hasSize(3);
        assertThat(all).filteredOn(ListenerFilter.DEFAULT.withText("0.0.0.0")).containsExactly(udp);
        assertThat(all).filteredOn(ListenerFilter.DEFAULT.withText("postgres")).isEmpty();
    }

    @Test
    void textNeverMatchesAcrossTwoFields() {
        // The command line ends "app.js" and the user is "dev": no socket shows "app.jsdev" or "app.js\0dev".
        var all = List.of(loopback, wildcard, udp);
        assertThat(all).filteredOn(ListenerFilter.DEFAULT.withText("app.jsdev")).isEmpty();
        assertThat(all).filteredOn(ListenerFilter.DEFAULT.withText("app.js\0dev")).isEmpty();
        assertThat(all).filteredOn(ListenerFilter.DEFAULT.withText("app.js")).hasSize(3);
    }
}
