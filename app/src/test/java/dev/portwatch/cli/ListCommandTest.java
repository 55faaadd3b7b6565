package dev.portwatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portwatch.core.format.Json;
import dev.portwatch.os.Scanners;
import dev.portwatch.testing.OsWiring;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

class ListCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final AtomicBoolean windowOpened = new AtomicBoolean();

    private int run(String... args) {
        var commandLine = PortwatchCommand.commandLine(OsWiring.real(Scanners::create),
                options -> windowOpened.set(true));
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        return commandLine.execute(args);
    }

    @Test
    void listJsonContainsASocketThisTestOpened() throws Exception {
        try (var server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
                var udp = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("::1"), 0))) {
            int code = run("list", "--json");

            assertThat(code).isZero();
            JsonNode array = Json.mapper().readTree(out.toString());
            assertThat(array.isArray()).isTrue();
            JsonNode tcp = findPort(array, server.getLocalPort(), "tcp");
            assertThat(tcp.get("address").asText()).isEqualTo("127.0.0.1");
            assertThat(tcp.get("pid").asLong()).isEqualTo(ProcessHandle.current().pid());
            assertThat(tcp.get("process").asText()).isEqualTo("java");
            assertThat(tcp.get("command").asText()).contains("java");
            assertThat(tcp.get("started").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
            assertThat(tcp.has("user")).isTrue();
            JsonNode udpNode = findPort(array, udp.getLocalPort(), "udp");
            assertThat(udpNode.get("address").asText()).isEqualTo("::1");
            assertThat(windowOpened).isFalse();
        }
    }

    @Test
    void defaultListHidesNonLocalAddressesAndAllShowsThem() throws Exception {
        InetAddress lan = Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                .flatMap(i -> Collections.list(i.getInetAddresses()).stream())
                .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress())
                .findFirst().orElse(null);
        Assumptions.assumeTrue(lan != null, "this machine has no non-loopback IPv4 address");
        try (var server = new ServerSocket(0, 50, lan)) {
            // By address and port: another process may hold the same port number on loopback.
            String endpoint = lan.getHostAddress() + ":" + server.getLocalPort();
            run("list", "--json");
            assertThat(endpointsIn(out.toString())).doesNotContain(endpoint);

            out.getBuffer().setLength(0);
            run("list", "--all", "--json");
            assertThat(endpointsIn(out.toString())).contains(endpoint);
        }
    }

    @Test
    void tableListsTheSocketWithItsPid() throws Exception {
        try (var server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            int code = run("list");

            assertThat(code).isZero();
            // The columns are the window's, in its order: PORT PROTO ADDRESS PID ...
            String line = out.toString().lines().filter(l -> l.startsWith(server.getLocalPort() + " "))
                    .findFirst().orElseThrow();
            assertThat(line.split(" +")).startsWith(String.valueOf(server.getLocalPort()), "tcp4", "127.0.0.1",
                    String.valueOf(ProcessHandle.current().pid()));
            assertThat(out.toString().lines().findFirst().orElseThrow().split(" +")).startsWith("PORT", "PROTO",
                    "ADDRESS", "EXPOSURE", "PID", "PROCESS", "SERVICE", "USER", "STARTED", "COMMAND");
        }
    }

    @Test
    void unknownOptionExitsTwoWithOneLine() {
        int code = run("list", "--bogus");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString().strip().lines()).hasSize(1);
        assertThat(err.toString()).contains("--bogus");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void badProtocolExitsTwo() {
        assertThat(run("list", "--protocol", "sctp")).isEqualTo(2);
        assertThat(err.toString()).contains("sctp");
    }

    @Test
    void noSubcommandOpensTheWindow() {
        assertThat(run()).isZero();
        assertThat(windowOpened).isTrue();
    }

    private static JsonNode findPort(JsonNode array, int port, String protocol) {
        for (JsonNode node : array) {
            if (node.get("port").asInt() == port && node.get("protocol").asText().equals(protocol)) {
                return node;
            }
        }
        throw new AssertionError("port " + port + "/" + protocol + " not in list --json");
    }

    private static List<String> endpointsIn(String json) throws Exception {
        var endpoints = new ArrayList<String>();
        for (JsonNode node : Json.mapper().readTree(json)) {
            endpoints.add(node.get("address").asText() + ":" + node.get("port").asInt());
        }
        return endpoints;
    }

    @Test
    void listPortShowsOnlyThatPortAndExitsZeroWhenHeldOneWhenNot() throws Exception {
        try (var wild = new ServerSocket(0, 50, InetAddress.getByName("0.0.0.0"));
                var loop = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            int free;
            try (var probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
                free = probe.getLocalPort();
            }

            assertThat(run("list", String.valueOf(wild.getLocalPort()), "--json")).isZero();
            JsonNode array = Json.mapper().readTree(out.toString());
            assertThat(array).isNotEmpty();
            array.forEach(e -> assertThat(e.get("port").asInt()).isEqualTo(wild.getLocalPort()));
            JsonNode first = array.get(0);
            assertThat(first.get("exposed").asBoolean()).isTrue();
            assertThat(first.get("exposure").asText()).isEqualTo("network");

            out.getBuffer().setLength(0);
            String range = (loop.getLocalPort() - 1) + "-" + loop.getLocalPort();
            assertThat(run("list", range, String.valueOf(free), "--csv")).isZero();
            var csv = out.toString().lines().toList();
            assertThat(csv.get(0)).startsWith("port,protocol,ipVersion,address,exposure,exposed,");
            assertThat(csv).anySatisfy(line -> assertThat(line)
                    .startsWith(loop.getLocalPort() + ",tcp,4,127.0.0.1,loopback,false,LISTEN,"));

            out.getBuffer().setLength(0);
            assertThat(run("list", String.valueOf(free))).isEqualTo(ListCommand.NOTHING_HELD);
            assertThat(out.toString().lines().skip(1).toList()).isEmpty();
            assertThat(err.toString()).contains("Nothing holds " + free);

            err.getBuffer().setLength(0);
            assertThat(run("list", "70000")).isEqualTo(2);
            assertThat(err.toString()).contains("70000");
        }
    }

    @Test
    void connectionsTextHasStateAndRemote() throws Exception {
        try (var server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
                var client = new Socket(InetAddress.getByName("127.0.0.1"), server.getLocalPort());
                var accepted = server.accept()) {
            assertThat(run("list", "--connections")).isZero();
            String header = out.toString().lines().findFirst().orElseThrow();
            assertThat(header.split(" +")).contains("STATE", "REMOTE");
            assertThat(out.toString()).contains("ESTABLISHED", "127.0.0.1:" + client.getLocalPort());

            out.getBuffer().setLength(0);
            run("list");
            assertThat(out.toString().lines().findFirst().orElseThrow()).doesNotContain("STATE", "REMOTE");
        }
    }
}
