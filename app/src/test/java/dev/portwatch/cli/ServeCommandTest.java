package dev.portwatch.cli;

import dev.portwatch.os.Scanners;
import dev.portwatch.testing.OsWiring;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** {@code portwatch serve} in this JVM: usage errors, and {@code --textfile} written once with the real scanner. */
class ServeCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private Path directory;

    @BeforeEach
    void makeDirectory() throws IOException {
        // Readable by other users, as node_exporter's textfile directory is (JUnit's temp dirs are private).
        directory = Files.createTempDirectory("portwatch-textfile",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    }

    @AfterEach
    void removeDirectory() throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    private int run(String... args) {
        CommandLine commandLine = PortwatchCommand.commandLine(OsWiring.real(Scanners::create),
                options -> fail("the window must not open"));
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--listen nope                          | bad --listen 'nope'",
        "--listen 127.0.0.1:70000               | bad --listen '127.0.0.1:70000'",
        "--listen example.com:9863              | bad --listen 'example.com:9863'",
        "--interval 0                           | bad --interval 0.0: give seconds from 0.5 to 10",
        "--interval 11                          | bad --interval 11.0",
        "--interval NaN                         | bad --interval NaN",
        "--interval abc                         | '--interval'",
        "--watch 70000                          | bad --watch",
        "--textfile /no/such/dir/portwatch.prom | bad --textfile: directory /no/such/dir does not exist",
        "--textfile /tmp                        | bad --textfile: /tmp is a directory",
        "--textfile x.prom --listen :9863       | --textfile writes a file and serves nothing"})
    void badInputIsOneLineAndExitsTwo(String args, String message) {
        int code = run(Stream.concat(Stream.of("serve"), Stream.of(args.split(" "))).toArray(String[]::new));

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains(message).doesNotContain("Exception").hasLineCount(1);
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void textfileIsWrittenOnceAtomicallyAndReadableByOtherUsers() throws Exception {
        Path target = directory.resolve("portwatch.prom");
        Files.writeString(target, "old\n");
        Object oldInode = Files.getAttribute(target, "unix:ino");
        try (var socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int code = run("serve", "--textfile", target.toString(),
                    "--watch", Integer.toString(socket.getLocalPort()));

            assertThat(code).as(err.toString()).isZero();
            String text = Files.readString(target);
            assertThat(text).contains("port=\"" + socket.getLocalPort() + "\",process=\"java\"")
                    .contains("portwatch_watch_state{state=\"in_use\",watch=\"" + socket.getLocalPort() + "/tcp\"} 1.0")
                    .contains("portwatch_scan_duration_seconds_count 1\n")
                    .doesNotContain("# EOF");
        }
        // Renamed over the old file (a new inode), not rewritten in place; no temporary file left behind.
        assertThat(Files.getAttribute(target, "unix:ino")).isNotEqualTo(oldInode);
        try (Stream<Path> files = Files.list(directory)) {
            assertThat(files).containsExactly(target);
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-r--r--");
        // node_exporter runs as its own user: read the file as a real unprivileged user.
        Process cat = new ProcessBuilder("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", "--",
                "cat", target.toString()).redirectErrorStream(true).start();
        String asNobody = new String(cat.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(cat.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(cat.exitValue()).as(asNobody).isZero();
        assertThat(asNobody).contains("portwatch_listener_info{");
    }

    @Test
    void anUnwritableDirectoryIsOneSentenceAndExitsOne() {
        // procfs refuses to create files even for root: a real refusal by the OS.
        int code = run("serve", "--textfile", "/proc/portwatch.prom");

        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).startsWith("portwatch: cannot write /proc/portwatch.prom: ")
                .doesNotContain("Exception").hasLineCount(1);
        assertThat(Path.of("/proc/portwatch.prom")).doesNotExist();
    }

    @Test
    void anAddressInUseIsOneSentenceAndExitsOne() throws Exception {
        try (var taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int code = run("serve", "--listen", "127.0.0.1:" + taken.getLocalPort());

            assertThat(code).isEqualTo(1);
            assertThat(err.toString()).isEqualTo("portwatch: cannot listen on 127.0.0.1:" + taken.getLocalPort()
                    + ": Address already in use" + System.lineSeparator());
        }
    }

    @Test
    void helpListsTheOptions() {
        assertThat(run("serve", "--help")).isZero();
        assertThat(out.toString()).contains("--listen=ADDR:PORT", "--interval=S", "--watch=SPEC", "--textfile=PATH");
    }
}
