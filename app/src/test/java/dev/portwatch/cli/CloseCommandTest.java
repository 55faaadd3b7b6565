package dev.portwatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portwatch.os.Scanners;
import dev.portwatch.os.SocketScanner;
import dev.portwatch.testing.Children;
import dev.portwatch.testing.Children.Child;
import dev.portwatch.testing.Commands;
import dev.portwatch.testing.EchoClients;
import dev.portwatch.testing.OsWiring;
import dev.portwatch.testing.Unprivileged;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

import static dev.portwatch.testing.EchoClients.assertReset;
import static dev.portwatch.testing.EchoClients.echo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code portwatch close} against a real server holding real client connections: the closed client sees a reset,
 * the others keep talking, and the server keeps listening ({@code ss} says so).
 */
class CloseCommandTest {

    private static final SocketScanner SCANNER = Scanners.create();

    private final Children children = new Children();
    private final List<Socket> clients = new ArrayList<>();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void needsNetlink() {
        assumeTrue(Scanners.connections().isPresent(), "needs Linux netlink sock_diag");
    }

    @AfterEach
    void cleanUp() throws IOException {
        for (Socket client : clients) {
            client.close();
        }
        children.close();
    }

    @Test
    void closesOnlyTheNamedConnectionAndTheServerKeepsListening() throws Exception {
        Child server = children.startServer("--hold");
        Socket doomed = connect(server.port());
        Socket kept = connect(server.port());

        int code = run("close", String.valueOf(server.port()), "--remote",
                "127.0.0.1:" + doomed.getLocalPort(), "--yes", "--json");

        assertThat(code).as(out + "" + err).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.get("success").asBoolean()).isTrue();
        assertThat(json.get("connections")).hasSize(1);
        assertThat(json.get("connections").get(0).get("remote").asText())
                .isEqualTo("127.0.0.1:" + doomed.getLocalPort());
        assertReset(doomed);
        assertThat(echo(kept, "still here")).isEqualTo("echo still here");
        assertThat(Commands.ssListening(server.port())).contains(":" + server.port());
        assertThat(server.process().isAlive()).isTrue();
    }

    @Test
    void closesEveryConnectionOfThePortAndSaysSo() throws Exception {
        Child server = children.startServer("--hold");
        Socket first = connect(server.port());
        Socket second = connect(server.port());

        int code = run("close", String.valueOf(server.port()), "--yes");

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("Closed 2 connections on port " + server.port());
        assertReset(first);
        assertReset(second);
        assertThat(Commands.ssListening(server.port())).contains(":" + server.port());
        // The server still accepts and serves new clients.
        assertThat(echo(connect(server.port()), "again")).isEqualTo("echo again");
    }

    @Test
    void noMatchingConnectionExitsOneAndUsageErrorsExitTwo() throws Exception {
        Child server = children.startServer("--hold");
        Socket client = connect(server.port());

        assertThat(run("close", String.valueOf(server.port()), "--remote", "127.0.0.1:1", "--yes")).isEqualTo(1);
        assertThat(err.toString()).contains("nothing was closed");
        assertThat(run("close", "0", "--yes")).isEqualTo(2);
        assertThat(run("close", String.valueOf(server.port()), "--remote", "localhost:80", "--yes")).isEqualTo(2);
        assertThat(run("close", String.valueOf(server.port()), "--remote", "[::1]:99999", "--yes")).isEqualTo(2);
        assertThat(run("close", String.valueOf(server.port()))).as("no terminal, no --yes").isEqualTo(2);
        assertThat(echo(client, "untouched")).isEqualTo("echo untouched");
    }

    @Test
    void aNormalUserIsRefusedWithExitThreeAndNothingCloses() throws Exception {
        assumeTrue(Unprivileged.available(), "needs root and setpriv to run the CLI as nobody");
        Child server = children.startServer("--hold");
        Socket client = connect(server.port());

        Commands.Result result = Commands.run(Unprivileged.asNobody(
                Unprivileged.portwatch("close", String.valueOf(server.port()), "--yes")));

        assertThat(result.exitCode()).as(result.stdout() + result.stderr()).isEqualTo(3);
        assertThat(result.stderr()).contains("needs CAP_NET_ADMIN");
        assertThat(echo(client, "untouched")).isEqualTo("echo untouched");
    }

    private Socket connect(int port) throws IOException {
        return EchoClients.connect(port, clients);
    }



    private int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        CommandLine commandLine = PortwatchCommand.commandLine(OsWiring.real(() -> SCANNER), options -> {
            throw new AssertionError("no window in CLI tests");
        });
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }
}
