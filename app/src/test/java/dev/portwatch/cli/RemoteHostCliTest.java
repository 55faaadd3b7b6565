package dev.portwatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portwatch.core.format.Json;
import dev.portwatch.core.remote.SshConnector;
import dev.portwatch.os.Scanners;
import dev.portwatch.os.SocketScanner;
import dev.portwatch.testing.Children;
import dev.portwatch.testing.OsWiring;
import dev.portwatch.testing.SshTestHost;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --host} against a real sshd in a network namespace the test creates: the data shown must come from inside
 * the namespace, actions run there, and every way a host can be unusable ends in one sentence and exit 4.
 */
class RemoteHostCliTest {

    private static SshTestHost host;
    private static SshConnector connector;
    private static final ExecutorService SSH_ERRORS = Executors.newCachedThreadPool();
    private static final SocketScanner LOCAL = Scanners.create();

    private final Children children = new Children();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void startHost() throws Exception {
        host = SshTestHost.start();
        connector = new SshConnector(Optional.of(host.clientConfig()), SSH_ERRORS);
    }

    @AfterAll
    static void stopHost() {
        if (host != null) {
            host.close();
        }
        SSH_ERRORS.shutdownNow();
    }

    @AfterEach
    void stopChildren() {
        children.close();
    }

    private int run(String... args) {
        var commandLine = PortwatchCommand.commandLine(OsWiring.real(Scanners::create), options -> { }, connector);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    private static int freePortInside() {
        return ThreadLocalRandom.current().nextInt(20_000, 60_000);
    }

    @Test
    void listShowsASocketOfTheRemoteHostThatThisHostDoesNotHave() throws Exception {
        int port = freePortInside();
        Process server = host.startServerInside(children, port);

        int code = run("list", "--host", SshTestHost.HOST, "--json");

        assertThat(code).as(err.toString()).isZero();
        assertThat(err.toString()).startsWith("host: " + SshTestHost.HOST);
        JsonNode sockets = Json.mapper().readTree(out.toString());
        assertThat(sockets).anySatisfy(s -> {
            assertThat(s.get("port").asInt()).isEqualTo(port);
            assertThat(s.get("address").asText()).isEqualTo("127.0.0.1");
            assertThat(s.get("pid").asLong()).isEqualTo(server.pid());
            assertThat(s.get("command").asText()).contains("ChildServer");
        });
        assertThat(LOCAL.scan().listeners()).noneMatch(l -> l.port() == port
                && l.pid().orElse(0) == server.pid());
    }

    @Test
    void tableNamesTheHostAndDestinationFormsAllWork() throws Exception {
        int port = freePortInside();
        host.startServerInside(children, port);

        for (String destination : List.of(SshTestHost.HOST, "root@" + host.address(),
                "ssh://root@" + host.address() + ":22")) {
            out.getBuffer().setLength(0);
            int code = run("list", "--host", destination);
            assertThat(code).as(destination + ": " + err).isZero();
            assertThat(out.toString()).startsWith("host: " + destination + "\nPORT   PROTO  ADDRESS")
                    .contains("\n" + port + " ");
        }
    }

    @Test
    void statusRunsOnTheHostAndKeepsItsExitCode() throws Exception {
        int port = freePortInside();
        host.startServerInside(children, port);

        assertThat(run("status", "--host", SshTestHost.HOST, "--watch", String.valueOf(port))).isZero();
        assertThat(out.toString()).contains(port + "/tcp").contains("IN_USE").contains("java");
        assertThat(run("status", "--watch", "abc", "--host", SshTestHost.HOST)).isEqualTo(2);
        assertThat(err.toString()).contains("abc");
    }

    @Test
    void killStopsTheRemoteHolderWithTheRemoteGuards() throws Exception {
        int port = freePortInside();
        Process server = host.startServerInside(children, port);

        int code = run("kill", "--host", SshTestHost.HOST, String.valueOf(port), "--yes");

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("pid " + server.pid()).contains(port + " is free now.");
        assertThat(Children.reaped(server)).isTrue();

        // The remote portwatch refuses pid 1 itself, and without --yes asks here, where no terminal answers.
        assertThat(run("kill", "--host", SshTestHost.HOST, "--pid", "1", "--yes")).isEqualTo(KillCommand.REFUSED);
        assertThat(err.toString()).contains("never stops pid 1");
        Process other = host.startServerInside(children, freePortInside());
        assertThat(run("kill", "--host", SshTestHost.HOST, "--pid", String.valueOf(other.pid()))).isEqualTo(2);
        assertThat(err.toString()).contains("not a terminal");
        assertThat(other.isAlive()).isTrue();
    }

    @Test
    void closeResetsTheRemoteConnectionAndKeepsItsListener() throws Exception {
        int port = freePortInside();
        Process server = host.startServerInside(children, port, "--hold");
        // A client inside the namespace: it says when it is connected and what its socket saw in the end.
        Process client = new ProcessBuilder(host.inside(List.of("python3", "-c", String.join("\n",
                "import socket",
                "s = socket.create_connection(('127.0.0.1', " + port + "))",
                "s.sendall(b'hello\\n'); s.recv(64); print('connected', flush=True)",
                "try:",
                "    print('eof' if not s.recv(64) else 'data', flush=True)",
                "except ConnectionResetError:",
                "    print('reset', flush=True)")))).redirectErrorStream(true).start();
        children.adopt(client);
        var lines = new BufferedReader(new InputStreamReader(client.getInputStream(),
                StandardCharsets.UTF_8));
        assertThat(lines.readLine()).isEqualTo("connected");

        int code = run("close", "--host", SshTestHost.HOST, String.valueOf(port), "--yes");

        assertThat(code).as(out + " " + err).isZero();
        assertThat(out.toString()).startsWith("host: " + SshTestHost.HOST);
        assertThat(lines.readLine()).isEqualTo("reset");
        assertThat(client.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(server.isAlive()).isTrue();
        assertThat(run("list", "--host", SshTestHost.HOST, String.valueOf(port))).isZero();
        assertThat(LOCAL.scan().listeners()).noneMatch(l -> l.port() == port
                && l.pid().orElse(0) == server.pid());
    }

    @Test
    void killRefusesAPidWhoseStartTimeChanged() throws Exception {
        Process server = host.startServerInside(children, freePortInside());

        int code = run("kill", "--host", SshTestHost.HOST, "--pid", String.valueOf(server.pid()),
                "--started", "2001-01-01T00:00:00Z", "--yes");

        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("reused");
        assertThat(server.isAlive()).isTrue();
    }

    @Test
    void anUnreachableHostIsOneSentenceAndExitFour() {
        int code = run("list", "--host", "ssh://root@" + host.address() + ":2");

        assertThat(code).isEqualTo(RemoteHostOption.EXIT_REMOTE_FAILED);
        assertThat(err.toString().strip().lines()).last().asString()
                .startsWith("portwatch: Could not reach ssh://root@" + host.address() + ":2 over SSH")
                .contains("Connection refused");
        assertThat(err.toString()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void aHostWithoutPortwatchSaysSo() {
        assertThat(run("list", "--host", SshTestHost.HOST_WITHOUT_PORTWATCH)).isEqualTo(4);
        assertThat(err.toString()).contains("portwatch: " + SshTestHost.HOST_WITHOUT_PORTWATCH
                + " has no portwatch on its PATH");
    }

    @Test
    void aMalformedAnswerIsOneSentence() {
        assertThat(run("list", "--host", SshTestHost.HOST_WITH_GARBAGE)).isEqualTo(4);
        assertThat(err.toString().lines().filter(l -> l.startsWith("portwatch:")))
                .containsExactly("portwatch: " + SshTestHost.HOST_WITH_GARBAGE + " answered something that is not"
                        + " portwatch's remote protocol: it sent \u201cWelcome to portwatch!!\u201d, which is not a"
                        + " message of this protocol.");
    }

    @Test
    void anotherProtocolVersionSaysWhich() {
        assertThat(run("status", "--host", SshTestHost.HOST_FROM_THE_FUTURE)).isEqualTo(4);
        assertThat(err.toString()).contains("runs portwatch 9.0, which speaks remote protocol 99; this portwatch"
                + " speaks protocol 1");
    }

    @Test
    void hostileArgumentsReachTheRemotePortwatchVerbatimAndNeverItsShell() throws Exception {
        Path marker = Path.of("/tmp/portwatch-hostile-" + ThreadLocalRandom.current().nextLong(Long.MAX_VALUE));
        List<String> hostile = List.of("tcp'; touch " + marker + "; echo '", "$(touch " + marker + ")",
                "`touch " + marker + "`", "a\nb; touch " + marker, "\"; touch " + marker + " #", "",
                "caf\u00e9 \u2603");
        for (String argument : hostile) {
            err.getBuffer().setLength(0);
            int code = run("list", "--host", SshTestHost.HOST, "--protocol", argument);
            assertThat(code).as(argument).isEqualTo(2);
            // The remote picocli names the argument exactly as typed: it arrived as one argument, unchanged.
            assertThat(err.toString()).as(argument).contains(argument.isEmpty() ? "''" : argument);
        }
        assertThat(Files.exists(marker)).isFalse();
        assertThat(runInside("test", "-e", marker.toString())).isNotZero();
    }

    @Test
    void hostileDestinationsNeverReachSsh() {
        for (String destination : List.of("-oProxyCommand=touch /tmp/portwatch-pwned", "host\nname", "a b", "")) {
            err.getBuffer().setLength(0);
            assertThat(run("list", "--host", destination)).as(destination).isEqualTo(2);
            assertThat(err.toString()).contains("bad --host: the SSH destination");
        }
        assertThat(Files.exists(Path.of("/tmp/portwatch-pwned"))).isFalse();
    }

    @Test
    void theEntryPointReadsTheSshConfigFromTheEnvironment() throws Exception {
        int port = freePortInside();
        host.startServerInside(children, port);
        List<String> command = new ArrayList<>(List.of(Children.javaExecutable(), "-cp",
                System.getProperty("java.class.path"), "dev.portwatch.Main", "list", "--host", SshTestHost.HOST,
                "--csv"));
        var builder = new ProcessBuilder(command);
        builder.environment().put(SshConnector.CONFIG_VARIABLE, host.clientConfig().toString());
        Process process = builder.start();
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(process.exitValue()).as(stderr).isZero();
        assertThat(stderr).startsWith("host: " + SshTestHost.HOST);
        assertThat(stdout).startsWith("port,protocol,").contains("\n" + port + ",");
    }

    private static int runInside(String... command) throws Exception {
        return new ProcessBuilder(host.inside(List.of(command))).start().waitFor();
    }
}
